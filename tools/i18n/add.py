#!/usr/bin/env python3
"""Adds English lines to src/Guohe.Web/Resources/SharedResource.en.resx from standard input:
one 'Chinese<TAB>English' pair per line. Existing keys are replaced. Keeps the file sorted."""
import html, os, re, sys
path = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'Guohe.Web', 'Resources', 'SharedResource.en.resx')
text = open(path, encoding='utf-8').read()
rows = {html.unescape(k): html.unescape(v) for k, v in re.findall(r'<data name="([^"]*)" xml:space="preserve"><value>(.*?)</value></data>', text, re.S)}
for line in sys.stdin:
    line = line.rstrip('\n')
    if line.strip():
        key, value = line.split('\t')
        rows[key] = value
head = text[:text.index('  <data ')] if '  <data ' in text else text[:text.rindex('</root>')]
body = ''.join(f'  <data name="{html.escape(k, quote=True)}" xml:space="preserve"><value>{html.escape(v, quote=False)}</value></data>\n' for k, v in sorted(rows.items()))
open(path, 'w', encoding='utf-8').write(head + body + '</root>\n')
