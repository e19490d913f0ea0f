"""The macOS bundle's Info.plist: one place for the spec (which writes it) and the tests.

``info_plist(version)`` gives the keys PyInstaller's BUNDLE writes into
``member_reach.app/Contents/Info.plist``: the bundle id, the version from pyproject.toml, the
icon, and the keys that make the app follow the system's dark mode and draw sharp on Retina
screens.
"""

from __future__ import annotations

BUNDLE_ID = "org.member-reach.app"


def info_plist(version: str) -> dict[str, object]:
    """The Info.plist keys of the app at ``version``."""
    return {
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleName": "member_reach",
        "CFBundleDisplayName": "member_reach",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundleIconFile": "member_reach.icns",
        "CFBundlePackageType": "APPL",
        "NSHighResolutionCapable": True,
        "NSRequiresAquaSystemAppearance": False,  # follows the system's dark mode
        "LSMinimumSystemVersion": "11.0",
        "NSHumanReadableCopyright": "member_reach",
    }
