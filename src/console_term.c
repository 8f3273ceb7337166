/* console_term.c - what the terminal can take (console_term.h).
 *
 * Why ASCII unless told: under a locale that is not UTF-8 the terminal's
 * own character set is unknowable from here (LANG=C over SSH to a UTF-8
 * xterm and LANG=C on a Latin-1 console look the same), and guessing wrong
 * draws garbage.  Vietnamese without marks is always readable; an officer
 * whose terminal does take UTF-8 says so once with WARDESK_UTF8=1. */
#include "wardesk/wardesk.h"

#include <langinfo.h>
#include <locale.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "wardesk/console_term.h"
#include "wardesk/draw.h"

bool console_term_usable(void)
{
	const char *term = getenv("TERM");
	int err = 0;
	bool ok = false;

	if (term && *term && setupterm((char *)term, STDOUT_FILENO, &err) == OK && err == 1) {
		const char *cup = tigetstr("cup");

		ok = cup && cup != (char *)-1;
		del_curterm(cur_term);
	}
	if (!ok)
		fprintf(stderr,
		        _("wardesk: TERM=%s cannot place the cursor; use the commands: "
		          "wardesk ls, wardesk show REF, wardesk --help\n"),
		        term && *term ? term : "");
	return ok;
}

static bool is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8"));
}

/* LC_CTYPE to a UTF-8 locale the system has, in the environment too:
 * readline sets its locale again from the environment. */
static bool switch_utf8(void)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	const char *all = getenv("LC_ALL");
	size_t i;

	if (all && *all) {   /* LC_ALL would win over LC_CTYPE: keep it as LANG */
		setenv("LANG", all, 1);
		unsetenv("LC_ALL");
	}
	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (setlocale(LC_CTYPE, names[i]) && is_utf8()) {
			setenv("LC_CTYPE", names[i], 1);
			return true;
		}
	return false;
}

bool console_term_utf8(void)
{
	const char *want = getenv("WARDESK_UTF8");

	if (is_utf8())
		return true;
	if (want && !strcmp(want, "1") && switch_utf8())
		return true;
	draw_set_ascii(true);
	return false;
}
