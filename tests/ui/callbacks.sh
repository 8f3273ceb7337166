#!/bin/bash
# callbacks.sh - the hotline's call-back list on the console (issue 16 §0;
# src/screen_callbacks.c): C opens it over the queue with the resolved
# cases' reporters, oldest first, a merged case's two reporters both, and
# the highlighted one's resolution note to read out; a case resolved
# elsewhere appears live, and so does a call recorded elsewhere; r asks the rating (1-5) and a comment and records
# the call (the case's rating), N records no answer (the reporter stays,
# called again later), w a wrong number; a call whose case changed after the
# question is refused (the version check) and nothing is recorded.  Under
# vi_VN the screen speaks Vietnamese.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

HL=$(mk_officer hl "Võ Thị Lan" hotline) &&
O1=$(mk_officer o1 "Nguyễn Văn Một" officer) &&
CH=$(mk_officer ch "Trần Thị Chủ Tịch" chair) || { not_ok "setup: officers"; exit 1; }
# every hour is daytime here, whatever the time the test runs
wd_as "$CH" setting set callback_hours 00:00-24:00 >/dev/null || not_ok "setup: callback_hours"
resolve() { wd_as "$O1" take "$1" >/dev/null && wd_as "$O1" close "$1" --note "$2" >/dev/null; }
P1=$(report_as "$HL" --category MT --text "Rác đầu hẻm" --address "1 Lê Lợi" --phone 0912345678 --name "Bà Tư") &&
	resolve "$P1" "Đã thu gom rác lúc 9 giờ, cảm ơn bà đã báo" || not_ok "setup: P1 resolved"
K1=$(report_as "$HL" --category MT --text "Cống nghẹt" --address "2 Lê Lợi" --phone 0987000111 --name "Anh Bảy") &&
	D1=$(report_as "$HL" --category MT --text "Cống nghẹt lại" --address "2 Lê Lợi" --phone 0987000222 --name "Chị Tám") &&
	wd_as "$O1" merge "$D1" "$K1" >/dev/null && resolve "$K1" "Đã thông cống" || not_ok "setup: K1 with D1 merged, resolved"
attempts() { sql "select count(*) from wardesk.callback_attempts a join wardesk.cases c on c.id = a.case_id where c.ref = '$1'"; }

tm_wardesk "$HL"
check_screen "the hotline's console is live" "$HL .* live"
tm_send C
check_screen "C opens the call-back list: three reporters" "Call-backs: 3 on the list, 3 to call now"
check_screen "... P1's reporter first, with the number formatted" "^ > $P1  Bà Tư \($P1\)  0912 345 678  calls 0  next: call now"
# (waited for: under ASan the frame may be caught half written)
check_screen "... under it the resolution time and the note" "^     [0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}  Đã thu gom rác"
check_screen "... the merged case's reporter" "^   $K1 +Anh Bảy \($K1\)  0987 000 111"
check_screen "... and its duplicate's reporter" "^   $K1 +Chị Tám \($D1\)  0987 000 222"
check_screen "... the note to read out, in full" "^ Read out to Bà Tư:"
check_screen "... (its words)" "Đã thu gom rác lúc 9 giờ, cảm ơn bà đã báo"
check_screen "... the footer names the keys" "r reached .*N no answer .*w wrong number"

# live: a case resolved elsewhere appears
P2=$(report_as "$HL" --category MT --text "Đèn hỏng" --address "3 Lê Lợi" --phone 0909111222 --name "Ông Ba") &&
	resolve "$P2" "Đã thay bóng đèn" || not_ok "setup: P2 resolved"
check_screen "a case resolved elsewhere appears live" "Call-backs: 4 on the list"
check_match "... last (the newest resolution)" "Ông Ba \($P2\)" "$(printf '%s\n' "$TM_SCREEN" | grep -A2 "Chị Tám")"

# reached: the rating and a comment
tm_send r
check_screen "r asks the rating" "Bà Tư reached. The rating the citizen gives, 1-5"
tm_send 4
check_screen "... then the comment" "The citizen's comment"
tm_type "Rất hài lòng"
tm_send Enter
check_screen "the call is recorded" "$P1: call 1 to Bà Tư recorded"
check_screen "... Bà Tư leaves the list" "Call-backs: 3 on the list"
check_eq "... the case's rating is 4 with the comment" "4|Rất hài lòng" "$(case_field "$P1" "rating || '|' || rating_comment")"

# no answer: stays, later
check_match "the cursor is on Anh Bảy" "^ > $K1 +Anh Bảy" "$TM_SCREEN"
tm_send N
check_screen "N asks first" "Anh Bảy \($K1\): record no answer\? \[y/n\]"
tm_send y
check_screen "no answer recorded, with the next try" "$K1: call 1 to Anh Bảy recorded; next try at"
check_screen "... Anh Bảy stays on the list, called once, not due now" "^ > $K1  Anh Bảy .* calls 1  next: [0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}"
check_screen "... 2 to call now" "Call-backs: 3 on the list, 2 to call now"

