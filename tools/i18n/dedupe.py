#!/usr/bin/env python3
"""Keeps the first <data> entry of each key in SharedResource.en.resx (after union merges of branches)."""
import re
import sys

path = sys.argv[1] if len(sys.argv) > 1 else 'src/Guohe.Web/Resources/SharedResource.en.resx'
text = open(path, encoding='utf-8').read()
seen, parts, pos, removed = set(), [], 0, 0
for match in re.finditer(r'[ \t]*<data name="([^"]*)"[^>]*>.*?</data>\r?\n', text, re.S):
    parts.append(text[pos:match.start()])
    if match.group(1) in seen:
        removed += 1
    else:
        seen.add(match.group(1))
        parts.append(match.group(0))
    pos = match.end()
parts.append(text[pos:])
open(path, 'w', encoding='utf-8').write(''.join(parts))
print(f'removed {removed} duplicate entries')
