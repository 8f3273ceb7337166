#!/usr/bin/env python3
"""po-fill.py PO TRANSLATIONS.json - fill untranslated entries of a catalog.

TRANSLATIONS.json maps msgid (as the program writes it, escapes decoded) to
msgstr.  Only entries whose msgstr is empty are filled; nothing else in the
file changes.  Prints the msgids it could not find.  Run tools/update-po.sh
first (it merges the new msgids in) and `msgfmt --check` after."""
import json
import re
import sys


def unquote(lines):
    return "".join(json.loads(l) for l in lines)


def quote(s):
    return json.dumps(s, ensure_ascii=False)


def main(po, tr):
    want = json.load(open(tr, encoding="utf-8"))
    lines = open(po, encoding="utf-8").read().split("\n")
    out, i, done = [], 0, set()
    while i < len(lines):
        line = lines[i]
        if line.startswith("msgid "):
            ids = [line[6:]]
            j = i + 1
            while j < len(lines) and lines[j].startswith('"'):
                ids.append(lines[j])
                j += 1
            msgid = unquote(ids)
            if j < len(lines) and lines[j] == 'msgstr ""' and (j + 1 >= len(lines) or not lines[j + 1].startswith('"')) \
                    and msgid in want:
                out.extend(lines[i:j])
                out.append("msgstr " + quote(want[msgid]))
                done.add(msgid)
                i = j + 1
                continue
        out.append(line)
        i += 1
    open(po, "w", encoding="utf-8").write("\n".join(out))
    for k in want:
        if k not in done:
            print("po-fill: not filled:", repr(k), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
