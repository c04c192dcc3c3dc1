#!/usr/bin/env bash
# Copies the pinned front-end libraries into src/Guohe.Web/wwwroot/lib. The copies are committed, so
# building, testing and running Guohe never need npm; run this only to change a version.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
lib=../../src/Guohe.Web/wwwroot/lib
rm -rf "$lib/bootstrap"
mkdir -p "$lib/bootstrap"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/LICENSE "$lib/bootstrap/"
echo "vendored into $lib"
