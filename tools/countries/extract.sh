#!/usr/bin/env bash
# Regenerates src/Guohe.Web/Infrastructure/countries.json (ISO 3166-1 alpha-2 code, Chinese and English name) from the
# npm package i18n-iso-countries (MIT), pinned below. China and its regions (CN, HK, MO, TW) are not foreign partners
# and are left out. The JSON is committed; nothing is fetched at build or run time.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
(cd "$work" && npm pack i18n-iso-countries@7.14.0 -q >/dev/null && tar xzf i18n-iso-countries-7.14.0.tgz)
python3 - "$work/package/langs" ../../src/Guohe.Web/Infrastructure/countries.json <<'PY'
import json, sys
langs, out = sys.argv[1], sys.argv[2]
zh = json.load(open(f"{langs}/zh.json", encoding="utf-8"))["countries"]
en = json.load(open(f"{langs}/en.json", encoding="utf-8"))["countries"]
first = lambda v: v[0] if isinstance(v, list) else v
rows = [{"code": c, "zh": first(zh[c]), "en": first(en[c])} for c in sorted(zh) if c not in ("CN", "HK", "MO", "TW") and c in en]
json.dump(rows, open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=0)
print(len(rows), "countries")
PY
rm -rf "$work"
