"""Where Qt finds its plugins: run by the frozen app before its own code (``runtime_hooks``).

It stands in for PyInstaller's PySide6 hook, which imported QtCore at every start (about
0.08 s, --version included) only to register a qt.conf that PySide6's wheels already build into
QtCore.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6")  # noqa: SLF001 (the bootloader's folder)
if sys.platform != "win32":
    _qt = os.path.join(_qt, "Qt")
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
if sys.platform == "win32":  # Qt's plugins find the Qt DLLs beside the program
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")  # noqa: SLF001
del _qt
