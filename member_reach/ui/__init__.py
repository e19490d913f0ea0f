"""Qt widgets, models, dialogs and workers: the only layer that imports PySide6."""
