#!/bin/bash
# flood.sh - a flood of notifications (one statement changing 2,000 cases,
# as a catch-up sweep does) is handled a slice at a time between keys
# (live.c: LIVE_DRAIN_US per turn of the loop, the rest left in libpq's
# queue, where poll() does not see it): the console still ends with every
# change drawn, with no key and no further notification to wake it.
. "$(dirname "$0")/../lib.sh"
command -v tmux >/dev/null || skip_all "tmux is not installed"

N=2000
AN=$(mk_officer an "Nguyễn Văn An" officer) || { not_ok "setup: officer"; exit 1; }
mkdir -p "$XDG_CONFIG_HOME/wardesk"
printf 'set notify no\n' >"$XDG_CONFIG_HOME/wardesk/config"
psql_as postgres -q <<SQL || not_ok "setup: $N cases"
begin;
set local session_replication_role = replica;
insert into wardesk.cases (ward_id, ref, channel, category, description, address,
                           received_at, deadline_at)
select w.id, '$WD_WARD-' || g, 'hotline', 'MT', 'Phản ánh số ' || g, 'Hẻm ' || g || ' Lê Lợi',
       now() - interval '10 min', now() + g * interval '1 min'
  from generate_series(1, $N) g, wardesk.wards w where w.code = '$WD_WARD';
update wardesk.wards set next_seq = $N + 1 where code = '$WD_WARD';
commit;
SQL
ok "setup: $N cases"

tm_wardesk "$AN"
check_screen "the console is live with every case" " 1/$N .* live|live.* 1/$N| 1/$N" 30
# a filter no case matches yet
tm_send /
tm_type "đã đổi"
tm_send Enter
check_screen "a filter that matches nothing yet" "No case matches the filter" 10
# one statement, N notifications with their rows (as the owner: the
# triggers run); then no key, no other notification: the loop must go on
# with the rest of the queue by itself
sql "update wardesk.cases set address = address || ' (đã đổi)'
      where ward_id = (select id from wardesk.wards where code = '$WD_WARD')" >/dev/null
check_screen "every change is drawn with no key pressed: the filter finds all $N" " [0-9]+/$N *$" 30
tm_send Home
check_screen "... the first row's too" "$WD_WARD-1 .*Hẻm 1 Lê Lợi \(đã đ" 5
tm_kill
