#!/bin/sh
# tools/update-po.sh - regenerate the translation template and merge it into
# every catalog:
#   po/POTFILES     the source files with messages (src/*.c and the headers
#                   that hold N_() strings, e.g. the action table)
#   po/wardesk.pot  xgettext over those files (keywords _ and N_; NC_(ctx, s)
#                   for a msgid with a context, see key_label in bindings.c)
#   po/*.po         msgmerge with the new template, then msgfmt --check
# Run from anywhere; needs gettext (xgettext, msgmerge, msgfmt).  New or
# changed msgids come out untranslated or "fuzzy": translate them, remove
# the fuzzy flag, and run this again.
set -eu
cd "$(dirname "$0")/.."

version=$(sed -n 's/^VERSION *:= *//p' Makefile)

{
	ls src/*.c
	grep -l -E '(^|[^A-Za-z0-9_])N?_\("' include/wardesk/*.h || true
} | LC_ALL=C sort -u > po/POTFILES

# shellcheck disable=SC2046
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=NC_:1c,2 \
	--add-comments=TRANSLATORS: --package-name=wardesk --package-version="$version" \
	--msgid-bugs-address="the wardesk issue tracker" --sort-by-file \
	-o po/wardesk.pot.tmp $(cat po/POTFILES)
# Keep the header stable apart from the creation date.
sed -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"$/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
	po/wardesk.pot.tmp > po/wardesk.pot
rm -f po/wardesk.pot.tmp

status=0
for po in po/*.po; do
	[ -e "$po" ] || continue
	msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/wardesk.pot
	msgfmt --check --statistics -o /dev/null "$po" || status=1
done
exit $status
