#!/usr/bin/env bash
# Writes the README's screenshots (docs/images/portal-*.png, dashboard.png, map-china.png, map-world.png) by running the
# browser tests that take them (tests/Guohe.Tests/Browser/ScreenshotTests.cs). Needs /usr/bin/chromium and fonts-noto-cjk
# (bash .ci/run installs both). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
GUOHE_SCREENSHOTS="$PWD/docs/images" dotnet test tests/Guohe.Tests --filter "FullyQualifiedName~Browser.ScreenshotTests"
rm -rf docs/images/portal docs/images/dashboard # the per-step checks' pictures; the README shows the ones named above
ls -l docs/images/*.png
