/* test_config.c - config language, key names and bindings, theme words,
 * colour pairs on real terminal descriptions (xterm-256color, xterm, vt100)
 * and NO_COLOR. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <ncurses.h>

#include "wardesk/actions.h"
#include "wardesk/bindings.h"
#include "wardesk/config.h"
#include "wardesk/theme.h"

#include "unit.h"

static char tmpdir[PATH_MAX];

static char *
tmpfile_write(const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *fp = fopen(path, "w");

	if (fp == NULL) {
		perror(path);
		exit(2);
	}
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* The error list as one string, errors separated by '|'. */
static char *
errors_joined(void)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < config_error_count(); i++) {
		if (i > 0)
			sb_putc(&sb, '|');
		sb_puts(&sb, config_error(i));
	}
	return sb_steal(&sb);
}

/* Split and join with '|' ("ERR: reason" on error). */
static char *
split_joined(const char *line)
{
	struct strbuf sb = { 0 };
	char err[256];
	char **w;
	int n = config_split(line, &w, err, sizeof err);

	if (n < 0)
		return xasprintf("ERR: %s", err);
	for (int i = 0; i < n; i++) {
		if (i > 0)
			sb_putc(&sb, '|');
		sb_puts(&sb, w[i]);
	}
	config_words_free(w);
	return sb_steal(&sb);
}

static void
test_split(void)
{
	CHECK_STR_FREE(split_joined(""), "");
	CHECK_STR_FREE(split_joined("   \t  \n"), "");
	CHECK_STR_FREE(split_joined("# only a comment"), "");
	CHECK_STR_FREE(split_joined("set  notify\tno\r\n"), "set|notify|no");
	CHECK_STR_FREE(split_joined("set theme dark # trailing comment"), "set|theme|dark");
	CHECK_STR_FREE(split_joined("bind queue a#b open"), "bind|queue|a#b|open");
	CHECK_STR_FREE(split_joined("  #indented comment"), "");
	CHECK_STR_FREE(split_joined("color x #d70000 #000000 # red"), "color|x|#d70000|#000000");
	CHECK_STR_FREE(split_joined("set x #"), "set|x");
	CHECK_STR_FREE(split_joined("set x #y"), "set|x|#y");
	CHECK_STR_FREE(split_joined("bind generic \"#\" help"), "bind|generic|#|help");
	CHECK_STR_FREE(split_joined("source \"my file.conf\""), "source|my file.conf");
	CHECK_STR_FREE(split_joined("x \"say \\\"hi\\\"\" \"a\\\\b\""), "x|say \"hi\"|a\\b");
	CHECK_STR_FREE(split_joined("x \"\" y"), "x||y");
	CHECK_STR_FREE(split_joined("x a\"b c\"d"), "x|ab cd");
	CHECK_STR_FREE(split_joined("x \"\\n\""), "x|\\n");     /* other escapes kept */
	CHECK_STR_FREE(split_joined("x \\ y"), "x|\\|y");       /* bare backslash */
	CHECK_STR_FREE(split_joined("Ph\xc6\xb0\xe1\xbb\x9dng \"B\xc3\xacnh Th\xe1\xba\xa1nh\""),
	               "Ph\xc6\xb0\xe1\xbb\x9dng|B\xc3\xacnh Th\xe1\xba\xa1nh");
	CHECK_STR_FREE(split_joined("set x \"open"), "ERR: missing closing quote");
}

