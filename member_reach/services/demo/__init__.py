"""The demo association behind ``--demo``."""
