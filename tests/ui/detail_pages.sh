#!/bin/bash
# detail_pages.sh - the detail's footer offers PgDn only when there is a
# page below: not on the last page, not when the case fits on one (a
# newcomer's trial: PgDn on the last page did nothing).
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24
export LANG=C.UTF-8

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officers"; exit 1; }
SHORT=$(report_as "$HL" --category MT --text "Rác thải" --address "12 Nguyễn Xí")
long=""
for i in $(seq 1 40); do long="$long Câu thứ $i của một phản ánh rất dài về rác thải ùn ứ trước chợ."; done
LONG=$(report_as "$HL" --category MT --text "$long" --address "5 Bạch Đằng")
ok "setup: a short case and one of three pages"

foot() { tm_capture >/dev/null; printf '%s\n' "$TM_SCREEN" | sed -n 23p; }
open() { tm_send Escape; tm_send :; tm_type "open $1"; tm_send Enter; check_screen "$1's detail" "^ !?$1 "; }

tm_wardesk "$AN"
check_screen "live" "$AN .* live"
open "$SHORT"
check_nomatch "a case on one page: no PgDn" "(^| )PgDn " "$(foot)"
open "$LONG"
check_match "a long case, its first page: PgDn" "(^| )PgDn " "$(foot)"
tm_send End
sleep 0.5
check_screen "End: its last line" "Câu thứ 40 "
check_nomatch "... the last page: no PgDn" "(^| )PgDn " "$(foot)"
tm_send Home
sleep 0.5
check_match "Home: the first page again, PgDn again" "(^| )PgDn " "$(foot)"
tm_kill
