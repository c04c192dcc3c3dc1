#!/usr/bin/env bash
# Renders the first page of the blank and of a filled Form 1 to PNG for the README (docs/images/).
# Needs LibreOffice and poppler (apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk); CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet run -c Release --project bench/Guohe.Bench -- samples "$work"
soffice --headless --convert-to pdf --outdir "$work" "$work"/form1-blank.docx "$work"/form1-filled.docx >/dev/null
mkdir -p docs/images
for name in form1-blank form1-filled; do
  pdftoppm -png -r 72 -f 1 -l 1 -singlefile "$work/$name.pdf" "docs/images/$name"
done
ls -l docs/images/form1-*.png
