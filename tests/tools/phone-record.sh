#!/bin/sh
# phone-record.sh ARG... - stands in for an SMS command such as
# gammu-smsd-inject in tests/cli/phone.sh: appends "call N ARGC" and then each
# argument on a line of its own to $WD_PHONE_LOG (under a lock: several
# watchers may call it at once).  While the number in $WD_PHONE_LOG.fail is
# above 0 a call lowers it and exits 1; a number in $WD_PHONE_LOG.sleep is
# slept first (seconds), to stand for a hung modem.
set -u
log=$WD_PHONE_LOG
exec 9>>"$log.lock"
flock 9
n=$(( $(cat "$log.count" 2>/dev/null || echo 0) + 1 ))
echo "$n" >"$log.count"
{
	echo "call $n $#"
	for a in "$@"; do printf '%s\n' "$a"; done
} >>"$log"
fail=$(cat "$log.fail" 2>/dev/null || echo 0)
[ "$fail" -gt 0 ] && echo $((fail - 1)) >"$log.fail"
flock -u 9
[ -s "$log.sleep" ] && sleep "$(cat "$log.sleep")"
[ "$fail" -gt 0 ] && exit 1
exit 0
