#!/usr/bin/env python3
"""layers.py - check that wardesk's include graph reads bottom to top.

    python3 tools/layers.py [-v] [ROOT]
    python3 tools/layers.py --files [ROOT]   # the file list of ARCHITECTURE.md
    python3 tools/layers.py --splice FILE   # rewrite FILE's files:begin/end section
    python3 tools/layers.py --stale FILE    # exit 1 when that section is out of date

A module is a source file and its header (src/foo.c + include/wardesk/foo.h
are one module "foo").  Every `#include "wardesk/bar.h"` in a module's files
is an arrow foo -> bar.  Each module belongs to one layer (LAYERS below,
bottom first); an arrow into a higher layer points back up.

Fails (exit 1) when
  - a module matches no layer (a new file must be placed: edit LAYERS and
    ARCHITECTURE.md together),
  - the modules form a circle (a strongly connected set of two or more),
  - more than MAX_UP_PERCENT of the arrows point back up,
  - a screen includes a CLI command module or the other way round.
Prints one summary line; -v lists every upward arrow and circle member.
"""
import os
import re
import sys

# (layer name, module-name patterns), bottom layer first.  Keep in step with
# the picture in ARCHITECTURE.md.
LAYERS = [
    ("base", [r"wardesk", r"util", r"text", r"phone", r"timefmt", r"open311",
              r"deskclock", r"sqlfiles", r"notify", r"stats", r"refusals", r"photo",
              r"photo_fetch", r"photo_gfx", r"photo_encode", r"dynlib", r"chafa_lib"]),
    ("store", [r"store", r"store_.*"]),
    ("model", [r"model", r"model_.*", r"mapdraw", r"words", r"caserules", r"history", r"live", r"live_.*", r"intake_feed",
               r"drafts?"]),
    ("services", [r"ui", r"ui_.*", r"draw", r"prompt", r"prompt_.*", r"theme", r"keymap",
                  r"bindings", r"actions", r"hints", r"config", r"config_.*", r"sweep",
                  r"console_alerts", r"alert_hints", r"dialogs", r"dialog_.*", r"screen", r"photo_view"]),
    ("case actions", [r"caseops", r"caseops_.*"]),
    ("front", [r"screen_.*", r"cli", r"cli_.*", r"cmd_.*", r"simulate", r"commands"]),
    ("console", [r"console", r"console_.*", r"screens"]),
    ("main", [r"main"]),
]
MAX_UP_PERCENT = 3.0
SCREEN = re.compile(r"^screen_")
CLI = re.compile(r"^(cli|cli_.*|cmd_.*|simulate)$")
INCLUDE = re.compile(r'^\s*#\s*include\s+"wardesk/([A-Za-z0-9_]+)\.h"')
# A header declares functions; the file defining them is what the header
# really stands for.  Declarations: "type name(" at the start of a line of a
# header; definitions: the same at the start of a line of a .c file, not
# static, not ending in ';'.
DECL = re.compile(r"^(?!typedef|extern|static|#|struct\s+\w+\s*\{)[A-Za-z_][\w\s\*]*?\b(\w+)\s*\(")
# Private headers belong to their module; the prelude is one module.
# The CLI is one module: its command table (cli_cmds.h) names the commands,
# the commands use its parser (cli.h), the parser looks rows up in the table.
ALIASES = {"util": "wardesk", "cli_cmds": "cli"}


def module_name(name):
    if name.endswith("_impl"):
        name = name[: -len("_impl")]
    return ALIASES.get(name, name)


def layer_of(module):
    for i, (_, pats) in enumerate(LAYERS):
        if any(re.fullmatch(p, module) for p in pats):
            return i
    return None


def read_graph(root):
    files = []
    for d, ext in (("src", ".c"), ("include/wardesk", ".h")):
        path = os.path.join(root, d)
        for name in sorted(os.listdir(path)):
            if name.endswith(ext):
                files.append((name[: -len(ext)], os.path.join(path, name)))
    files = [(module_name(m), p) for m, p in files]
    headers = {m for m, p in files if p.endswith(".h")}
    lines = {}
    for _, path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines[path] = f.readlines()
    declared, defined = {}, {}
    for module, path in files:
        for line in lines[path]:
            d = DECL.match(line)
            if d and path.endswith(".h"):
                declared.setdefault(d.group(1), set()).add(module)
            elif d and not line.rstrip().endswith(";"):
                defined.setdefault(path, []).append(d.group(1))
    # A source file without a header of its own is part of the module whose
    # header declares (most of) its functions: store_cases.c is "store".
    renamed = []
    for module, path in files:
        if path.endswith(".c") and module not in headers:
            votes = {}
            for fn in defined.get(path, []):
                for h in declared.get(fn, ()):
                    votes[h] = votes.get(h, 0) + 1
            if votes:
                module = max(sorted(votes), key=lambda h: votes[h])
        renamed.append((module, path))
    files = renamed
    modules = sorted({m for m, _ in files})
    owner_of = {fn: m for m, p in files for fn in defined.get(p, [])}
    arrows = set()
    for module, path in files:
        for line in lines[path]:
            m = INCLUDE.match(line)
            if m and module_name(m.group(1)) != module:
                arrows.add((module, module_name(m.group(1))))
    defined = owner_of
    # A header whose functions another module defines depends on that module.
    for fn, headers in declared.items():
        for h in headers:
            owner = defined.get(fn)
            if owner and owner != h:
                arrows.add((h, owner))
    return modules, sorted(arrows)


