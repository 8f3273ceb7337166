# tests/lib.sh - helpers for wardesk's integration and UI tests (bash).
#
# Source it first thing from a test script:
#
#     #!/bin/bash
#     . "$(dirname "$0")/../lib.sh"
#
# Each script prints TAP lines ("ok N - name", "not ok N - name", "# diag")
# and, when it exits, the plan "1..N".  tests/run.sh runs every script in its
# own fresh database (PGDATABASE=t_<dir>_<name>, a copy of wardesk_tpl on which
# `wardesk db init` ran), as PGUSER=postgres, with LANG=C.UTF-8,
# TZ=Asia/Ho_Chi_Minh, TERM=xterm-256color, no D-Bus session, and exports:
#
#   WD_ROOT          repository root (scripts run from there)
#   WD_TEST_PREFIX   unique prefix for PostgreSQL roles made by this script
#                    (roles are cluster-wide, databases are not), e.g. "t3_"
#   WD_PGDIR         the test cluster's directory (for pg_stop / pg_start)
#
# Run a script by hand against a cluster of your own:
#     sh tools/cluster.sh init /tmp/wdpg; eval "$(sh tools/cluster.sh env /tmp/wdpg)"
#     PGUSER=postgres ./wardesk db init
#     WD_PGDIR=/tmp/wdpg PGUSER=postgres bash tests/cli/state.sh
# (but prefer `sh tests/run.sh tests/cli/state.sh`, which makes a fresh database).
#
# Nothing here sleeps for a fixed time to decide a result: waiting is always
# polling with a timeout (wait_until, tm_wait_for, notify_wait_count).

# shellcheck shell=bash disable=SC2034

set -u

WD_ROOT=${WD_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)}
WD_SCRIPT=$(cd "$(dirname "$0")" && pwd -P)/$(basename "$0")   # this test, absolute
cd "$WD_ROOT" || exit 1
WD_BIN=${WD_BIN:-$WD_ROOT/wardesk}      # the binary under test
WD_WRAP=${WD_WRAP:-}                    # e.g. "valgrind -q --error-exitcode=99"
WD_PY=${WD_PY:-/usr/bin/python3}        # Debian's python3: has json, dbus, gi
WD_TEST_NAME=${WD_TEST_NAME:-$(basename "$0" .sh)}
WD_TEST_PREFIX=${WD_TEST_PREFIX:-t$$_}
WD_WARD=${WD_WARD:-BT}                  # ward used by mk_officer by default
WD_WARD_NAME=${WD_WARD_NAME:-Phường Bến Thành}
export WD_ROOT WD_BIN WD_PY WD_TEST_PREFIX

# Private scratch directory, removed at exit; also HOME and XDG dirs so the
# developer's config, history and .pgpass never leak into a test.
WD_TMP=$(mktemp -d "${TMPDIR:-/tmp}/wdtest.XXXXXX")
chmod 755 "$WD_TMP"
mkdir -p "$WD_TMP/home" "$WD_TMP/config" "$WD_TMP/state" "$WD_TMP/cache"
export HOME=$WD_TMP/home XDG_CONFIG_HOME=$WD_TMP/config XDG_STATE_HOME=$WD_TMP/state \
	XDG_CACHE_HOME=$WD_TMP/cache

_wd_n=0          # tests so far
_wd_failed=0     # failures so far
_wd_atexit=()    # commands run at exit, last registered first

# ---------------------------------------------------------------- TAP

# ok NAME: record a passing test.
ok() { _wd_n=$((_wd_n + 1)); echo "ok $_wd_n - $*"; }

# not_ok NAME [DIAG...]: record a failing test; each DIAG is printed as "# ..." lines.
not_ok() {
	local name=$1
	shift
	_wd_n=$((_wd_n + 1))
	_wd_failed=$((_wd_failed + 1))
	echo "not ok $_wd_n - $name"
	local d
	for d in "$@"; do diag "$d"; done
}

# diag TEXT: print TEXT as TAP comment lines (never counted).
diag() { printf '%s\n' "$*" | sed 's/^/#   /'; }

