#!/bin/bash
# hangup.sh - a console whose terminal goes away quits, also when no
# SIGHUP comes: here the console runs in a session of
# its own on a pty that is not its controlling terminal, and the pty's
# master is closed.  poll() then says input and hang-up at once; the loop
# read "keys" that never came and spun at 19% of a CPU for ever.
. "$(dirname "$0")/../lib.sh"

OF=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"
cat >"$WD_TMP/hup.py" <<'PY'
import os, pty, subprocess, sys, time
m, s = pty.openpty()
import fcntl, struct, termios
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
p = subprocess.Popen(sys.argv[1:], stdin=s, stdout=s, stderr=s, start_new_session=True)
os.close(s)
out, t0 = b"", time.time()
while time.time() - t0 < 20 and b"live" not in out:   # the console is up
    try:
        out += os.read(m, 65536)
    except OSError:
        break
print("up" if b"live" in out else "never up", flush=True)
os.close(m)                                            # the terminal goes away
try:
    p.wait(timeout=10)
    print("exited", p.returncode)
except subprocess.TimeoutExpired:
    print("still running")
    p.kill()
PY
# shellcheck disable=SC2086
run env PGUSER="$OF" TERM=xterm-256color "$WD_PY" "$WD_TMP/hup.py" $WD_WRAP "$WD_BIN"
check_match "the console came up on the pty" "^up" "$OUT"
check_match "the terminal closed, no SIGHUP: the console quits" "^exited" "$OUT"