static void
test_settings(void)
{
	char err[256];

	config_load("/nonexistent/wardesk/config");
	CHECK_INT(config_error_count(), 0);    /* a missing file is fine */
	CHECK_STR(config_str(SET_THEME), "default");
	CHECK(config_bool(SET_NOTIFY));
	CHECK_INT(config_int(SET_NEW_MARK_SECONDS), 300);
	CHECK_INT(config_int(SET_SWEEP_SECONDS), 20);
	CHECK_STR(config_str(SET_DEFAULT_VIEW), "open");

	static const char *const yes[] = { "yes", "true", "on", "1", "YES", "On" };
	static const char *const no[] = { "no", "false", "off", "0", "No", "FALSE" };
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		CHECK_NAMED(config_set("bell", no[i], err, sizeof err) && !config_bool(SET_BELL),
		            "bell %s", no[i]);
		CHECK_NAMED(config_set("bell", yes[i], err, sizeof err) && config_bool(SET_BELL),
		            "bell %s", yes[i]);
	}
	CHECK(!config_set("bell", "maybe", err, sizeof err));
	CHECK_STR(err, "bell: \"maybe\" is not yes or no");
	CHECK(config_bool(SET_BELL));

	CHECK(config_set("new-mark-seconds", "60", err, sizeof err));
	CHECK_INT(config_int(SET_NEW_MARK_SECONDS), 60);
	CHECK(!config_set("new-mark-seconds", "6o", err, sizeof err));
	CHECK_STR(err, "new-mark-seconds: \"6o\" is not a whole number");
	CHECK(!config_set("new-mark-seconds", "-5", err, sizeof err));
	CHECK(!config_set("new-mark-seconds", "99999999999999999999", err, sizeof err));
	CHECK(!config_set("sweep-seconds", "3601", err, sizeof err));
	CHECK(!config_set("remind-minutes", "5", err, sizeof err));
	CHECK_STR(err, "remind-minutes: now a desk setting in the database "
	               "(wardesk setting set remind_min MINUTES); ignored");
	CHECK_INT(config_int(SET_NEW_MARK_SECONDS), 60);

	CHECK(config_set("default-view", "due", err, sizeof err));
	CHECK_STR(config_str(SET_DEFAULT_VIEW), "due");
	CHECK(!config_set("default-view", "everything", err, sizeof err));
	CHECK_STR(err, "default-view: no view called \"everything\"");

	CHECK(!config_set("colour-scheme", "x", err, sizeof err));
	CHECK_STR(err, "unknown setting \"colour-scheme\"");

	CHECK(config_line("set confirm = no", NULL, 0, err, sizeof err));
	CHECK(!config_bool(SET_CONFIRM));
	CHECK(!config_line("set confirm", NULL, 0, err, sizeof err));
	CHECK_STR(err, "usage: set NAME VALUE");
	CHECK(!config_line("frobnicate now", "x.conf", 7, err, sizeof err));
	CHECK_STR(err, "x.conf:7: unknown command \"frobnicate\"");

	/* A reload starts from the defaults again. */
	config_load("/nonexistent/wardesk/config");
	CHECK(config_bool(SET_CONFIRM));
	CHECK_INT(config_int(SET_NEW_MARK_SECONDS), 300);
	config_errors_clear();
}

static void
test_bad_lines(void)
{
	char *path = tmpfile_write("bad.conf",
		"# wardesk config\n"
		"set notify no\n"
		"set notify perhaps\n"                 /* 3: bad value */
		"bogus line here\n"                    /* 4: unknown command */
		"bind nowhere t take\n"                /* 5: bad keymap */
		"bind queue C-? take\n"                /* 6: bad key */
		"bind queue t fly\n"                   /* 7: bad action */
		"color header pink default\n"          /* 8: bad colour */
		"color header red default sparkly\n"   /* 9: bad attribute */
		"color heading red default\n"          /* 10: bad element */
		"set default-view \"due\n"             /* 11: bad quote */
		"set sweep-seconds 15\n"
		"bind queue x take\n");
	char *want = xasprintf(
		"%1$s:3: notify: \"perhaps\" is not yes or no|"
		"%1$s:4: unknown command \"bogus\"|"
		"%1$s:5: unknown keymap \"nowhere\"|"
		"%1$s:6: unknown key \"C-?\"|"
		"%1$s:7: unknown action \"fly\"|"
		"%1$s:8: unknown colour \"pink\"|"
		"%1$s:9: unknown attribute \"sparkly\"|"
		"%1$s:10: unknown colour element \"heading\"|"
		"%1$s:11: missing closing quote", path);

	config_errors_clear();
	CHECK(config_load(path));
	CHECK_INT(config_error_count(), 9);
	CHECK_STR_FREE(errors_joined(), want);
	/* Good lines before and after the bad ones still apply. */
	CHECK(!config_bool(SET_NOTIFY));
	CHECK_INT(config_int(SET_SWEEP_SECONDS), 15);
	CHECK_INT(bindings_lookup(KM_QUEUE, 'x'), ACT_TAKE);
	CHECK_STR(config_str(SET_DEFAULT_VIEW), "open");

	config_errors_clear();
	CHECK_INT(config_error_count(), 0);
	CHECK(config_error(0) == NULL);
	free(want);
	free(path);
}

