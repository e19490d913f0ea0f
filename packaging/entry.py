"""The frozen app's entry: the same main as ``member-reach`` and ``python -m member_reach``."""

import sys

from member_reach.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