# wrong number for Chị Tám
tm_send j
tm_send w
check_screen "w asks first" "Chị Tám \($K1\): record a wrong number\? \[y/n\]"
tm_send y
check_screen "wrong number recorded" "$K1: call 1 to Chị Tám recorded"
check_screen "... Chị Tám leaves the list" "Call-backs: 2 on the list"

# the version check: the case changes between the question and the answer
tm_send G
check_screen "the cursor on Ông Ba" "^ > $P2 +Ông Ba"
tm_send r
check_screen "r asks Ông Ba's rating" "Ông Ba reached"
wd_as "$O1" rate "$P2" 2 >/dev/null || not_ok "the case changes meanwhile (rated in the CLI)"
tm_send 5
check_screen "... the comment" "The citizen's comment"
tm_send Enter
check_screen "the call is refused: the case changed" "$P2 changed since you saw it: nothing sent; look again"
check_eq "... nothing recorded" 0 "$(attempts "$P2")"
check_eq "... the rating stays the CLI's" 2 "$(case_field "$P2" rating)"
check_screen "... Ông Ba is still on the list" "Ông Ba \($P2\)"
# live: a call recorded at another desk
wd_as "$O1" callback "$K1" --wrong-number >/dev/null || not_ok "a wrong number for Anh Bảy in the CLI"
check_screen "a call recorded elsewhere takes Anh Bảy off the list, live" "Call-backs: 1 on the list"
check_nomatch "... gone" "Anh Bảy" "$TM_SCREEN"
tm_send Escape
check_screen "Esc goes back to the queue" "REF +LEFT"
tm_kill

# Vietnamese
vi_env=(LANG=vi_VN.UTF-8)
locale -a 2>/dev/null | grep -qiE '^vi_VN\.utf-?8$' || vi_env=(LANG=C.UTF-8 LANGUAGE=vi)
tm_start env "${vi_env[@]}" PGUSER="$HL" "$WD_BIN"
check_screen "under vi_VN the console is live" "$HL .*"
tm_send C
check_screen "... the list in Vietnamese" "Gọi lại: 1 người trong danh sách"
check_match "... the entry" "Ông Ba \($P2\)  0909 111 222  đã gọi 0  lần tới: gọi ngay" "$TM_SCREEN"
check_match "... the note to read out" "^ Đọc cho Ông Ba:" "$TM_SCREEN"
check_match "... the footer words" "r đã liên lạc .*N không nghe .*w sai số" "$TM_SCREEN"
tm_send G
tm_send N
check_screen "... N asks in Vietnamese" "Ông Ba \($P2\): ghi là không nghe máy\? \[y/n\]"
tm_send y
check_screen "... recorded" "$P2: đã ghi cuộc gọi 1 cho Ông Ba; gọi lại lúc"
check_eq "... in the database" "no_answer" \
	"$(sql "select outcome from wardesk.callback_attempts a join wardesk.cases c on c.id = a.case_id where c.ref = '$P2'")"
tm_kill

# at night nobody is "call now" (callback_hours 07:00-21:00, the desk clock
# at 04:15 tomorrow): Ông Ba's retry and a first call both wait for 07:00
at_exit sql "update wardesk.test_clock set clock_offset = '0'"
P3=$(report_as "$HL" --category MT --text "Nước tràn" --address "4 Lê Lợi" --phone 0909333444 --name "Cô Năm") &&
	resolve "$P3" "Đã khơi thông" || not_ok "setup: P3 resolved"
wd_as "$CH" setting set callback_hours 07:00-21:00 >/dev/null || not_ok "setup: callback_hours 07:00-21:00"
sql "update wardesk.test_clock set clock_offset =
       ((pg_catalog.now() at time zone 'Asia/Ho_Chi_Minh')::date + 1 + time '04:15') at time zone 'Asia/Ho_Chi_Minh'
       - pg_catalog.now()" >/dev/null
tm_wardesk "$HL"
check_screen "the console at 04:15" "$HL .* live"
tm_send C
check_screen "C at 04:15: two on the list, none to call now" "Call-backs: 2 on the list, 0 to call now"
check_nomatch "... no entry says call now" "call now" "$(printf '%s\n' "$TM_SCREEN" | grep -v "Call-backs:")"
check_match "... Ông Ba's retry waits for 07:00" "Ông Ba \($P2\) .* next: [0-9]{2}/[0-9]{2} 07:00" "$TM_SCREEN"
check_match "... and so does Cô Năm's first call" "Cô Năm \($P3\) .* next: [0-9]{2}/[0-9]{2} 07:00" "$TM_SCREEN"
tm_kill