# skip NAME REASON: a test that could not run here (counts as passed).
skip() { _wd_n=$((_wd_n + 1)); echo "ok $_wd_n - $1 # SKIP ${2:-}"; }

# skip_all REASON: the whole script cannot run here; exits.
skip_all() { echo "1..0 # SKIP $*"; _wd_n=-1; exit 0; }

# run CMD...: run CMD, stdin from /dev/null; sets OUT (stdout), ERR (stderr),
# RC (exit status), without asserting anything.  Trailing newlines are
# stripped from OUT and ERR as with $(...).
run() {
	"$@" </dev/null >"$WD_TMP/.out" 2>"$WD_TMP/.err"
	RC=$?
	OUT=$(cat "$WD_TMP/.out")
	ERR=$(cat "$WD_TMP/.err")
	return 0
}

_wd_cmdline() { local s; printf -v s '%q ' "$@"; echo "${s% }"; }

_wd_outdiag() {
	echo "command: $1"
	echo "exit status: $RC"
	[ -z "$OUT" ] || printf 'stdout:\n%s\n' "$(printf '%s\n' "$OUT" | head -n 30)"
	[ -z "$ERR" ] || printf 'stderr:\n%s\n' "$(printf '%s\n' "$ERR" | head -n 30)"
}

# check NAME CMD...: passes when CMD exits 0.  Leaves OUT/ERR/RC as they were,
# so it can test what an earlier command printed:
#   check_exit "ls json" 0 wd ls --format json
#   check "ls json parses" "$WD_PY" -c 'import json,sys; json.loads(sys.argv[1])' "$OUT"
#   check_eq "three cases" 3 "$(json_get "$OUT" 'len(j)')"
# (use check_exit NAME 0 CMD... to capture CMD's output instead).
check() {
	local name=$1 o=${OUT-} e=${ERR-} r=${RC-}
	shift
	run "$@"
	if [ "$RC" -eq 0 ]; then
		OUT=$o ERR=$e RC=$r
		ok "$name"
		return 0
	fi
	not_ok "$name" "$(_wd_outdiag "$(_wd_cmdline "$@")")"
	OUT=$o ERR=$e RC=$r
	return 1
}

# check_exit NAME N CMD...: passes when CMD exits with status N (OUT/ERR/RC set).
check_exit() {
	local name=$1 want=$2
	shift 2
	run "$@"
	if [ "$RC" -eq "$want" ]; then ok "$name"; return 0; fi
	not_ok "$name" "expected exit status $want" "$(_wd_outdiag "$(_wd_cmdline "$@")")"
	return 1
}

# check_eq NAME EXPECTED ACTUAL: passes when the two strings are equal.
check_eq() {
	if [ "$2" == "$3" ]; then ok "$1"; return 0; fi
	not_ok "$1" "expected: $(printf '%q' "$2")" "     got: $(printf '%q' "$3")"
	return 1
}

# check_match NAME REGEX TEXT: passes when TEXT matches the extended regex
# (grep -E, line by line: some line of TEXT must match).
check_match() {
	if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok "$1"; return 0; fi
	not_ok "$1" "no line matches: $2" "text:" "$(printf '%s\n' "$3" | head -n 40)"
	return 1
}

# check_nomatch NAME REGEX TEXT: passes when no line of TEXT matches.
check_nomatch() {
	if ! printf '%s\n' "$3" | grep -Eq -- "$2"; then ok "$1"; return 0; fi
	not_ok "$1" "unexpected match: $2" "text:" "$(printf '%s\n' "$3" | grep -E -- "$2" | head -n 10)"
	return 1
}

# at_exit CMD...: run CMD when the script exits (also on failure or timeout).
at_exit() { _wd_atexit+=("$(_wd_cmdline "$@")"); }

