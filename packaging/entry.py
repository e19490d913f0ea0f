"""The frozen app's entry: the same main as ``member-reach`` and ``python -m member_reach``.

``freeze_support`` first: a large import reads rows in a worker process (see
``member_reach/services/imports/reading_worker.py``), which the frozen app starts as itself
with ``--multiprocessing-fork`` (PyInstaller's multiprocessing run-time hook makes that work on
every system); such a run does the worker's part and ends there.
"""

import multiprocessing
import sys

from member_reach.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
