"""member_reach: turn association rosters into well-run call campaigns."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("member-reach")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

APP_NAME = "member_reach"
APP_TITLE = "member_reach"