_wd_exit() {
	local rc=$? i
	trap - EXIT
	for ((i = ${#_wd_atexit[@]} - 1; i >= 0; i--)); do
		eval "${_wd_atexit[$i]}" >/dev/null 2>&1 || true
	done
	tm_kill >/dev/null 2>&1 || true
	notify_stop >/dev/null 2>&1 || true
	[ "$_wd_n" -lt 0 ] || echo "1..$_wd_n"
	rm -rf "$WD_TMP"
	if [ "$rc" -eq 0 ] && [ "$_wd_failed" -gt 0 ]; then rc=1; fi
	exit "$rc"
}
trap _wd_exit EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# wait_until TIMEOUT_SECONDS CMD...: poll CMD every 50 ms until it succeeds;
# status 1 on timeout.
wait_until() {
	local limit=$1 t0
	shift
	t0=$(date +%s%N)
	while ! "$@"; do
		if [ $(( ($(date +%s%N) - t0) / 1000000 )) -ge $((limit * 1000)) ]; then return 1; fi
		sleep 0.05
	done
	return 0
}

# ---------------------------------------------------------------- wardesk and PostgreSQL

# wd ARGS...: run the wardesk under test with the current environment
# (PGUSER etc.), stdin from /dev/null unless redirected by the caller.
wd() {
	# shellcheck disable=SC2086
	$WD_WRAP "$WD_BIN" "$@"
}

# wd_as LOGIN ARGS...: run wardesk as the PostgreSQL login LOGIN (the acting officer).
wd_as() { local who=$1; shift; PGUSER=$who wd "$@"; }

# psql_as LOGIN [PSQL ARGS...]: psql as LOGIN on the test database, unaligned,
# tuples only, stop on the first error (exit 3 then), no .psqlrc.
#   psql_as postgres -c "select count(*) from wardesk.case_events"
psql_as() {
	local who=$1
	shift
	psql -X -v ON_ERROR_STOP=1 -qtA -U "$who" "$@"
}

# sql QUERY: one query as postgres, prints the result (unaligned, tuples only).
sql() { psql_as postgres -c "$1"; }

# A psql session kept open on a fifo (fd 7), for a test that holds a lock
# or an open transaction while the code under test runs:
#   held_open LOGIN [PSQL ARGS...]  start it (what it prints: $HOLD_OUT)
#   held_send LINE...               send it lines of SQL
#   held_wait MARK                  wait (10 s) for a line starting with MARK
#   held_close [SQL]                end it (SQL first, default rollback;)
# At most one at a time; the script's exit kills one left open.
held_open() {
	local who=$1
	shift
	held_close
	HOLD_IN=$WD_TMP/hold.in HOLD_OUT=$WD_TMP/hold.out
	rm -f "$HOLD_IN" "$HOLD_OUT"
	mkfifo "$HOLD_IN"
	psql_as "$who" "$@" <"$HOLD_IN" >"$HOLD_OUT" 2>&1 &
	HOLD_PID=$!
	exec 7>"$HOLD_IN"
	[ -n "${_wd_held_exit:-}" ] || { _wd_held_exit=1; at_exit _held_kill; }
}
held_send() { printf '%s\n' "$@" >&7; }
held_wait() { wait_until 10 grep -q "^$1" "$HOLD_OUT"; }
held_close() {
	[ -n "${HOLD_PID:-}" ] || return 0
	# \q: a child started meanwhile (tmux's server) may hold fd 7 open,
	# so psql would never see the fifo's end
	printf '%s\n' "${1:-rollback;}" '\q' >&7 2>/dev/null
	exec 7>&-
	wait "$HOLD_PID" 2>/dev/null
	HOLD_PID=
}
_held_kill() { [ -z "${HOLD_PID:-}" ] || kill "$HOLD_PID" 2>/dev/null; }

# login SHORT: the real role name this script uses for SHORT ("an" -> "t3_an").
login() { echo "${WD_TEST_PREFIX}$1"; }

# mk_ward CODE NAME: create the ward CODE (as postgres) unless it exists.
mk_ward() {
	local code=$1 name=$2 have
	have=$(psql_as postgres -v code="$code" <<<"select count(*) from wardesk.wards where code = :'code'" 2>/dev/null)
	[ "$have" = 1 ] && return 0
	PGUSER=postgres wd ward add "$code" --name "$name" </dev/null >/dev/null
}

# mk_officer SHORT NAME ROLE [WARD]: create an officer (login role + row) as
# postgres through `wardesk officer add`, in WARD (default $WD_WARD, created
# if needed), and print the real login, prefixed so it is unique in the
# cluster:   AN=$(mk_officer an "Nguyễn Văn An" officer)
# Returns non-zero (and prints the error on stderr) when wardesk refuses.
mk_officer() {
	local short=$1 name=$2 role=$3 ward=${4:-$WD_WARD} lg
	lg=$(login "$short")
	if [ "$ward" = "$WD_WARD" ]; then
		mk_ward "$ward" "$WD_WARD_NAME" || return 1
	else
		mk_ward "$ward" "Phường $ward" || return 1
	fi
	PGUSER=postgres wd officer add "$lg" --name "$name" --role "$role" --ward "$ward" \
		</dev/null >/dev/null || return 1
	echo "$lg"
}

# report_as LOGIN ARGS...: `wardesk report ARGS` as LOGIN; prints the reference.
report_as() { local who=$1; shift; wd_as "$who" report "$@" </dev/null; }

# case_field REF COLUMN: one column of wardesk.cases for REF, read as postgres.
case_field() {
	psql_as postgres -v ref="$1" <<<"select $2 from wardesk.cases where ref = :'ref'"
}

# load_due_backlog N: N cases of the test ward (category MT), loaded without
# their triggers (as the bench loads them) with deadlines from 3 h ago to
# 15 min ago (22 s apart for 450): each due its warning, escalation and
# overdue mark at once.
load_due_backlog() {
	sql "begin;
	     set local session_replication_role = replica;
	     insert into wardesk.cases (ward_id, ref, channel, category, description, address, received_at, deadline_at)
	     select w.id, w.code || '-' || (w.next_seq + g), 'hotline', 'MT', 'Tồn đọng ' || g, 'Hẻm ' || g,
	            d - interval '120 min', d
	       from generate_series(1, $1) g cross join wardesk.wards w
	      cross join lateral (select now() - interval '3 hours' + g * interval '9900 s' / $1 as d) t
	      where w.code = '$WD_WARD';
	     update wardesk.wards set next_seq = next_seq + $1 where code = '$WD_WARD';
	     commit" >/dev/null
}

# console_sweeps_fast: the console of this test sweeps every second and
# sends no desktop notification (its config file).
console_sweeps_fast() {
	mkdir -p "$XDG_CONFIG_HOME/wardesk"
	printf 'set notify no\nset sweep-seconds 1\n' >"$XDG_CONFIG_HOME/wardesk/config"
}

# bells FILE: how many BEL bytes FILE (a pane's raw output) holds.
bells() { tr -cd '\a' <"$1" | wc -c | tr -d ' '; }

# pg_stop / pg_start: stop or start the whole test cluster (tests of offline
# behaviour).  Other scripts do not run meanwhile; always pg_start again
# (it is also done at exit).
pg_stop() {
	[ -n "${WD_PGDIR:-}" ] || { echo "pg_stop: WD_PGDIR not set" >&2; return 1; }
	at_exit sh "$WD_ROOT/tools/cluster.sh" start "$WD_PGDIR"
	sh "$WD_ROOT/tools/cluster.sh" stop "$WD_PGDIR"
}
pg_start() { sh "$WD_ROOT/tools/cluster.sh" start "$WD_PGDIR"; }

# pg_kill_backends: terminate every other session on the test database
# (what a network cut or a server-side kill looks like to clients).
pg_kill_backends() {
	sql "select count(pg_terminate_backend(pid)) from pg_stat_activity
	     where datname = current_database() and pid <> pg_backend_pid()" >/dev/null
}

# json_get JSON PY_EXPR: evaluate a Python expression on the parsed JSON `j`;
#   json_get "$OUT" 'len(j)'     json_get "$OUT" 'j[0]["ref"]'
json_get() {
	"$WD_PY" -c 'import json,sys; j=json.loads(sys.argv[1]); r=eval(sys.argv[2]); print(r if isinstance(r,str) else json.dumps(r, ensure_ascii=False))' "$1" "$2"
}

# ---------------------------------------------------------------- tmux (UI tests)
#
# One private tmux server per script (sockets under $TMUX_TMPDIR, which
# tests/run.sh points into its scratch directory, so leftovers are killed at the
# end), one session "main" of TM_W x TM_H (80x24), the pane's TERM is
# $TM_TERM (tmux-256color: the terminal really is tmux).  remain-on-exit is on,
# so the last screen and the exit status of a program that quit can be read.

TM_SOCK=wd$$
TM_W=${TM_W:-80}
TM_H=${TM_H:-24}
TM_TERM=${TM_TERM:-tmux-256color}
TM_SCREEN=      # last screen read by tm_wait_for / tm_capture
_tm_on=0

# tm CMD...: any tmux command on this script's private server.
tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

# tm_start [--raw FILE] CMD...: start CMD (e.g. "$WD_BIN" or wd_as-style
# `env PGUSER=x "$WD_BIN"`) in the session, in the repository root, with the
# current environment (PG*, LANG, TZ, XDG_*, DBUS_SESSION_BUS_ADDRESS, ...).
# With --raw FILE, every byte CMD writes to the terminal is appended to FILE
# from its very first byte (CMD waits until the pipe is in place).
tm_start() {
	local raw=
	if [ "${1:-}" = --raw ]; then raw=$2; shift 2; fi
	local launch=$WD_TMP/tm_launch.sh go=$WD_TMP/tm_go
	rm -f "$go"
	{
		echo '#!/bin/bash'
		export -p
		echo "export TERM=$(printf '%q' "$TM_TERM")"
		echo "cd $(printf '%q' "$WD_ROOT")"
		[ -z "$raw" ] || echo "while [ ! -e $(printf '%q' "$go") ]; do sleep 0.01; done"
		# not exec: tmux sometimes marks a pane dead before it has the exit
		# status, so the launcher records it (tm_exit_status, tm_pid)
		echo "$(_wd_cmdline "$@")"
		echo "echo \$? > $(printf '%q' "$WD_TMP/tm_status")"
	} >"$launch"
	rm -f "$WD_TMP/tm_status"
	tm start-server \; set-option -g remain-on-exit on \; \
		set-option -g status off \; \
		new-session -d -s main -x "$TM_W" -y "$TM_H" "bash $(printf '%q' "$launch")" || return 1
	_tm_on=1
	if [ -n "$raw" ]; then
		tm_raw_start "$raw"
		touch "$go"
	fi
}

# tm_wardesk LOGIN [ARGS...]: open the console as LOGIN (shorthand for tm_start).
tm_wardesk() {
	local who=$1
	shift
	# shellcheck disable=SC2086
	tm_start env PGUSER="$who" $WD_WRAP "$WD_BIN" "$@"
}

# tm_send KEYS...: tmux send-keys (key names: Enter, Escape, C-c, Up, F5 ...).
tm_send() { tm send-keys -t main "$@"; }

# tm_type TEXT: type TEXT literally (UTF-8 is fine).
tm_type() { tm send-keys -t main -l -- "$1"; }

# tm_capture: print the visible screen (text only); also kept in TM_SCREEN.
tm_capture() { TM_SCREEN=$(tm capture-pane -p -t main); printf '%s\n' "$TM_SCREEN"; }

# tm_capture_e: the visible screen with attributes/colours as escape sequences.
tm_capture_e() { tm capture-pane -p -e -t main; }

# tm_wait_for REGEX [TIMEOUT]: poll the screen every 50 ms until some line
# matches REGEX (grep -E); TIMEOUT seconds (default 10).  Status 1 on
# timeout; the last screen is in TM_SCREEN either way.
tm_wait_for() {
	local re=$1 limit=${2:-10} t0
	t0=$(date +%s%N)
	while :; do
		TM_SCREEN=$(tm capture-pane -p -t main 2>/dev/null)
		if printf '%s\n' "$TM_SCREEN" | grep -Eq -- "$re"; then return 0; fi
		if [ $(( ($(date +%s%N) - t0) / 1000000 )) -ge $((limit * 1000)) ]; then return 1; fi
		sleep 0.05
	done
}

# tm_wait_gone REGEX [TIMEOUT]: poll until no line matches REGEX.
tm_wait_gone() {
	local re=$1 limit=${2:-10} t0
	t0=$(date +%s%N)
	while :; do
		TM_SCREEN=$(tm capture-pane -p -t main 2>/dev/null)
		if ! printf '%s\n' "$TM_SCREEN" | grep -Eq -- "$re"; then return 0; fi
		if [ $(( ($(date +%s%N) - t0) / 1000000 )) -ge $((limit * 1000)) ]; then return 1; fi
		sleep 0.05
	done
}

# check_screen NAME REGEX [TIMEOUT]: a test that passes when the screen shows
# REGEX within TIMEOUT (tm_wait_for); on failure the screen is the diagnostic.
check_screen() {
	if tm_wait_for "$2" "${3:-10}"; then ok "$1"; return 0; fi
	not_ok "$1" "screen never matched: $2" "screen:" "$TM_SCREEN"
	return 1
}

# check_screen_eq NAME FILE: the screen equals the expected dump FILE.
check_screen_eq() {
	tm_capture >"$WD_TMP/screen"
	if cmp -s "$2" "$WD_TMP/screen"; then ok "$1"; return 0; fi
	not_ok "$1" "screen differs from $2:" "$(diff -u "$2" "$WD_TMP/screen" | head -n 60)"
	return 1
}

# tm_raw_start FILE: append every byte the program writes from now on to FILE
# (pipe-pane): look there for escape sequences that must never be sent.
tm_raw_start() { : >>"$1"; tm pipe-pane -o -t main "cat >> $(printf '%q' "$1")"; }

# tm_resize W H: resize the (detached) window to W columns and H lines.
tm_resize() { tm resize-window -t main -x "$1" -y "$2"; }

# tm_dead: succeeds when the program in the pane has exited; tm_exit_status
# prints its exit status (128+N when killed by signal N, as the shell does).
tm_dead() { [ "$(tm display-message -p -t main '#{pane_dead}' 2>/dev/null)" = 1 ]; }
tm_exit_status() {
	local s
	if [ -s "$WD_TMP/tm_status" ]; then cat "$WD_TMP/tm_status"; return; fi
	s=$(tm display-message -p -t main '#{pane_dead_status}|#{pane_dead_signal}')
	if [ -n "${s%%|*}" ]; then echo "${s%%|*}"; elif [ -n "${s#*|}" ]; then echo $((128 + ${s#*|})); fi
}

# tm_pid: the process id of the program in the pane (the launcher's child).
tm_pid() {
	local pp c
	pp=$(tm display-message -p -t main '#{pane_pid}')
	c=$(pgrep -P "$pp" | head -n 1)
	echo "${c:-$pp}"
}

# tm_kill: stop the private tmux server (done at exit as well), and wait
# for what ran in its pane to end on the hang-up.
tm_kill() {
	[ "$_tm_on" = 1 ] || return 0
	local pid kids k
	pid=$(tm display-message -p '#{pid}' 2>/dev/null)
	kids=$(_tm_tree "$(tm display-message -p -t main '#{pane_pid}' 2>/dev/null)")
	tm kill-server 2>/dev/null
	# The old server must be gone before the next tm_start uses the same
	# socket, or the new session lands on a dying server ("server exited
	# unexpectedly", seen on a loaded machine).
	[ -z "$pid" ] || wait_until 10 _tm_gone "$pid" || true
	# A program that outlives its terminal by 10 s is killed, not left
	# spinning for the rest of the run (seen: consoles of the ASan build
	# hung in LeakSanitizer's exit, each a CPU at 100 % for good).
	for k in $kids; do
		wait_until 10 _tm_gone "$k" && continue
		diag "pid $k ($(tr '\0' ' ' </proc/"$k"/cmdline 2>/dev/null)) still ran 10 s after its terminal ended: killed"
		kill -9 "$k" 2>/dev/null
	done
	_tm_on=0
}
_tm_gone() { ! kill -0 "$1" 2>/dev/null; }
# _tm_tree PID: PID and every process below it.
_tm_tree() {
	local c
	[ -n "$1" ] || return 0
	echo "$1"
	for c in $(pgrep -P "$1"); do _tm_tree "$c"; done
}

# ---------------------------------------------------------------- D-Bus notifications

# need_dbus "$@": re-run this script inside a private D-Bus session
# (dbus-run-session) unless it already has one; call it right after sourcing
# this file, before any output.  Skips the script when dbus-run-session is missing.
need_dbus() {
	if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then return 0; fi
	command -v dbus-run-session >/dev/null 2>&1 || skip_all "dbus-run-session not installed"
	_wd_n=-1   # the inner run prints the plan
	rm -rf "$WD_TMP"
	trap - EXIT
	exec dbus-run-session -- bash "$WD_SCRIPT" "$@"
}

_wd_notify_pid=

# notify_start FILE [--delay SECONDS]: start the recording notification server
# (tests/tools/notify-recorder.py) on the session bus; every Notify call is
# appended to FILE as one JSON line {app_name, replaces_id, app_icon, summary,
# body, actions, urgency, category, expire, id}.  Waits (up to 10 s) until it
# owns org.freedesktop.Notifications.
notify_start() {
	local file=$1
	shift
	: >"$file"
	"$WD_PY" "$WD_ROOT/tests/tools/notify-recorder.py" "$file" "$@" </dev/null \
		>"$WD_TMP/notify.log" 2>&1 &
	_wd_notify_pid=$!
	if ! wait_until 10 _notify_owned; then
		echo "notify_start: the recorder did not get the bus name:" >&2
		cat "$WD_TMP/notify.log" >&2
		return 1
	fi
}

_notify_owned() {
	dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
		org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null |
		grep -q 'boolean true'
}

# notify_stop: stop the recorder (done at exit as well).
notify_stop() {
	[ -n "$_wd_notify_pid" ] || return 0
	kill "$_wd_notify_pid" 2>/dev/null
	wait "$_wd_notify_pid" 2>/dev/null
	_wd_notify_pid=
}

# notify_count FILE: number of notifications recorded so far.
notify_count() { if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }

# notify_wait_count FILE N [TIMEOUT]: poll until at least N notifications are
# recorded (default 10 s); status 1 on timeout.
notify_wait_count() {
	local f=$1 n=$2
	_nwc() { [ "$(notify_count "$f")" -ge "$n" ]; }
	wait_until "${3:-10}" _nwc
}

# ---------------------------------------------------------------- report photos
# photo_server: start tests/tools/photo_server.py (generated images on a free
# loopback port; stopped at exit) and set U to its base URL; skips the whole
# test when python3-gi with GdkPixbuf is missing.  WARDESK_PHOTO_TIMEOUT=3.
photo_server() {
	"$WD_PY" -c 'import gi; gi.require_version("GdkPixbuf", "2.0")' 2>/dev/null ||
		skip_all "python3-gi with GdkPixbuf is not installed"
	"$WD_PY" "$WD_ROOT/tests/tools/photo_server.py" "$WD_TMP/port" 2>"$WD_TMP/server.err" &
	at_exit kill "$!"
	wait_until 10 test -s "$WD_TMP/port" || { not_ok "setup: the photo server"; exit 1; }
	U=http://127.0.0.1:$(cat "$WD_TMP/port")
	export WARDESK_PHOTO_TIMEOUT=3
}

# chain_line WARD_ID: "events|misplaced|unlinked|bad hashes" of a ward's audit
# chain: places 1..n, each linked to the one before, each hash event_hash's
# (an intact line of n events is "n|0|0|0").
chain_line() {
	sql "select count(*), count(*) filter (where chain_seq <> rn),
	            count(*) filter (where rn > 1 and prev_hash is distinct from ph),
	            count(*) filter (where hash is distinct from wardesk.event_hash(e))
	       from (select e, e.chain_seq, e.prev_hash, e.hash, row_number() over w as rn, lag(e.hash) over w as ph
	               from wardesk.case_events e where ward_id = $1 window w as (order by chain_seq)) x"
}

# chain_actions WARD_ID SEQ: the actions of a ward's events after place SEQ,
# in chain order, space-separated.
chain_actions() {
	sql "select string_agg(action, ' ' order by chain_seq) from wardesk.case_events
	      where ward_id = $1 and chain_seq > $2"
}
