#!/bin/bash
# deb.sh - the Debian package (issue 15): `make deb` builds it, `apt-get
# install ./wardesk_*.deb` installs it, and the installed program works:
# --version, its man page, the completion, the unit, and `wardesk db init`
# against a private cluster (tools/cluster.sh).  Needs root (it installs the
# package system-wide, and purges it at the end unless WD_DEB_KEEP=1); not
# part of `make check`: `make check-deb`.
. "$(dirname "$0")/../lib.sh"

[ "$(id -u)" -eq 0 ] || skip_all "needs root (installs the package)"
command -v apt-get >/dev/null || skip_all "not Debian"

if ! sh "$WD_ROOT/tools/deb.sh" >"$WD_TMP/deb.log" 2>&1; then
	not_ok "make deb builds the package" "$(tail -n 30 "$WD_TMP/deb.log")"
	exit 1
fi
DEB=$(ls "$WD_ROOT"/build/deb/wardesk_*.deb | head -n 1)
ok "make deb builds $(basename "$DEB")"
[ "${WD_DEB_KEEP:-0}" = 1 ] || at_exit env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq wardesk
check "apt-get install ./wardesk_*.deb" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB"
check_exit "wardesk --version" 0 /usr/bin/wardesk --version
check_match "... prints the version" "0\.1\.0" "$OUT"
check_exit "man -w wardesk" 0 man -w wardesk
check_match "... finds the installed page" "^/usr/share/man/man1/wardesk\.1" "$OUT"
check "the bash completion is installed" test -f /usr/share/bash-completion/completions/wardesk
check "the watch unit is installed (on /usr/bin)" grep -q "^ExecStart=/usr/bin/wardesk watch" \
	/lib/systemd/system/wardesk-watch.service
check "the SQL files are installed" test -d /usr/share/wardesk/sql/migrations
check "the themes are installed" test -f /usr/share/wardesk/themes/dark.theme
check "the Vietnamese catalog is installed" test -f /usr/share/locale/vi/LC_MESSAGES/wardesk.mo

PGD=$(mktemp -d /var/tmp/wddeb.XXXXXX)
chmod 755 "$PGD"
at_exit rm -rf "$PGD"
at_exit sh "$WD_ROOT/tools/cluster.sh" destroy "$PGD/pg"
WARDESK_PG_FAST=1 sh "$WD_ROOT/tools/cluster.sh" init "$PGD/pg" >/dev/null 2>&1 ||
	{ not_ok "a private cluster"; exit 1; }
eval "$(sh "$WD_ROOT/tools/cluster.sh" env "$PGD/pg")"
check_eq "the package created nothing in the database" 0 \
	"$(psql -X -qtA -U postgres -c "select count(*) from pg_namespace where nspname = 'wardesk'")"
check_exit "the installed wardesk db init" 0 env PGUSER=postgres /usr/bin/wardesk db init
check_match "... applies the schema" "applied [0-9]+ migration" "$OUT"
