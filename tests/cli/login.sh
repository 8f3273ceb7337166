#!/bin/bash
# login.sh - issue 13 item 12: a login the server refuses is "not allowed"
# (exit 2: bad input, the caller must change the login or password), not
# "cannot reach the database" (exit 3, kept for a server that cannot be
# reached or cannot serve).  An unknown role and a NOLOGIN role on the real
# test server; a wrong password, a missing password and a server that is
# starting up through a tiny fake server on a Unix socket, which answers
# every connection with the authentication request and error of a real one.
. "$(dirname "$0")/../lib.sh"

# --- the real server
X=$(login nobody)
check_exit "an unknown login exits 2" 2 wd_as "$X" ls
check_match "... not allowed: login X is not known or the password is wrong" \
	"^wardesk: not allowed: login $X is not known or the password is wrong" "$ERR"
check_nomatch "... not 'cannot reach'" 'cannot reach' "$ERR"
check_nomatch "... no LOCATION line or SQLSTATE from the verbose message" 'LOCATION|28000' "$ERR"
N=$(login nologin)
sql "create role \"$N\" nologin" >/dev/null
check_exit "a NOLOGIN role exits 2" 2 wd_as "$N" take BT-1
check_match "... not allowed, with the server's reason" "^wardesk: not allowed: .*not permitted to log in" "$ERR"
check_exit "watch --once with an unknown login exits 2 too" 2 wd_as "$X" watch --once
mkdir -p "$WD_TMP/nodb"
check_exit "no server at all is still exit 3" 3 env PGHOST="$WD_TMP/nodb" "$WD_BIN" ls
check_match "... cannot reach the database" '^wardesk: cannot reach the database' "$ERR"

# --- a fake server: MODE password (asks a cleartext password, then refuses
# it with 28P01) or starting (57P03 at once)
cat >"$WD_TMP/fakepg.py" <<'EOF'
import os, socket, struct, sys
path, mode = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX)
s.bind(os.path.join(path, '.s.PGSQL.5432'))
s.listen(8)
open(os.path.join(path, 'ready'), 'w').close()
def recv_exact(c, n):
    b = b''
    while len(b) < n:
        d = c.recv(n - len(b))
        if not d:
            raise EOFError
        b += d
    return b
def error(code, msg):
    f = b'SFATAL\0VFATAL\0C' + code + b'\0M' + msg + b'\0\0'
    return b'E' + struct.pack('!i', len(f) + 4) + f
while True:
    c, _ = s.accept()
    try:
        n, = struct.unpack('!i', recv_exact(c, 4))
        recv_exact(c, n - 4)
        if mode == 'password':
            c.sendall(b'R' + struct.pack('!ii', 8, 3))
            t = recv_exact(c, 1)
            n, = struct.unpack('!i', recv_exact(c, 4))
            recv_exact(c, n - 4)
            c.sendall(error(b'28P01', b'password authentication failed for user "an"'))
        else:
            c.sendall(error(b'57P03', b'the database system is starting up'))
    except (EOFError, OSError):
        pass
    c.close()
EOF
# fake MODE: start a fake server; FAKE is its socket directory.
fake() {
	FAKE=$WD_TMP/fake-$1
	mkdir -p "$FAKE"
	"$WD_PY" "$WD_TMP/fakepg.py" "$FAKE" "$1" </dev/null >/dev/null 2>&1 &
	at_exit kill $!
	wait_until 10 test -e "$FAKE/ready" || not_ok "fake server $1 started"
}
fake password
FP=$FAKE
check_exit "a wrong password exits 2" 2 env PGHOST="$FP" PGUSER=an PGPASSWORD=wrong "$WD_BIN" ls
check_match "... not allowed: login an is not known or the password is wrong" \
	'^wardesk: not allowed: login an is not known or the password is wrong \(password authentication failed' "$ERR"
check_exit "no password to give (not a terminal) exits 2" 2 env PGHOST="$FP" PGUSER=an "$WD_BIN" ls
check_match "... not allowed: login an needs a password" '^wardesk: not allowed: login an needs a password' "$ERR"
fake starting
FS=$FAKE
check_exit "a server that is starting up is exit 3" 3 env PGHOST="$FS" PGUSER=an "$WD_BIN" ls
check_match "... cannot reach the database, in the server's words" \
	'^wardesk: cannot reach the database: .*starting up' "$ERR"
