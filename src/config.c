/* config.c - the config file language (config.h, wardesk.conf(5)).
 *
 * One command per line: set, bind, color, source.  A line is split into
 * words by config_split(); a bad line becomes "FILE:LINE: reason" in the
 * error list and is skipped, so one typo never stops the program.
 *
 * State: the settings below, the bindings (bindings.c), the colours
 * (theme.c) and the error list.  config_load() starts from the built-in
 * defaults every time, so calling it again is a clean reload; the error
 * list is only emptied by config_errors_clear(). */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <strings.h>
#include <unistd.h>

#include "wardesk/actions.h"
#include "wardesk/bindings.h"
#include "wardesk/config.h"
#include "wardesk/photo_gfx.h"
#include "wardesk/theme.h"

#define SOURCE_MAX_DEPTH 8

enum set_type { B, I, S };

static const struct setting_def {
	const char *name;
	enum set_type type;
	const char *def;
} setting_defs[SET_COUNT] = {
#define X(id, name, type, def, help) [id] = { name, type, def },
	CONFIG_SETTINGS(X)
#undef X
};

static struct setting_val {
	bool b;
	long i;
	char *s;     /* owned; NULL until first use */
} settings[SET_COUNT];
static bool settings_ready;

/* Files being read, outermost first: for nesting depth and cycles. */
static char *reading[SOURCE_MAX_DEPTH];
static int nreading;

/* ---- settings ---------------------------------------------------------- */

static bool
parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return true;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return true;
		}
	}
	return false;
}

static bool
parse_long(const char *v, long *out)
{
	char *end;
	long n;

	if (*v == '\0')
		return false;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < 0 || n > INT_MAX)
		return false;
	*out = n;
	return true;
}

/* Store a value already checked against its type. */
static void
setting_store(int id, const char *v)
{
	switch (setting_defs[id].type) {
	case B:
		parse_bool(v, &settings[id].b);
		break;
	case I:
		parse_long(v, &settings[id].i);
		break;
	case S:
		break;
	}
	free(settings[id].s);
	settings[id].s = xstrdup(v);
}

static void
settings_reset(void)
{
	for (int i = 0; i < SET_COUNT; i++)
		setting_store(i, setting_defs[i].def);
	settings_ready = true;
}

static void
settings_init(void)
{
	if (!settings_ready)
		settings_reset();
}

static int
setting_parse(const char *name)
{
	for (int i = 0; i < SET_COUNT; i++)
		if (strcasecmp(name, setting_defs[i].name) == 0)
			return i;
	return -1;
}

/* default-view must name a view action: "open" for view-open. */
static bool
view_exists(const char *v)
{
	char *name = xasprintf("view-%s", v);
	bool ok = action_parse(name) >= 0;

	free(name);
	return ok;
}

int
config_retry_list(const char *value, long *out, int max)
{
	int n = 0;
	const char *p = value;

	while (*p) {
		char *end;
		long v;

		errno = 0;
		v = strtol(p, &end, 10);
		if (end == p || errno || v < 0 || v > 86400 || n >= max || (*end && *end != ','))
			return -1;
		out[n++] = v;
		p = *end ? end + 1 : end;
		if (*end && !*p)
			return -1;
	}
	return n;
}

/* phone-command splits into words (one argv); phone-retry is a list. */
static bool
phone_value_ok(int id, const char *value, char *err, size_t errsz)
{
	long retry[16];
	char **w;
	int n;

	if (id == SET_PHONE_RETRY && config_retry_list(value, retry, ARRAY_SIZE(retry)) < 0) {
		snprintf(err, errsz, _("%s: \"%s\" is not a list of seconds like 30,120,600"), setting_defs[id].name,
		         value);
		return false;
	}
	if (id != SET_PHONE_COMMAND || !*value)
		return true;
	if ((n = config_split(value, &w, err, errsz)) < 0)
		return false;
	config_words_free(w);
	if (n == 0) {
		snprintf(err, errsz, _("%s: names no command"), setting_defs[id].name);
		return false;
	}
	return true;
}

bool
config_set(const char *name, const char *value, char *err, size_t errsz)
{
	int id = setting_parse(name);
	bool b;
	long n;

	settings_init();
	if (id < 0 && !strcmp(name, "remind-minutes")) {
		snprintf(err, errsz, _("%s: now a desk setting in the database "
		                       "(wardesk setting set remind_min MINUTES); ignored"), name);
		return false;
	}
	if (id < 0) {
		snprintf(err, errsz, _("unknown setting \"%s\""), name);
		return false;
	}
	switch (setting_defs[id].type) {
	case B:
		if (!parse_bool(value, &b)) {
			snprintf(err, errsz, _("%s: \"%s\" is not yes or no"), name, value);
			return false;
		}
		break;
	case I:
		if (!parse_long(value, &n)) {
			snprintf(err, errsz, _("%s: \"%s\" is not a whole number"), name, value);
			return false;
		}
		if (id == SET_SWEEP_SECONDS && n > 3600) {
			snprintf(err, errsz, _("%s: at most 3600"), name);
			return false;
		}
		break;
	case S:
		if (id == SET_THEME) {
			if (*value == '\0') {
				snprintf(err, errsz, _("%s: needs a value"), name);
				return false;
			}
			if (!theme_load(value, err, errsz))
				return false;
		} else if (id == SET_PHOTO_GRAPHICS && !photo_gfx_pref_parse(value, NULL)) {
			snprintf(err, errsz, _("%s: \"%s\" is not auto, sixel, kitty or symbols"), name,
			         value);
			return false;
		} else if (id == SET_DEFAULT_VIEW && !view_exists(value)) {
			snprintf(err, errsz, _("%s: no view called \"%s\""), name, value);
			return false;
		} else if (!phone_value_ok(id, value, err, errsz)) {
			return false;
		}
		break;
	}
	setting_store(id, value);
	return true;
}

