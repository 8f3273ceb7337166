#!/bin/bash
# export_file.sh - issue 13 item 9: `wardesk export FILE` writes through a
# temporary file nobody can plant: a symlink at the old predictable name
# (FILE.tmp<pid>) pointing at a victim file leaves the victim alone; the
# export is complete, has the replaced file's mode (or 0666 less the umask),
# and no temporary file is left behind.
. "$(dirname "$0")/../lib.sh"
umask 022

HL=$(mk_officer hl "Trần Thị Lan" hotline) || { not_ok "setup: officer"; exit 1; }
ok "setup: officer"
# an app request comes in through the feed (report refuses channel app)
printf '[{"service_request_id": "APP-7", "service_code": "MT", "status": "open",
  "description": "Rác thải ùn ứ đầu hẻm 45", "requested_datetime": "%s"}]\n' \
	"$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$WD_TMP/feed-in.json"
check_exit "setup: an app request" 0 wd_as "$HL" import "$WD_TMP/feed-in.json"

D=$WD_TMP/out
mkdir -p "$D"
printf 'victim: do not touch\n' >"$D/victim"
chmod 600 "$D/victim"

# The shell plants the symlink at FILE.tmp<its own pid>, then becomes wardesk
# (exec keeps the pid): exactly the name the old code opened with fopen("w").
run env WD_D="$D" PGUSER=postgres bash -c \
	'ln -s "$WD_D/victim" "$WD_D/feed.json.tmp$$"; exec "$0" export "$WD_D/feed.json"' "$WD_BIN"
check_eq "export FILE with a planted symlink exits 0" 0 "$RC"
check_eq "... the victim is unchanged" "victim: do not touch" "$(cat "$D/victim")"
check_eq "... the export is a regular file, not a link" "regular file" "$(stat -c %F "$D/feed.json")"
check_eq "... and holds the request" "APP-7" \
	"$(json_get "$(cat "$D/feed.json")" '",".join(r["service_request_id"] for r in j)')"
check_eq "... mode 0666 less the umask (022)" 644 "$(stat -c %a "$D/feed.json")"
check_eq "... no temporary file left (the planted link aside)" "feed.json victim" \
	"$(cd "$D" && find . -maxdepth 1 -type f -printf '%f\n' | sort | tr '\n' ' ' | sed 's/ $//')"

# Replacing an existing file keeps its mode; a directory the user cannot
# write is an error (exit 2) that leaves nothing behind.
chmod 640 "$D/feed.json"
check "export over an existing file" env PGUSER=postgres "$WD_BIN" export "$D/feed.json"
check_eq "... keeps its mode" 640 "$(stat -c %a "$D/feed.json")"
check_eq "... still the whole feed" "APP-7" \
	"$(json_get "$(cat "$D/feed.json")" '",".join(r["service_request_id"] for r in j)')"
check_exit "export into a missing directory exits 2" 2 \
	env PGUSER=postgres "$WD_BIN" export "$D/nodir/feed.json"
check_match "... saying why" "^wardesk: .*nodir/feed.json: " "$ERR"
