#!/bin/bash
# lazy_libs.sh - libnotify, libcurl, chafa and gdk-pixbuf are loaded when
# first used (src/dynlib.c; issue 14, the console's peak memory): a live
# console without a session bus that has shown no photo maps none of them,
# nor GLib, GObject or GIO (/proc/PID/maps); opening a case with a photo
# maps the photo libraries and draws it, libnotify still unmapped.  A
# library that cannot be loaded (bind-mounted over with /dev/null in a
# private mount namespace) is said in one line and the console goes on.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
photo_server

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
R=$(report_as "$HL" --category MT --text "Ảnh rác" --address "3 Lê Lợi") &&
	sql "update wardesk.cases set media_urls = array['$U/ok.png'] where ref = '$R'" >/dev/null ||
	{ not_ok "setup: a case with a photo"; exit 1; }
wd_as "$HL" shift start >/dev/null || not_ok "setup: on shift (the status line is free)"
# no session bus to be found (lib.sh already unsets its address)
unset DISPLAY XDG_RUNTIME_DIR

LIBS='lib(notify|curl|chafa|gdk_pixbuf-2\.0|glib-2\.0|gobject-2\.0|gio-2\.0)\.so'
mapped() { grep -oE "$LIBS" "/proc/$(tm_pid)/maps" | sort -u | tr '\n' ' '; }
open() { tm_send Escape; tm_send :; tm_type "open $1"; tm_send Enter; }

TM_W=100 TM_H=40 tm_wardesk "$HL"
check_screen "the console is live" "$HL .* live"
check_screen "no D-Bus session: said at once" "desktop notifications unavailable: no D-Bus session"
check_eq "a live console that has shown no photo maps none of them" "" "$(mapped)"
open "$R"
check_screen "the photo is drawn" "^ Photo +64×64 pixels"
m=$(mapped)
check_match "... libcurl is mapped now" "libcurl\.so" "$m"
check_match "... gdk-pixbuf and chafa too" "libchafa\.so.*libgdk_pixbuf" "$m"
check_nomatch "... libnotify still not (no bus: it is never loaded)" "libnotify" "$m"
tm_send Escape q
wait_until 5 tm_dead || not_ok "the console quits"
tm_kill

# -- chafa and libnotify missing (the photo is in the cache now: no fetch)
if ! unshare -m true 2>/dev/null; then
	skip "a library that cannot be loaded" "no private mount namespace (unshare -m)"
	exit 0
fi
HIDE=
for l in libnotify.so.4 libchafa.so.0; do
	f=$(ldconfig -p | awk -v l="$l" '$1 == l { print $NF; exit }')
	[ -n "$f" ] && HIDE="$HIDE $(readlink -f "$f")"
done
export HIDE
# a bus address (nothing there): the console loads libnotify at start
TM_W=100 TM_H=40 tm_start unshare -m sh -c \
	'for f in $HIDE; do mount --bind /dev/null "$f" || exit 9; done; exec "$@"' sh \
	env PGUSER="$HL" DBUS_SESSION_BUS_ADDRESS=unix:path="$WD_TMP/no-bus" "$WD_BIN"
check_screen "libnotify missing: the console is live" "$HL .* live"
check_screen "... and says why notifications are unavailable" \
	"desktop notifications unavailable: cannot load libnotify: "
open "$R"
check_screen "chafa missing: the photo line says why, in one line" \
	"^ Photo +not shown: cannot load the photo libraries: .*libchafa"
tm_send Escape
check_screen "... and the console goes on" "$HL .* live"
tm_send Escape q
wait_until 5 tm_dead || not_ok "the console quits"
check_eq "... and quits cleanly" 0 "$(tm_exit_status)"
tm_kill