bool
config_bool(enum config_setting s)
{
	settings_init();
	return (unsigned)s < SET_COUNT && settings[s].b;
}

long
config_int(enum config_setting s)
{
	settings_init();
	return (unsigned)s < SET_COUNT ? settings[s].i : 0;
}

const char *
config_str(enum config_setting s)
{
	settings_init();
	return (unsigned)s < SET_COUNT ? settings[s].s : "";
}

/* ---- files ------------------------------------------------------------- */

static bool load_file(const char *path, bool missing_ok, char *err, size_t errsz);

static bool
cmd_source(const char *arg, const char *file, char *err, size_t errsz)
{
	char *path = config_expand_path(arg, file);
	bool ok = load_file(path, false, err, errsz);

	free(path);
	return ok;
}

static bool
run_words(char **w, int n, const char *file, char *err, size_t errsz)
{
	const char *cmd = w[0];

	if (strcmp(cmd, "set") == 0) {
		/* "set NAME VALUE", also tig's "set NAME = VALUE". */
		if (n == 4 && strcmp(w[2], "=") == 0)
			return config_set(w[1], w[3], err, errsz);
		if (n != 3) {
			snprintf(err, errsz, "%s", _("usage: set NAME VALUE"));
			return false;
		}
		return config_set(w[1], w[2], err, errsz);
	}
	if (strcmp(cmd, "bind") == 0) {
		if (n != 4) {
			snprintf(err, errsz, "%s", _("usage: bind KEYMAP KEY ACTION"));
			return false;
		}
		return bindings_set(w[1], w[2], w[3], err, errsz);
	}
	if (strcmp(cmd, "color") == 0 || strcmp(cmd, "colour") == 0) {
		if (n < 4) {
			snprintf(err, errsz, "%s", _("usage: color ELEMENT FG BG [ATTR...]"));
			return false;
		}
		return theme_set(w[1], w[2], w[3], (const char *const *)w + 4, (size_t)n - 4,
		                 err, errsz);
	}
	if (strcmp(cmd, "source") == 0) {
		if (n != 2) {
			snprintf(err, errsz, "%s", _("usage: source FILE"));
			return false;
		}
		return cmd_source(w[1], file, err, errsz);
	}
	snprintf(err, errsz, _("unknown command \"%s\""), cmd);
	return false;
}

bool
config_line(const char *line, const char *file, int lineno, char *err, size_t errsz)
{
	char reason[1024];
	char **w;
	int n;
	bool ok;

	reason[0] = '\0';
	n = config_split(line, &w, reason, sizeof reason);
	if (n == 0) {
		config_words_free(w);
		return true;
	}
	ok = n > 0 && run_words(w, n, file, reason, sizeof reason);
	config_words_free(w);
	if (ok)
		return true;
	if (file != NULL)
		snprintf(err, errsz, "%s:%d: %s", file, lineno, reason);
	else
		snprintf(err, errsz, "%s", reason);
	return false;
}

/* Read one file, running every line; errors of its lines go to the error
 * list.  Returns false (reason in err) only when the file itself cannot be
 * read or would nest too deep or in a cycle. */
static bool
load_file(const char *path, bool missing_ok, char *err, size_t errsz)
{
	char *real, *line = NULL;
	size_t linecap = 0;
	int lineno = 0;
	FILE *fp;

	if (nreading >= SOURCE_MAX_DEPTH) {
		snprintf(err, errsz, _("%s: files nested more than %d deep"), path,
		         SOURCE_MAX_DEPTH);
		return false;
	}
	fp = fopen(path, "r");
	if (fp == NULL) {
		if (missing_ok && errno == ENOENT)
			return true;
		snprintf(err, errsz, _("cannot read %s: %s"), path, strerror(errno));
		return false;
	}
	real = realpath(path, NULL);
	if (real == NULL)
		real = xstrdup(path);
	for (int i = 0; i < nreading; i++) {
		if (strcmp(reading[i], real) == 0) {
			snprintf(err, errsz, _("%s is already being read (source loop)"), path);
			free(real);
			fclose(fp);
			return false;
		}
	}
	reading[nreading++] = real;

	while (getline(&line, &linecap, fp) != -1) {
		char lerr[1024];

		lineno++;
		if (!config_line(line, path, lineno, lerr, sizeof lerr))
			config_error_add("%s", lerr);
	}
	if (ferror(fp))   /* a directory, an I/O error */
		config_error_add(_("cannot read %s: %s"), path, strerror(errno));
	free(line);
	fclose(fp);
	free(reading[--nreading]);
	reading[nreading] = NULL;
	return true;
}

bool
config_load(const char *path)
{
	char err[1024];
	char *def = NULL;
	bool ok;

	settings_reset();
	bindings_defaults();
	theme_reset();

	if (path == NULL)
		path = def = config_default_path();
	ok = load_file(path, true, err, sizeof err);
	if (!ok)
		config_error_add("%s", err);
	free(def);
	return ok;
}
