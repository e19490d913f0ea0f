#!/usr/bin/env bash
# The macOS download: dist/member_reach.app (from packaging/build.py on a Mac) in a .dmg with a
# link to /Applications. Signing and notarisation come first when the credentials are there
# (sign_and_notarize.sh); without them the .dmg is built unsigned (Gatekeeper then asks the user
# to open it with right-click › Open the first time).
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(python -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
app=dist/member_reach.app
[ -d "$app" ] || { echo "build the app first: python packaging/build.py" >&2; exit 1; }
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    packaging/macos/sign_and_notarize.sh "$app"
fi
staging=$(mktemp -d)
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname "member_reach $version" -srcfolder "$staging" -ov -format UDZO \
    "dist/member_reach-$version-macos.dmg"
rm -rf "$staging"
if [ -n "${MACOS_SIGN_IDENTITY:-}" ]; then
    codesign --sign "$MACOS_SIGN_IDENTITY" --timestamp "dist/member_reach-$version-macos.dmg"
fi
echo "dist/member_reach-$version-macos.dmg"
