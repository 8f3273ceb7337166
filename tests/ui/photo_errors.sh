#!/bin/bash
# photo_errors.sh - why a report's photo could not be fetched, in the
# officer's language: the Vietnamese detail showed libcurl's English text
# (a newcomer's trial: "Couldn't connect to server").  The common failures
# (cannot connect, HTTP 404, 403, 5xx; timeout and too big:
# tests/ui/photo.sh) have their own translated sentence; curl's text stays
# only the fallback of the rest.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' || skip_all "vi_VN.UTF-8 is not generated"
photo_server

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
n=0
mk() {   # mk URL: a case whose report came with the photo URL
	local r
	n=$((n + 1))
	r=$(report_as "$HL" --category MT --text "Ảnh $n" --address "$n Lê Lợi") || return 1
	sql "update wardesk.cases set media_urls = array['$1'] where ref = '$r'" >/dev/null
	echo "$r"
}
# a port nobody listens on: a closed loopback port (the server's, closed)
DEAD=$("$WD_PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
R_404=$(mk "$U/missing.png") && R_403=$(mk "$U/forbidden.png") && R_503=$(mk "$U/broken.png") &&
R_DEAD=$(mk "http://127.0.0.1:$DEAD/x.png") || { not_ok "setup: cases with photos"; exit 1; }
ok "setup: four cases whose photo cannot be fetched"

open() { tm_send Escape; tm_send :; tm_type "open $1"; tm_send Enter; }

TM_W=80 TM_H=24 tm_start env LANG=vi_VN.UTF-8 PGUSER="$HL" $WD_WRAP "$WD_BIN"
tm_wait_for "^ +BT-" >/dev/null
open "$R_DEAD"
check_screen "vi: cannot connect, in Vietnamese" "^ Ảnh +không hiển thị: không kết nối được với máy chủ ảnh"
check_nomatch "vi: ... not curl's English" "[Cc]ouldn't connect|Could not connect" "$TM_SCREEN"
open "$R_404"
check_screen "vi: 404: not on the server" "^ Ảnh +không hiển thị: ảnh không còn trên máy chủ \(HTTP 404\)"
open "$R_403"
check_screen "vi: 403: not allowed" "^ Ảnh +không hiển thị: máy chủ không cho phép xem ảnh \(HTTP 403\)"
open "$R_503"
check_screen "vi: 503: the server's fault" "^ Ảnh +không hiển thị: máy chủ ảnh đang bị lỗi \(HTTP 503\)"
tm_kill

TM_W=100 TM_H=40 tm_start env LANG=C.UTF-8 PGUSER="$HL" $WD_WRAP "$WD_BIN"
tm_wait_for "^ +BT-" >/dev/null
open "$R_DEAD"
check_screen "en: cannot connect" "^ Photo +not shown: cannot connect to the photo's server"
open "$R_404"
check_screen "en: 404" "^ Photo +not shown: the photo is not on the server \(HTTP 404\)"
tm_kill
