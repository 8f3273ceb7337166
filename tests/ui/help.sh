#!/bin/bash
# help.sh - `?` lists every action with every key bound to it, including a
# key bound in the config file; generated from the action table.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
ok "setup: officers"
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'bind queue x take\nbind generic F5 redraw\n' >"$XDG_CONFIG_HOME/wardesk/config"

TM_H=160   # long help texts wrap onto lines of their own; every keymap on one screen
tm_wardesk "$AN"
check_screen "console live" " live$"
tm_send ?
check_screen "help opens" "Keys: generic"
tm_capture >/dev/null
# every action of include/wardesk/actions.h with its default key
ACTIONS=$(sed -n 's/^[[:space:]]*X(ACT_[A-Z_]*, *"\([^"]*\)", *KM_[A-Z]*, *\(NULL\|"\([^"]*\)"\).*/\1 \3/p' include/wardesk/actions.h)
check_match "the action table was read" 'take t' "$ACTIONS"
out=$(printf '%s\n' "$TM_SCREEN" | "$WD_PY" -c '
import sys
screen = sys.stdin.read().split("\n")
acts = [l.split(" ", 1) for l in sys.argv[1].split("\n") if l]
extra = {"take": "x", "redraw": "F5"}
bad = []
for name, key in acts:
    rows = [l for l in screen if l[20:40].strip() == name]
    if not rows:
        bad.append("missing action " + name); continue
    keys = [k.strip().split(" (")[0] for k in rows[0][2:20].split(",")]
    for k in filter(None, key.split() + [extra.get(name)]):
        if k not in keys: bad.append("%s: key %s not listed (%r)" % (name, k, keys))
print("\n".join(bad)); sys.exit(1 if bad else 0)' "$ACTIONS")
if [ $? = 0 ]; then ok "help lists every action with its default and configured keys"; else
	not_ok "help lists every action with its keys" "$out" "$TM_SCREEN"; fi
check_screen "help texts are shown" "Take the case \(you become its owner\)"
# one name for the key, as the footer and the form's hint say it (a
# newcomer's trial found BTab here and Shift-Tab there)
check_match "help names Shift-Tab (prev-field)" "^  Shift-Tab +prev-field" "$TM_SCREEN"
check_nomatch "... never BTab" "BTab" "$TM_SCREEN"
tm_send q
check_screen "q closes help" "REF +LEFT"
tm_send x
check_screen "the configured key works" "no case selected|taken"