def circles(modules, arrows):
    """Tarjan's strongly connected components of two or more modules."""
    succ = {m: [] for m in modules}
    for a, b in arrows:
        succ.setdefault(a, []).append(b)
        succ.setdefault(b, [])
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        work = [(v, iter(succ[v]))]
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == node:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
            elif nxt not in index:
                index[nxt] = low[nxt] = counter[0]
                counter[0] += 1
                stack.append(nxt)
                on.add(nxt)
                work.append((nxt, iter(succ[nxt])))
            elif nxt in on:
                low[node] = min(low[node], index[nxt])

    for v in succ:
        if v not in index:
            visit(v)
    return out


def purpose(path):
    """The first line of a file's opening comment, without its name."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read(2000)
    m = re.match(r"\s*/\*\s*(.*?)\*/", text, re.S)
    body = m.group(1) if m else ""
    words = " ".join(" ".join(ln.strip().lstrip("*").split()) for ln in body.splitlines()).strip()
    words = re.sub(r"^[\w.]+\s+-\s+", "", words)
    end = re.search(r"(?<!e\.g)(?<!i\.e)\.(\s|$)", words)
    return words[: end.start() + 1] if end else words


def file_list(root):
    """Markdown: every source file under its layer, with its one line."""
    out = []
    for i, (name, _) in enumerate(LAYERS):
        out.append(f"**{name}**\n")
        for d, ext in (("src", ".c"), ("include/wardesk", ".h")):
            path = os.path.join(root, d)
            for fn in sorted(os.listdir(path)):
                base = fn[: -len(ext)]
                if not fn.endswith(ext) or layer_of(module_name(base)) != i:
                    continue
                if ext == ".h" and os.path.exists(os.path.join(root, "src", base + ".c")):
                    continue   # the .c file's line stands for both
                out.append(f"- `{d}/{fn}`: {purpose(os.path.join(path, fn))}")
        out.append("")
    return "\n".join(out)


def splice(doc, check):
    root = os.path.join(os.path.dirname(__file__), "..")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    begin, end = "<!-- files:begin -->\n", "<!-- files:end -->"
    if begin not in text or end not in text:
        print(f"layers: {doc} has no {begin.strip()} / {end} markers", file=sys.stderr)
        return 1
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    new = head + begin + file_list(root) + end + tail
    if check:
        if new != text:
            print(f"layers: the file list in {doc} is stale: run 'make docs'", file=sys.stderr)
            return 1
        return 0
    with open(doc, "w", encoding="utf-8") as f:
        f.write(new)
    return 0


def main(argv):
    if len(argv) == 2 and argv[0] in ("--splice", "--stale"):
        return splice(argv[1], argv[0] == "--stale")
    verbose = "-v" in argv
    args = [a for a in argv if a not in ("-v", "--files")]
    root = args[0] if args else os.path.join(os.path.dirname(__file__), "..")
    if "--files" in argv:
        print(file_list(root), end="")
        return 0
    modules, arrows = read_graph(root)
    problems = []
    unplaced = [m for m in modules if layer_of(m) is None]
    for m in unplaced:
        problems.append(f"module {m} is in no layer (tools/layers.py LAYERS)")
    up = [(a, b) for a, b in arrows
          if None not in (layer_of(a), layer_of(b)) and layer_of(b) > layer_of(a)]
    cross = [(a, b) for a, b in arrows
             if (SCREEN.match(a) and CLI.match(b)) or (CLI.match(a) and SCREEN.match(b))]
    for a, b in cross:
        problems.append(f"{a} -> {b}: screens and CLI commands never include each other")
    circ = circles(modules, arrows)
    for c in circ:
        problems.append("circle: " + " ".join(c))
    pct = 100.0 * len(up) / len(arrows) if arrows else 0.0
    if pct > MAX_UP_PERCENT:
        problems.append(f"{len(up)} of {len(arrows)} arrows ({pct:.1f} %) point back up; "
                        f"at most {MAX_UP_PERCENT:g} % allowed")
    if verbose:
        for a, b in up:
            print(f"up: {a} ({LAYERS[layer_of(a)][0]}) -> {b} ({LAYERS[layer_of(b)][0]})")
        for name_i, (name, _) in enumerate(LAYERS):
            print(f"layer {name}: " + " ".join(m for m in modules if layer_of(m) == name_i))
    for p in problems:
        print("layers: " + p, file=sys.stderr)
    print(f"layers: {len(modules)} modules, {len(arrows)} arrows, {len(up)} up "
          f"({pct:.1f} %), {len(circ)} circles")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
