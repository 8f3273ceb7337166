#!/bin/bash
# startup_overdue.sh - the start-up line says how many overdue cases are
# the officer's own, not only how many there are ("5 overdue, 2 of them
# yours"; a newcomer's trial: the count alone did not say whose), in
# English and Vietnamese.  Cases others hold are not counted at all.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"
TM_W=80 TM_H=24

HL=$(mk_officer hl "Trần Thị Lan" hotline) &&
AN=$(mk_officer an "Nguyễn Văn An" officer) &&
BINH=$(mk_officer binh "Lê Văn Bình" officer) || { not_ok "setup: officers"; exit 1; }
for i in 1 2 3 4 5 6; do
	R[$i]=$(report_as "$HL" --category HT --text "Đèn đường hỏng số $i" --address "$i Bạch Đằng")
done
wd_as "$AN" take "${R[1]}" >/dev/null && wd_as "$AN" take "${R[2]}" >/dev/null &&
	wd_as "$BINH" take "${R[3]}" >/dev/null || { not_ok "setup: takes"; exit 1; }
# 150 min on: every deadline (120 min) 30 min past
sql "update wardesk.test_clock set clock_offset = '150 min'" >/dev/null
wd_as "$AN" shift start >/dev/null
ok "setup: 6 overdue cases: 2 held by $AN, 1 by $BINH, 3 unowned"

tm_wardesk "$AN"
check_screen "en: the start-up line: 5 overdue, 2 of them $AN's" "(^|, )5 overdue, 2 of them yours"
tm_kill

if locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$'; then
	vi_env=(LANG=vi_VN.UTF-8)
else
	vi_env=(LANG=C.UTF-8 LANGUAGE=vi)
fi
tm_start env PGUSER="$AN" "${vi_env[@]}" $WD_WRAP "$WD_BIN"
check_screen "vi: the start-up line: 5 quá hạn, 2 vụ của bạn" "(^|, )5 quá hạn, 2 vụ trong đó của bạn"
tm_kill

# binh holds one of them, sees the 3 unowned too: 4 overdue, 1 his
wd_as "$BINH" shift start >/dev/null
tm_wardesk "$BINH"
check_screen "en: $BINH: 4 overdue, 1 of them his" "(^|, )4 overdue, 1 of them yours"
tm_kill