static void
test_source(void)
{
	char *sub, *top, *loop_a, *deep, *want;
	char err[512];
	char dir[PATH_MAX + 8];

	snprintf(dir, sizeof dir, "%s/sub", tmpdir);
	mkdir(dir, 0700);
	sub = tmpfile_write("sub/keys.conf",
		"bind generic j move-down\n"
		"source more.conf\n");                  /* relative to sub/ */
	free(tmpfile_write("sub/more.conf", "bind generic k move-up\nset bell no\n"));
	top = tmpfile_write("top.conf",
		"set notify no\n"
		"source sub/keys.conf\n"
		"source missing.conf\n"
		"set confirm no\n");

	config_errors_clear();
	CHECK(config_load(top));
	CHECK_INT(bindings_lookup(KM_GENERIC, 'j'), ACT_DOWN);
	CHECK_INT(bindings_lookup(KM_QUEUE, 'k'), ACT_UP);
	CHECK(!config_bool(SET_BELL));
	CHECK(!config_bool(SET_CONFIRM));
	CHECK_INT(config_error_count(), 1);
	want = xasprintf("%s:3: cannot read %s/missing.conf: %s", top, tmpdir, strerror(ENOENT));
	CHECK_STR(config_error(0), want);
	free(want);

	/* A loop: a sources b, b sources a. */
	loop_a = tmpfile_write("a.conf", "source b.conf\nset bell no\n");
	free(tmpfile_write("b.conf", "source a.conf\nset notify no\n"));
	config_errors_clear();
	CHECK(config_load(loop_a));
	CHECK_INT(config_error_count(), 1);
	want = xasprintf("%s/b.conf:1: %s/a.conf is already being read (source loop)",
	                 tmpdir, tmpdir);
	CHECK_STR(config_error(0), want);
	free(want);
	CHECK(!config_bool(SET_NOTIFY));
	CHECK(!config_bool(SET_BELL));

	/* A file that sources itself. */
	free(tmpfile_write("self.conf", "source self.conf\n"));
	config_errors_clear();
	CHECK(config_line("source self.conf", loop_a, 1, err, sizeof err));
	CHECK_INT(config_error_count(), 1);

	/* Nesting: d0 -> d1 -> ... -> d9; the 9th level is refused. */
	for (int i = 0; i < 10; i++) {
		char name[32], text[64];

		snprintf(name, sizeof name, "d%d.conf", i);
		snprintf(text, sizeof text, "source d%d.conf\nset new-mark-seconds %d\n", i + 1, i);
		free(tmpfile_write(name, text));
	}
	deep = xasprintf("%s/d0.conf", tmpdir);
	config_errors_clear();
	CHECK(config_load(deep));
	CHECK_INT(config_error_count(), 1);
	want = xasprintf("%s/d7.conf:1: %s/d8.conf: files nested more than 8 deep", tmpdir, tmpdir);
	CHECK_STR(config_error(0), want);
	free(want);
	CHECK_INT(config_int(SET_NEW_MARK_SECONDS), 0);   /* the outermost file ran last */

	/* A directory is not a config file. */
	config_errors_clear();
	CHECK(!config_line("source sub", loop_a, 3, err, sizeof err) || config_error_count() == 1);
	CHECK_INT(config_error_count(), 1);

	/* ~ expands to $HOME. */
	{
		char *old = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

		setenv("HOME", tmpdir, 1);
		config_errors_clear();
		CHECK(config_line("source ~/sub/more.conf", NULL, 0, err, sizeof err));
		CHECK_INT(config_error_count(), 0);
		if (old != NULL) {
			setenv("HOME", old, 1);
			free(old);
		}
	}
	config_errors_clear();
	free(deep);
	free(loop_a);
	free(top);
	free(sub);
}

static void
test_default_path(void)
{
	char *old_x = getenv("XDG_CONFIG_HOME") ? xstrdup(getenv("XDG_CONFIG_HOME")) : NULL;
	char *old_h = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;

	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	CHECK_STR_FREE(config_default_path(), "/xdg/wardesk/config");
	setenv("XDG_CONFIG_HOME", "relative", 1);   /* not absolute: ignored */
	setenv("HOME", "/home/an", 1);
	CHECK_STR_FREE(config_default_path(), "/home/an/.config/wardesk/config");
	unsetenv("XDG_CONFIG_HOME");
	CHECK_STR_FREE(config_default_path(), "/home/an/.config/wardesk/config");

	if (old_x != NULL)
		setenv("XDG_CONFIG_HOME", old_x, 1);
	if (old_h != NULL)
		setenv("HOME", old_h, 1);
	free(old_x);
	free(old_h);
}

