#!/bin/bash
# layers.sh - the include graph of the console side keeps its layers (issue
# 10): modules (foo.c + foo.h as one) read bottom to top and never climb
# back, and no include circle touches a console-side module.  Reads the
# #include "wardesk/..." lines, and the calls between the objects in build/
# (nm) when they are built; needs no terminal and no database.  Prints the
# facts it measured (arrows, circles, upward arrows) as diag.
. "$(dirname "$0")/../lib.sh"

out=$("$WD_PY" - "$WD_ROOT" <<'PY'
import os, re, sys, glob
root = sys.argv[1]
# Layers, bottom to top (ARCHITECTURE: SQL -> store -> model and case rules
# -> UI services -> case actions -> screens and commands -> console -> main).
LAYERS = [
    ("base", "wardesk util text timefmt deskclock phone open311 stats notify sqlfiles"),
    ("store", "store store_impl store_deadline store_intake store_shift"),
    ("model", "model words caserules live"),
    ("ui", "config config_file keymap theme bindings actions draw prompt ui screen dialogs dialog_officer "
           "dialog_reason console_alerts sweep"),
    ("caseops", "caseops caseops_team"),
    ("screens", "screen_queue screen_detail screen_help screen_ticket screen_ticket_form "
                "screen_board screen_handover screen_stats commands "
                "cli cli_cmds cli_admin cli_case cli_deadline cli_intake cli_shift cli_table simulate"),
    ("console", "console console_actions console_frame console_screens screens"),
    ("main", "main"),
]
# The console side (the UI engineer's files): circles and upward arrows
# touching these fail the test; the rest is reported.
OURS = set(("deskclock words caserules live config config_file keymap theme bindings actions draw prompt ui "
            "screen dialogs dialog_officer dialog_reason console_alerts sweep caseops "
            "caseops_team screen_queue screen_detail screen_help screen_ticket "
            "screen_ticket_form screen_board screen_handover screen_stats commands console "
            "console_actions console_frame console_screens screens main").split())
layer = {}
for i, (_, mods) in enumerate(LAYERS):
    for m in mods.split():
        layer[m] = i
files = sorted(glob.glob(os.path.join(root, "src/*.c")) +
               glob.glob(os.path.join(root, "include/wardesk/*.h")))
edges = set()
unknown = set()
inc = re.compile(r'^\s*#\s*include\s+"wardesk/([A-Za-z0-9_]+)\.h"', re.M)
for f in files:
    mod = os.path.splitext(os.path.basename(f))[0]
    if mod not in layer:
        unknown.add(mod)
    for to in inc.findall(open(f, encoding="utf-8").read()):
        # wardesk.h is the prelude every file includes first (it includes
        # util.h): not an arrow between modules
        if to != mod and to != "wardesk":
            edges.add((mod, to))
for a, b in edges:
    for m in (a, b):
        if m not in layer:
            unknown.add(m)
# strongly connected components (Tarjan)
graph = {}
for a, b in edges:
    graph.setdefault(a, set()).add(b)
    graph.setdefault(b, set())
idx, low, stack, on, sccs, n = {}, {}, [], set(), [], [0]
def visit(v):
    idx[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
    for w in sorted(graph[v]):
        if w not in idx:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1:
            sccs.append(sorted(comp))
sys.setrecursionlimit(10000)
for v in sorted(graph):
    if v not in idx:
        visit(v)
up = sorted((a, b) for a, b in edges if a in layer and b in layer and layer[b] > layer[a])
print("arrows %d" % len(edges))
print("circles %d" % len(sccs))
for c in sccs:
    print("circle %s%s" % (" ".join(c), " OURS" if set(c) & OURS else ""))
print("upward %d" % len(up))
for a, b in up:
    print("up %s(%s) -> %s(%s)%s" % (a, LAYERS[layer[a]][0], b, LAYERS[layer[b]][0],
                                      " OURS" if a in OURS else ""))
for m in sorted(unknown):
    print("unknown %s" % m)

# The same for calls, when the objects are built: a function declared in
# one module's header but defined in another's .c (screen.h's ui_* once
# lived in console.c) shows here, not in the #include lines.
import shutil, subprocess
# (only objects of sources that still exist: build/ may hold stale ones)
objs = sorted(o for o in glob.glob(os.path.join(root, "build/*.o"))
              if os.path.exists(os.path.join(root, "src",
                                             os.path.basename(o)[:-2] + ".c")))
if objs and shutil.which("nm"):
    defs, uses = {}, {}
    for o in objs:
        mod = os.path.splitext(os.path.basename(o))[0]
        out = subprocess.run(["nm", o], capture_output=True, text=True).stdout
        for l in out.split("\n"):
            p = l.split()
            if len(p) == 3 and p[1] in "TDRBC":
                defs[p[2]] = mod
            elif len(p) == 2 and p[0] == "U":
                uses.setdefault(mod, set()).add(p[1])
    calls = set((m, defs[u]) for m, us in uses.items() for u in us
                if u in defs and defs[u] != m)
    graph = {}
    for a, b in calls:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    idx, low, stack, on, sccs, n = {}, {}, [], set(), [], [0]
    for v in sorted(graph):
        if v not in idx:
            visit(v)
    up = sorted((a, b) for a, b in calls if a in layer and b in layer and layer[b] > layer[a])
    print("calls %d" % len(calls))
    print("call-circles %d" % len(sccs))
    for c in sccs:
        print("call-circle %s%s" % (" ".join(c), " OURS" if set(c) & OURS else ""))
    print("call-upward %d" % len(up))
    for a, b in up:
        print("call-up %s(%s) -> %s(%s)%s" % (a, LAYERS[layer[a]][0], b, LAYERS[layer[b]][0],
                                              " OURS" if a in OURS else ""))
    for m in sorted(set(a for a, _ in calls) - set(layer)):
        print("unknown %s" % m)
else:
    print("calls not measured (no build/*.o or no nm)")
PY
) || { not_ok "the include graph was read" "$out"; exit 1; }
ok "the include graph was read"
diag "$out"
check_nomatch "no module without a layer (add new files to the LAYERS table)" '^unknown' "$out"
check_nomatch "no include circle on the console side" '^circle .* OURS$' "$out"
check_nomatch "no console-side include points up a layer" '^up .* OURS$' "$out"
if printf '%s\n' "$out" | grep -q '^calls '; then
	check_nomatch "no call circle on the console side" '^call-circle .* OURS$' "$out"
	check_nomatch "no console-side call goes up a layer" '^call-up .* OURS$' "$out"
else
	skip "calls between modules" "no objects to read"
	skip "calls up a layer" "no objects to read"
fi
