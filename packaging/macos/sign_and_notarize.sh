#!/usr/bin/env bash
# Sign the .app with a Developer ID and have Apple notarise it, so Gatekeeper opens it without
# a warning. Reads the credentials from the environment (the release workflow's secrets):
#   MACOS_SIGN_IDENTITY   "Developer ID Application: <name> (<team id>)", in the keychain
#   APPLE_ID              the Apple ID that notarises
#   APPLE_TEAM_ID         the team's id
#   APPLE_APP_PASSWORD    an app-specific password of that Apple ID
# Steps: codesign every binary with the hardened runtime and a timestamp, zip, submit with
# notarytool and wait, staple the ticket to the .app.
set -euo pipefail
app=${1:?usage: sign_and_notarize.sh path/to/member_reach.app}
for name in MACOS_SIGN_IDENTITY APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD; do
    [ -n "${!name:-}" ] || { echo "set $name to sign and notarise" >&2; exit 1; }
done
codesign --force --deep --options runtime --timestamp --sign "$MACOS_SIGN_IDENTITY" "$app"
codesign --verify --strict --verbose=2 "$app"
zip=$(mktemp -d)/member_reach.zip
ditto -c -k --keepParent "$app" "$zip"
xcrun notarytool submit "$zip" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
xcrun stapler staple "$app"
