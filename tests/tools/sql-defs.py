#!/usr/bin/python3
"""sql-defs.py [--problems] DIR - the definitions of schema wardesk's code
objects in DIR/migrations/*.sql and DIR/code/*.sql (DIR is usually sql).

Prints one line per definition, "FILE<TAB>KIND<TAB>NAME": FILE relative to
DIR (code/30_cases.sql), KIND function|view|trigger|policy, NAME
wardesk.take, wardesk.case_list, wardesk.cases.t20_rules (table.trigger),
wardesk.cases.ward_isolation (table.policy).  Whole-line comments are
skipped; definitions inside strings (dynamic SQL) count.

With --problems, prints instead what breaks the rule "one live definition
per object" (issue 10), one line each: an object defined more than once (in
one file or several), or defined in a versioned migration.  Nothing printed:
the layout is right.  Used by tests/cli/sql_layout.sh and sql_live.sh."""
import collections
import os
import re
import sys

PATTERNS = [
    ('function', re.compile(r'\bcreate\s+(?:or\s+replace\s+)?(?:function|procedure|aggregate)\s+'
                            r'wardesk\.(\w+)', re.I)),
    ('view', re.compile(r'\bcreate\s+(?:or\s+replace\s+)?(?:(?:temp|temporary|recursive)\s+)?'
                        r'(?:materialized\s+)?view\s+(?:if\s+not\s+exists\s+)?wardesk\.(\w+)', re.I)),
    ('trigger', re.compile(r'\bcreate\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger\s+(\w+)\s+'
                           r'(?:before|after|instead\s+of)\b.*?\bon\s+wardesk\.(\w+)', re.I | re.S)),
    ('policy', re.compile(r'\bcreate\s+policy\s+(\w+)\s+on\s+wardesk\.(\w+)', re.I)),
]


def definitions(root):
    for sub in ('migrations', 'code'):
        d = os.path.join(root, sub)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith('.sql'):
                continue
            with open(os.path.join(d, f), encoding='utf-8') as fh:
                text = re.sub(r'(?m)^\s*--.*$', '', fh.read())
            for kind, rx in PATTERNS:
                for m in rx.finditer(text):
                    if kind in ('trigger', 'policy'):
                        name = 'wardesk.%s.%s' % (m.group(2).lower(), m.group(1).lower())
                    else:
                        name = 'wardesk.' + m.group(1).lower()
                    yield '%s/%s' % (sub, f), kind, name


def main(argv):
    problems = '--problems' in argv
    args = [a for a in argv if a != '--problems']
    if len(args) != 1:
        sys.exit(__doc__.split('\n\n')[0])
    defs = list(definitions(args[0]))
    if not problems:
        for d in defs:
            print('\t'.join(d))
        return
    seen = collections.defaultdict(list)
    for f, kind, name in defs:
        seen[(kind, name)].append(f)
        if f.startswith('migrations/'):
            print('%s %s is defined in the versioned migration %s (it belongs in sql/code/)'
                  % (kind, name, f))
    for (kind, name), files in sorted(seen.items()):
        if len(files) > 1:
            print('%s %s is defined %d times: %s' % (kind, name, len(files), ', '.join(files)))


if __name__ == '__main__':
    main(sys.argv[1:])