static void
test_key_names(void)
{
	/* name -> canonical name */
	static const char *const names[][2] = {
		{ "t", "t" }, { "T", "T" }, { "?", "?" }, { "/", "/" }, { ":", ":" },
		{ "1", "1" }, { "Hash", "#" },
		{ "C-a", "C-a" }, { "C-z", "C-z" }, { "C-L", "C-l" }, { "c-x", "C-x" },
		{ "M-x", "M-x" }, { "M-C-a", "M-C-a" }, { "M-Enter", "M-Enter" },
		{ "Enter", "Enter" }, { "ENTER", "Enter" }, { "enter", "Enter" },
		{ "Return", "Enter" }, { "C-m", "Enter" }, { "C-j", "Enter" },
		{ "Esc", "Esc" }, { "escape", "Esc" }, { "C-[", "Esc" },
		{ "Tab", "Tab" }, { "C-i", "Tab" }, { "BTab", "Shift-Tab" }, { "S-Tab", "Shift-Tab" },
		{ "Shift-Tab", "Shift-Tab" }, { "shift-tab", "Shift-Tab" },
		{ "Space", "Space" }, { " ", "Space" },
		{ "Backspace", "Backspace" }, { "C-h", "C-h" },
		{ "Up", "Up" }, { "down", "Down" }, { "Left", "Left" }, { "RIGHT", "Right" },
		{ "PgUp", "PgUp" }, { "PageDown", "PgDn" }, { "Home", "Home" }, { "End", "End" },
		{ "Ins", "Ins" }, { "Delete", "Del" },
		{ "F1", "F1" }, { "f12", "F12" },
		{ "KEY_SLEFT", "KEY_SLEFT" }, { "key_sright", "KEY_SRIGHT" },
		{ "\xc3\xa9", "\xc3\xa9" },                 /* é */
		{ "\xe1\xba\xa1", "\xe1\xba\xa1" },         /* ạ */
		{ "\xe2\x82\xab", "\xe2\x82\xab" },         /* ₫ */
	};
	static const char *const bad[] = {
		"", "C-", "C-?", "C-ab", "M-", "F0", "F64", "Fx", "KEY_NOPE", "ab", "Upp",
		"\xff", "\xc3", "\xc0\xaf", "\t", "\x7f",
		"\xc4\x91",   /* đ is U+0111: the same number as a curses key code */
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		int k = key_parse(names[i][0]);

		CHECK_NAMED(k >= 0 && strcmp(key_name(k), names[i][1]) == 0,
		            "key \"%s\" -> %s (got %d \"%s\")", names[i][0], names[i][1], k,
		            k >= 0 ? key_name(k) : "");
		CHECK_NAMED(key_parse(key_name(k)) == k, "key \"%s\" round-trips", names[i][1]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK_NAMED(key_parse(bad[i]) == -1, "bad key %zu refused", i);

	CHECK_INT(key_parse("Enter"), '\n');
	CHECK_INT(key_parse("C-a"), 1);
	CHECK_INT(key_parse("M-x"), KEYB_ALT + 'x');
	CHECK_INT(key_parse("F5"), KEY_F(5));
	CHECK_INT(key_parse("PgDn"), KEY_NPAGE);
	CHECK_INT(key_parse("Del"), KEY_DC);
	CHECK_STR(key_name('\r'), "Enter");
	CHECK_STR(key_name(KEY_ENTER), "Enter");
	CHECK_STR(key_name(127), "Backspace");
	CHECK_STR(key_name(0), "C-@");
	CHECK_STR(key_name(-1), "none");

	CHECK_INT(keymap_parse("generic"), KM_GENERIC);
	CHECK_INT(keymap_parse("QUEUE"), KM_QUEUE);
	CHECK_INT(keymap_parse("picker"), KM_PICKER);
	CHECK_INT(keymap_parse("nowhere"), -1);
	CHECK_STR(keymap_name(KM_DETAIL), "detail");
}

static void
test_bindings(void)
{
	char err[256];

	bindings_defaults();
	/* Every action's default key parses and is bound where it says. */
	for (int a = 0; a < ACT_COUNT; a++) {
		const struct action *act = &action_table[a];

		int keys[4], n = key_list_parse(act->default_key, keys, 4);

		if (act->default_key == NULL)
			continue;
		CHECK_NAMED(n > 0, "default key of %s parses", act->name);
		for (int i = 0; i < n; i++)
			CHECK_NAMED(bindings_lookup(act->keymap, keys[i]) == a, "%s is bound to %s",
			            key_name(keys[i]), act->name);
		CHECK_NAMED(action_parse(act->name) == a, "action %s parses", act->name);
	}

	/* Enter from the terminal may come as \n, \r or KEY_ENTER. */
	CHECK_INT(bindings_lookup(KM_QUEUE, '\n'), ACT_OPEN);
	CHECK_INT(bindings_lookup(KM_QUEUE, '\r'), ACT_OPEN);
	CHECK_INT(bindings_lookup(KM_QUEUE, KEY_ENTER), ACT_OPEN);
	/* Fallback to generic; none elsewhere. */
	CHECK_INT(bindings_lookup(KM_QUEUE, 'q'), ACT_QUIT);
	CHECK_INT(bindings_lookup(KM_DETAIL, 't'), ACT_TAKE);
	CHECK_INT(bindings_lookup(KM_GENERIC, '\n'), -1);
	CHECK_INT(bindings_lookup(KM_QUEUE, 'Z'), -1);
	CHECK_INT(bindings_lookup(KM_QUEUE, KEYB_ALT + 'q'), -1);
	CHECK_INT(bindings_key_for(KM_QUEUE, ACT_OPEN), '\n');
	CHECK_INT(bindings_key_for(KM_QUEUE, ACT_QUIT), 'q');

	/* Override. */
	CHECK(bindings_set("queue", "x", "take", err, sizeof err));
	CHECK_INT(bindings_lookup(KM_QUEUE, 'x'), ACT_TAKE);
	CHECK_INT(bindings_lookup(KM_DETAIL, 'x'), -1);
	CHECK(bindings_set("generic", "t", "assign", err, sizeof err));
	CHECK_INT(bindings_lookup(KM_DETAIL, 't'), ACT_ASSIGN);
	CHECK(bindings_set("generic", "C-r", "redraw", err, sizeof err));
	CHECK_INT(bindings_lookup(KM_PICKER, 'r' - 'a' + 1), ACT_REDRAW);
	CHECK(bindings_set("generic", "C-m", "help", err, sizeof err));   /* C-m is Enter */
	CHECK_INT(bindings_lookup(KM_DETAIL, '\r'), ACT_HELP);
	CHECK_INT(bindings_lookup(KM_QUEUE, '\r'), ACT_OPEN);              /* queue's own wins */
	CHECK(bindings_set("generic", "M-q", "quit", err, sizeof err));
	CHECK_INT(bindings_lookup(KM_QUEUE, KEYB_ALT + 'q'), ACT_QUIT);
	CHECK(bindings_set("generic", "Backspace", "first", err, sizeof err));
	CHECK_INT(bindings_lookup(KM_QUEUE, 127), ACT_FIRST);
	CHECK_INT(bindings_lookup(KM_QUEUE, 8), ACT_FIRST);                /* C-h unbound */

	/* Unbind: in one keymap only, also hiding the generic binding. */
	CHECK(bindings_set("queue", "q", "none", err, sizeof err));
	CHECK_INT(bindings_lookup(KM_QUEUE, 'q'), -1);
	CHECK_INT(bindings_lookup(KM_DETAIL, 'q'), ACT_QUIT);
	CHECK_INT(bindings_key_for(KM_QUEUE, ACT_QUIT), KEYB_ALT + 'q');
	CHECK(bindings_set("generic", "M-q", "NONE", err, sizeof err));
	CHECK_INT(bindings_key_for(KM_QUEUE, ACT_QUIT), -1);
	CHECK_INT(bindings_key_for(KM_DETAIL, ACT_QUIT), 'q');

	CHECK(!bindings_set("queue", "t", "fly", err, sizeof err));
	CHECK_STR(err, "unknown action \"fly\"");
	CHECK(!bindings_set("kitchen", "t", "take", err, sizeof err));
	CHECK_STR(err, "unknown keymap \"kitchen\"");
	CHECK(!bindings_set("queue", "Hyper-t", "take", err, sizeof err));
	CHECK_STR(err, "unknown key \"Hyper-t\"");

	/* Through the config language, then back to the defaults. */
	CHECK(config_line("bind QUEUE \"#\" filter", NULL, 0, err, sizeof err));
	CHECK_INT(bindings_lookup(KM_QUEUE, '#'), ACT_FILTER);
	CHECK(!config_line("bind queue t", NULL, 0, err, sizeof err));
	CHECK_STR(err, "usage: bind KEYMAP KEY ACTION");
	bindings_defaults();
	CHECK_INT(bindings_lookup(KM_QUEUE, 'q'), ACT_QUIT);
	CHECK_INT(bindings_lookup(KM_QUEUE, 'x'), -1);
	CHECK_INT(bindings_lookup(KM_DETAIL, 't'), ACT_TAKE);
}

/* The oracle: try all 240 colours of the cube and the grey ramp. */
static int
brute_rgb_index(int r, int g, int b)
{
	static const int lv[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };
	long best = -1;
	int besti = 16;

	for (int i = 16; i < 256; i++) {
		int c[3];
		long d = 0;

		if (i < 232) {
			c[0] = lv[(i - 16) / 36], c[1] = lv[((i - 16) / 6) % 6], c[2] = lv[(i - 16) % 6];
		} else {
			c[0] = c[1] = c[2] = 8 + 10 * (i - 232);
		}
		d = (long)(r - c[0]) * (r - c[0]) + (long)(g - c[1]) * (g - c[1]) +
		    (long)(b - c[2]) * (b - c[2]);
		if (best < 0 || d < best)
			best = d, besti = i;
	}
	return besti;
}

/* theme_rgb_index agrees with trying every colour: every grey, and a grid
 * of every third value per channel with its neighbours (the ties sit at
 * midpoints between levels). */
static void
test_theme_rgb_index(void)
{
	int wrong = 0, tried = 0;

	for (int v = 0; v < 256; v++, tried++)
		wrong += theme_rgb_index(v, v, v) != brute_rgb_index(v, v, v);
	for (int r = 0; r < 256; r += 3)
		for (int g = 0; g < 256; g += 3)
			for (int b = 0; b < 256; b++, tried++)
				wrong += theme_rgb_index(r, g, b) != brute_rgb_index(r, g, b);
	CHECK_NAMED(wrong == 0, "%d of %d colours differ from the brute force", wrong, tried);
	CHECK_INT(theme_rgb_index(0xd7, 0x00, 0x00), 160);
	CHECK_INT(theme_rgb_index(0x80, 0x80, 0x80), 244);
	CHECK_INT(theme_rgb_index(0xff, 0xff, 0xff), 231);
}

static void
test_theme_words(void)
{
	char err[256];
	const char *bold[] = { "bold" };
	const char *many[] = { "BOLD", "underline", "reverse", "dim", "blink", "standout",
	                       "italic", "normal" };
	const char *bad[] = { "bold", "shiny" };

	static const char *const colours[] = {
		"default", "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
		"bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue",
		"bright-magenta", "bright-cyan", "bright-white", "grey", "Gray", "RED",
		"color0", "color7", "color255", "colour42", "#000000", "#FFFFFF", "#d70000",
		"#AbCdEf",
	};
	static const char *const bad_colours[] = {
		"", "pink", "color", "color256", "color-1", "color1x", "colour1234", "#fff",
		"#12345g", "#1234567", "bright-", "123",
	};

	for (size_t i = 0; i < ARRAY_SIZE(colours); i++)
		CHECK_NAMED(theme_set("header", colours[i], colours[i], NULL, 0, err, sizeof err),
		            "colour %s", colours[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad_colours); i++) {
		CHECK_NAMED(!theme_set("header", bad_colours[i], "default", NULL, 0, err, sizeof err),
		            "bad fg colour \"%s\"", bad_colours[i]);
		CHECK_NAMED(!theme_set("header", "default", bad_colours[i], NULL, 0, err, sizeof err),
		            "bad bg colour \"%s\"", bad_colours[i]);
	}
	CHECK(!theme_set("header", "pink", "default", NULL, 0, err, sizeof err));
	CHECK_STR(err, "unknown colour \"pink\"");
	CHECK(theme_set("header", "red", "default", many, ARRAY_SIZE(many), err, sizeof err));
	CHECK(!theme_set("header", "red", "default", bad, 2, err, sizeof err));
	CHECK_STR(err, "unknown attribute \"shiny\"");
	CHECK(!theme_set("headline", "red", "default", bold, 1, err, sizeof err));
	CHECK_STR(err, "unknown colour element \"headline\"");

	for (int e = 0; e < EL_COUNT; e++)
		CHECK_NAMED(theme_element_parse(theme_element_name(e)) == e, "element %s",
		            theme_element_name(e));
	CHECK_INT(theme_element_parse("DEADLINE-OVERDUE"), EL_DEADLINE_OVERDUE);
	CHECK_INT(theme_element_parse("nope"), -1);

	/* Before curses starts, theme_attr gives attributes only. */
	config_load("/nonexistent/wardesk/config");
	CHECK_INT(theme_attr(EL_DEADLINE_OVERDUE), A_BOLD | A_REVERSE);
	CHECK_INT(theme_attr(EL_DEADLINE_CRITICAL), A_BOLD | A_UNDERLINE);
	CHECK_INT(theme_attr(EL_DEADLINE_DUE_SOON), A_BOLD);
	CHECK_INT(theme_attr(EL_CURSOR), A_REVERSE);
	CHECK_INT(theme_attr(EL_DEFAULT), A_NORMAL);
	CHECK(theme_set("deadline-due-soon", "default", "default", many, 1, err, sizeof err));
	CHECK_INT(theme_attr(EL_DEADLINE_DUE_SOON), A_BOLD);
	CHECK(theme_set("deadline-due-soon", "default", "default", many + 2, 1, err, sizeof err));
	CHECK_INT(theme_attr(EL_DEADLINE_DUE_SOON), A_REVERSE);    /* only default: as given */
	CHECK(theme_set("cursor", "black", "cyan", NULL, 0, err, sizeof err));
	CHECK_INT(theme_attr(EL_CURSOR), A_REVERSE);               /* colours: mono added */
}

/* ---- colour pairs on real terminal descriptions ------------------------ */

struct pair_probe {
	int ok;
	int colors;
	short fg[EL_COUNT], bg[EL_COUNT];
	int attr[EL_COUNT];   /* without the colour pair */
	int haspair[EL_COUNT];
};

/* In a child: start curses for term (output to /dev/null), apply the theme
 * and report every element's colours. */
static bool
probe(const char *term, const char *no_color, struct pair_probe *out)
{
	int fds[2];
	pid_t pid;
	ssize_t got;
	int status;

	memset(out, 0, sizeof *out);
	if (pipe(fds) != 0)
		return false;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return false;
	if (pid == 0) {
		struct pair_probe p = { 0 };
		FILE *o = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
		SCREEN *sc;

		close(fds[0]);
		if (no_color != NULL)
			setenv("NO_COLOR", no_color, 1);
		else
			unsetenv("NO_COLOR");
		sc = o && in ? newterm(term, o, in) : NULL;
		if (sc != NULL) {
			theme_apply();
			p.ok = 1;
			p.colors = has_colors() ? COLORS : 0;
			for (int e = 0; e < EL_COUNT; e++) {
				int a = theme_attr(e);
				short pair = (short)PAIR_NUMBER((attr_t)a);

				p.attr[e] = (int)((attr_t)a & ~A_COLOR);
				p.haspair[e] = pair != 0;
				p.fg[e] = p.bg[e] = -1;
				if (pair != 0)
					pair_content(pair, &p.fg[e], &p.bg[e]);
			}
			endwin();
		}
		if (write(fds[1], &p, sizeof p) != (ssize_t)sizeof p)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	got = read(fds[0], out, sizeof *out);
	close(fds[0]);
	waitpid(pid, &status, 0);
	return got == (ssize_t)sizeof *out && out->ok;
}

static void
test_theme_pairs(void)
{
	struct pair_probe p;
	char err[256];
	char *path;

	config_load("/nonexistent/wardesk/config");
	CHECK(theme_set("header", "#d70000", "color21", NULL, 0, err, sizeof err));
	CHECK(theme_set("title", "#fe0101", "#080808", NULL, 0, err, sizeof err));
	CHECK(theme_set("key", "#123456", "bright-red", NULL, 0, err, sizeof err));

	if (!CHECK(probe("xterm-256color", NULL, &p)))
		return;
	CHECK_INT(p.colors, 256);
	CHECK_INT(p.fg[EL_HEADER], 160);      /* #d70000 is exactly 160 */
	CHECK_INT(p.bg[EL_HEADER], 21);
	CHECK_INT(p.fg[EL_TITLE], 196);       /* nearest to #ff0000 */
	CHECK_INT(p.bg[EL_TITLE], 232);       /* grey ramp #080808 */
	CHECK_INT(p.fg[EL_KEY], 23);          /* #123456 -> #005f5f */
	CHECK_INT(p.bg[EL_KEY], 9);
	CHECK_INT(p.fg[EL_DEADLINE_OVERDUE], 15);
	CHECK_INT(p.bg[EL_DEADLINE_OVERDUE], COLOR_RED);
	CHECK_INT(p.attr[EL_DEADLINE_OVERDUE], A_BOLD);
	CHECK_INT(p.fg[EL_DEADLINE_DUE_SOON], COLOR_YELLOW);
	CHECK_INT(p.bg[EL_DEADLINE_DUE_SOON], -1);                /* use_default_colors */
	CHECK(!p.haspair[EL_DEFAULT]);
	CHECK_INT(p.attr[EL_DEFAULT], A_NORMAL);

	if (CHECK(probe("xterm", NULL, &p))) {    /* 8 colours */
		CHECK_INT(p.colors, 8);
		CHECK_INT(p.fg[EL_HEADER], COLOR_RED);
		CHECK_INT(p.bg[EL_HEADER], COLOR_BLUE);
		CHECK_INT(p.fg[EL_TITLE], COLOR_RED);
		CHECK_INT(p.attr[EL_TITLE], A_BOLD);               /* bright red: bold red */
		CHECK_INT(p.bg[EL_KEY], COLOR_RED);
		CHECK_INT(p.fg[EL_DEADLINE_OVERDUE], COLOR_WHITE);
		for (int e = 0; e < EL_COUNT; e++)
			CHECK_NAMED(p.fg[e] < 8 && p.bg[e] < 8, "%s fits in 8 colours",
			            theme_element_name(e));
	}

	/* NO_COLOR (any non-empty value): attributes only, urgency still shows. */
	if (CHECK(probe("xterm-256color", "1", &p))) {
		for (int e = 0; e < EL_COUNT; e++)
			CHECK_NAMED(!p.haspair[e], "NO_COLOR: no pair for %s", theme_element_name(e));
		CHECK_INT(p.attr[EL_DEADLINE_OVERDUE], A_BOLD | A_REVERSE);
		CHECK_INT(p.attr[EL_DEADLINE_CRITICAL], A_BOLD | A_UNDERLINE);
		CHECK_INT(p.attr[EL_DEADLINE_DUE_SOON], A_BOLD);
		CHECK_INT(p.attr[EL_CURSOR], A_REVERSE);
		CHECK(p.attr[EL_STATUS_OFFLINE] & A_REVERSE);
	}
	/* An empty NO_COLOR does not count. */
	if (CHECK(probe("xterm-256color", "", &p)))
		CHECK(p.haspair[EL_DEADLINE_OVERDUE]);
	/* A terminal without colour. */
	if (CHECK(probe("vt100", NULL, &p))) {
		CHECK_INT(p.colors, 0);
		CHECK_INT(p.attr[EL_DEADLINE_OVERDUE], A_BOLD | A_REVERSE);
		CHECK(!p.haspair[EL_HEADER]);
	}

	/* Every shipped theme loads cleanly and sets every element. */
	static const char *const themes[] = { "default", "dark", "light", "high-contrast",
	                                      "monochrome" };
	for (size_t i = 0; i < ARRAY_SIZE(themes); i++) {
		char *file = xasprintf("themes/%s.theme", themes[i]);
		FILE *fp = fopen(file, "r");
		char line[512];
		bool seen[EL_COUNT] = { false };
		int nseen = 0;

		config_errors_clear();
		CHECK_NAMED(theme_load(file, err, sizeof err), "theme %s loads", themes[i]);
		CHECK_NAMED(config_error_count() == 0, "theme %s has no bad line (%s)", themes[i],
		            config_error_count() ? config_error(0) : "");
		while (fp != NULL && fgets(line, sizeof line, fp) != NULL) {
			char name[64];
			int e;

			if (sscanf(line, "color %63s", name) == 1 && (e = theme_element_parse(name)) >= 0
			    && !seen[e]) {
				seen[e] = true;
				nseen++;
			}
		}
		if (fp != NULL)
			fclose(fp);
		CHECK_NAMED(nseen == EL_COUNT, "theme %s sets all %d elements (%d)", themes[i],
		            EL_COUNT, nseen);
		free(file);
	}
	/* The monochrome theme looks the same in colour as without. */
	CHECK(theme_load("themes/monochrome.theme", err, sizeof err));
	if (CHECK(probe("xterm-256color", NULL, &p))) {
		CHECK(!p.haspair[EL_DEADLINE_OVERDUE]);
		CHECK_INT(p.attr[EL_DEADLINE_OVERDUE], A_BOLD | A_REVERSE);
	}

	/* Bad theme lines: reported with file:line, skipped. */
	path = tmpfile_write("mine.theme",
		"# my theme\n"
		"color header red blue\n"
		"set notify no\n"
		"color cursor mauve default\n"
		"color title green default bold\n");
	config_errors_clear();
	CHECK(theme_load(path, err, sizeof err));
	CHECK_INT(config_error_count(), 2);
	{
		char *want = xasprintf("%1$s:3: a theme holds only color lines|"
		                       "%1$s:4: unknown colour \"mauve\"", path);
		CHECK_STR_FREE(errors_joined(), want);
		free(want);
	}
	CHECK(config_bool(SET_NOTIFY));
	CHECK(!theme_load("no-such-theme", err, sizeof err));
	CHECK_STR(err, "no theme called \"no-such-theme\"");
	CHECK(theme_load("default", err, sizeof err));

	/* `set theme` finds themes/NAME.theme; user color lines win over it. */
	config_load("/nonexistent/wardesk/config");
	config_errors_clear();
	CHECK(config_line("color deadline-overdue bright-yellow blue", NULL, 0, err, sizeof err));
	CHECK(config_line("set theme monochrome", NULL, 0, err, sizeof err));
	CHECK_STR(config_str(SET_THEME), "monochrome");
	if (CHECK(probe("xterm-256color", NULL, &p))) {
		CHECK_INT(p.fg[EL_DEADLINE_OVERDUE], 11);
		CHECK_INT(p.bg[EL_DEADLINE_OVERDUE], COLOR_BLUE);
		CHECK(!p.haspair[EL_HEADER]);
	}
	CHECK(!config_line("set theme nope", "c", 2, err, sizeof err));
	CHECK_STR(err, "c:2: no theme called \"nope\"");
	CHECK_STR(config_str(SET_THEME), "monochrome");
	config_errors_clear();
	free(path);
}

int
main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof tmpdir, "%s/wardesk-test-config.XXXXXX",
	         t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	/* No user themes or settings from the developer's home. */
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	unsetenv("NO_COLOR");

	RUN(test_split);
	RUN(test_settings);
	RUN(test_bad_lines);
	RUN(test_source);
	RUN(test_default_path);
	RUN(test_key_names);
	RUN(test_bindings);
	RUN(test_theme_words);
	RUN(test_theme_rgb_index);
	RUN(test_theme_pairs);

	config_errors_clear();
	{
		char *cmd = xasprintf("rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmpdir);
		free(cmd);
	}
	return unit_done();
}
