#!/usr/bin/env python3
"""Lists the Chinese resource keys used in src/Guohe.Web (L["…"], l["…"], ErrorMessage, Display Name, labels).
Used to find keys that still need an English line in Resources/SharedResource.en.resx; the test
LocalisationTests checks the same thing in the suite."""
import glob, re, sys, os
root = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'Guohe.Web')
patterns = [r'\b[Ll]\["((?:[^"\\]|\\.)*)"', r'ErrorMessage = "((?:[^"\\]|\\.)*)"', r'Name = "((?:[^"\\]|\\.)*)"']
keys = set()
for path in glob.glob(os.path.join(root, '**', '*.cs*'), recursive=True):
    if any(p in path for p in ('/Migrations/', '/obj/', '/bin/')) or not path.endswith(('.cs', '.cshtml')):
        continue
    text = open(path, encoding='utf-8').read()
    for pattern in patterns:
        keys.update(k for k in re.findall(pattern, text) if re.search(r'[\u4e00-\u9fff]', k))
for special in ('Identity/Roles.cs', 'Features/Status.cshtml.cs'):
    text = open(os.path.join(root, special), encoding='utf-8').read()
    keys.update(re.findall(r'"([^"]*[\u4e00-\u9fff][^"]*)"', text))
resx = os.path.join(root, 'Resources', 'SharedResource.en.resx')
have = set(re.findall(r'<data name="([^"]*)"', open(resx, encoding='utf-8').read())) if os.path.exists(resx) else set()
import html
have = {html.unescape(h) for h in have}
for key in sorted(keys - have if '--missing' in sys.argv else keys):
    print(key)
