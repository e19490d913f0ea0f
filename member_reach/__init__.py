"""member_reach: turn association rosters into well-run call campaigns."""

from member_reach._version import BAKED

if BAKED is not None:  # the frozen app: written by its build
    __version__ = BAKED
else:
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("member-reach")
    except PackageNotFoundError:  # running from a source tree that was never installed
        __version__ = "0.0.0+unknown"

APP_NAME = "member_reach"
APP_TITLE = "member_reach"
