/* theme.c - semantic colour elements, colour words and themes (theme.h).
 *
 * Two layers per element: the base (the built-in default theme, replaced
 * by `set theme`/theme_load) and the user's `color` lines from the config
 * (theme_set), which win over any theme whatever their order.
 *
 * Colours are kept as xterm-256 indices (-1 = the terminal's default);
 * #RRGGBB is mapped to the nearest of the 6x6x6 cube and grey ramp when
 * parsed, and any index the terminal lacks is mapped to the nearest of its
 * 16 or 8 colours when pairs are made in theme_apply().
 *
 * Without colour (has_colors() false, or NO_COLOR set and not empty) only
 * attributes are used: a line that names only `default` colours is used as
 * it is; a line with colours gets the element's monochrome attributes
 * added (overdue bold+reverse ...) so urgency still shows. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <strings.h>
#include <sys/stat.h>
#include <ncurses.h>

#include "wardesk/config_file.h"
#include "wardesk/theme.h"


#define COL_DEFAULT (-1)

struct style {
	bool set;
	short fg, bg;        /* COL_DEFAULT or 0..255 */
	attr_t attrs;
};

static const char *const element_names[EL_COUNT] = {
#define X(id, name, help) [id] = name,
	THEME_ELEMENTS(X)
#undef X
};

/* The built-in default theme; themes/default.theme holds the same lines. */
static const struct {
	enum theme_element el;
	const char *fg, *bg, *attrs;
} builtin[] = {
	{ EL_DEFAULT,           "default",      "default", "" },
	{ EL_HEADER,            "white",        "blue",    "bold" },
	{ EL_FOOTER,            "default",      "default", "" },
	{ EL_STATUS,            "default",      "default", "" },
	{ EL_STATUS_ERROR,      "bright-white", "red",     "bold" },
	{ EL_CURSOR,            "black",        "cyan",    "" },
	{ EL_TITLE,             "cyan",         "default", "bold" },
	{ EL_DIM,               "bright-black", "default", "" },
	{ EL_KEY,               "yellow",       "default", "bold" },
	{ EL_CASE_NEW,          "bright-green", "default", "bold" },
	{ EL_DEADLINE_NORMAL,   "green",        "default", "" },
	{ EL_DEADLINE_DUE_SOON, "yellow",       "default", "bold" },
	{ EL_DEADLINE_CRITICAL, "bright-red",   "default", "bold" },
	{ EL_DEADLINE_OVERDUE,  "bright-white", "red",     "bold" },
	{ EL_ESCALATED,         "magenta",      "default", "bold" },
	{ EL_STATE_RESOLVED,    "bright-black", "default", "" },
	{ EL_STATUS_LIVE,       "green",        "default", "bold" },
	{ EL_STATUS_OFFLINE,    "bright-white", "red",     "bold" },
	{ EL_PROMPT,            "default",      "default", "" },
	{ EL_BAR,               "cyan",         "default", "" },
	{ EL_URGENT,            "bright-yellow", "red",    "bold" },
};

/* What each element looks like without colour. */
static const attr_t mono[EL_COUNT] = {
	[EL_DEFAULT]           = A_NORMAL,
	[EL_HEADER]            = A_REVERSE,
	[EL_FOOTER]            = A_NORMAL,
	[EL_STATUS]            = A_NORMAL,
	[EL_STATUS_ERROR]      = A_BOLD | A_REVERSE,
	[EL_CURSOR]            = A_REVERSE,
	[EL_TITLE]             = A_BOLD,
	[EL_DIM]               = A_DIM,
	[EL_KEY]               = A_BOLD,
	[EL_CASE_NEW]          = A_BOLD,
	[EL_DEADLINE_NORMAL]   = A_NORMAL,
	[EL_DEADLINE_DUE_SOON] = A_BOLD,
	[EL_DEADLINE_CRITICAL] = A_BOLD | A_UNDERLINE,
	[EL_DEADLINE_OVERDUE]  = A_BOLD | A_REVERSE,
	[EL_ESCALATED]         = A_BOLD,
	[EL_STATE_RESOLVED]    = A_DIM,
	[EL_STATUS_LIVE]       = A_BOLD,
	[EL_STATUS_OFFLINE]    = A_BOLD | A_REVERSE,
	[EL_PROMPT]            = A_NORMAL,
	[EL_BAR]               = A_REVERSE,
	[EL_URGENT]            = A_BOLD | A_REVERSE,
};

static const struct {
	const char *name;
	attr_t attr;
} attr_words[] = {
	{ "normal",    A_NORMAL },
	{ "bold",      A_BOLD },
	{ "dim",       A_DIM },
	{ "underline", A_UNDERLINE },
	{ "reverse",   A_REVERSE },
	{ "blink",     A_BLINK },
	{ "standout",  A_STANDOUT },
	{ "italic",    A_ITALIC },
};

static const char *const colour_names[16] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
	"bright-black", "bright-red", "bright-green", "bright-yellow",
	"bright-blue", "bright-magenta", "bright-cyan", "bright-white",
};

/* xterm's first 16 colours. */
static const unsigned char ansi_rgb[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0x80, 0x00, 0x00 }, { 0x00, 0x80, 0x00 }, { 0x80, 0x80, 0x00 },
	{ 0x00, 0x00, 0x80 }, { 0x80, 0x00, 0x80 }, { 0x00, 0x80, 0x80 }, { 0xc0, 0xc0, 0xc0 },
	{ 0x80, 0x80, 0x80 }, { 0xff, 0x00, 0x00 }, { 0x00, 0xff, 0x00 }, { 0xff, 0xff, 0x00 },
	{ 0x00, 0x00, 0xff }, { 0xff, 0x00, 0xff }, { 0x00, 0xff, 0xff }, { 0xff, 0xff, 0xff },
};
static const int cube_level[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };

static struct style base[EL_COUNT];   /* built-in default or the theme */
static struct style user[EL_COUNT];   /* the config's color lines */
static attr_t effective[EL_COUNT];    /* computed by theme_apply() */
static bool ready;                    /* base holds something */
static bool applied;                  /* theme_apply() ran: keep pairs current */
static bool colour_started;           /* start_color() was called */
static bool default_colours;          /* use_default_colors() worked */

/* ---- names ------------------------------------------------------------- */

const char *
theme_element_name(enum theme_element e)
{
	return (unsigned)e < EL_COUNT ? element_names[e] : "?";
}

int
theme_element_parse(const char *name)
{
	for (int i = 0; i < EL_COUNT; i++)
		if (strcasecmp(name, element_names[i]) == 0)
			return i;
	return -1;
}

/* ---- colour words ------------------------------------------------------ */

static void
index_rgb(int idx, int rgb[3])
{
	if (idx < 16) {
		for (int i = 0; i < 3; i++)
			rgb[i] = ansi_rgb[idx][i];
	} else if (idx < 232) {
		idx -= 16;
		rgb[0] = cube_level[idx / 36];
		rgb[1] = cube_level[(idx / 6) % 6];
		rgb[2] = cube_level[idx % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (idx - 232);
	}
}

static long
rgb_dist(const int a[3], const int b[3])
{
	long d = 0;

	for (int i = 0; i < 3; i++)
		d += (long)(a[i] - b[i]) * (a[i] - b[i]);
	return d;
}

/* The cube level nearest to v (the lower one on a tie). */
static int
cube_nearest(int v)
{
	int best = 0;

	for (int i = 1; i < 6; i++)
		if (abs(v - cube_level[i]) < abs(v - cube_level[best]))
			best = i;
	return best;
}

/* What nearest(rgb, 16, 256) finds, without trying all 240 colours: the
 * squared distance adds up per channel, so the nearest cube colour takes the
 * nearest level of each channel, and the nearest grey (8 + 10k) is the one
 * nearest the mean of the three (3v against their sum); ties go to the lower
 * index, as in nearest().  Loading a theme of #RRGGBB colours was 240
 * comparisons per colour (tests/unit/test_config.c checks both agree). */
int
theme_rgb_index(int r, int g, int b)
{
	const int rgb[3] = { r, g, b };
	int lv[3], cube[3], grey[3], k, sum = r + g + b, cube_idx;

	for (int i = 0; i < 3; i++) {
		lv[i] = cube_nearest(rgb[i]);
		cube[i] = cube_level[lv[i]];
	}
	cube_idx = 16 + 36 * lv[0] + 6 * lv[1] + lv[2];
	/* 3 * (8 + 10k) nearest sum: k = round((sum - 24) / 30), lower on a tie */
	k = sum <= 24 ? 0 : (sum - 24 + 14) / 30;
	if (k > 23)
		k = 23;
	grey[0] = grey[1] = grey[2] = 8 + 10 * k;
	return rgb_dist(rgb, grey) < rgb_dist(rgb, cube) ? 232 + k : cube_idx;
}

/* Nearest index in [lo, hi) to rgb. */
static int
nearest(const int rgb[3], int lo, int hi)
{
	long best = -1;
	int besti = lo;

	for (int i = lo; i < hi; i++) {
		int c[3];
		long d;

		index_rgb(i, c);
		d = rgb_dist(rgb, c);
		if (best < 0 || d < best) {
			best = d;
			besti = i;
		}
	}
	return besti;
}

/* A colour word to COL_DEFAULT or 0..255; -2 when unknown. */
static int
colour_parse(const char *w)
{
	if (strcasecmp(w, "default") == 0)
		return COL_DEFAULT;
	for (int i = 0; i < 16; i++)
		if (strcasecmp(w, colour_names[i]) == 0)
			return i;
	if (strcasecmp(w, "grey") == 0 || strcasecmp(w, "gray") == 0)
		return 8;
	if (strncasecmp(w, "color", 5) == 0 || strncasecmp(w, "colour", 6) == 0) {
		const char *p = w + (w[5] == 'r' || w[5] == 'R' ? 6 : 5);
		int n = 0;

		if (*p == '\0' || strlen(p) > 3)
			return -2;
		for (; *p != '\0'; p++) {
			if (*p < '0' || *p > '9')
				return -2;
			n = n * 10 + (*p - '0');
		}
		return n <= 255 ? n : -2;
	}
	if (w[0] == '#' && strlen(w) == 7) {
		int rgb[3];

		for (int i = 0; i < 3; i++) {
			int hi = hexval(w[1 + 2 * i]), lo = hexval(w[2 + 2 * i]);
			if (hi < 0 || lo < 0)
				return -2;
			rgb[i] = hi * 16 + lo;
		}
		/* The cube and the grey ramp: the first 16 are often redefined
		 * by the terminal's own palette. */
		return theme_rgb_index(rgb[0], rgb[1], rgb[2]);
	}
	return -2;
}

/* Parse the words of a color line (without "color").  true on success. */
static bool
style_parse(const char *element, const char *fg, const char *bg,
            const char *const *attrs, size_t nattrs, int *el, struct style *st,
            char *err, size_t errsz)
{
	int f, b;

	*el = theme_element_parse(element);
	if (*el < 0) {
		snprintf(err, errsz, _("unknown colour element \"%s\""), element);
		return false;
	}
	f = colour_parse(fg);
	if (f == -2) {
		snprintf(err, errsz, _("unknown colour \"%s\""), fg);
		return false;
	}
	b = colour_parse(bg);
	if (b == -2) {
		snprintf(err, errsz, _("unknown colour \"%s\""), bg);
		return false;
	}
	st->set = true;
	st->fg = (short)f;
	st->bg = (short)b;
	st->attrs = A_NORMAL;
	for (size_t i = 0; i < nattrs; i++) {
		size_t j;

		for (j = 0; j < ARRAY_SIZE(attr_words); j++)
			if (strcasecmp(attrs[i], attr_words[j].name) == 0)
				break;
		if (j == ARRAY_SIZE(attr_words)) {
			snprintf(err, errsz, _("unknown attribute \"%s\""), attrs[i]);
			return false;
		}
		st->attrs |= attr_words[j].attr;
	}
	return true;
}

/* ---- layers ------------------------------------------------------------ */

static void
base_builtin(void)
{
	char err[256];

	memset(base, 0, sizeof base);
	for (size_t i = 0; i < ARRAY_SIZE(builtin); i++) {
		const char *a[1] = { builtin[i].attrs };
		struct style st;
		int el;

		if (style_parse(element_names[builtin[i].el], builtin[i].fg, builtin[i].bg, a,
		                builtin[i].attrs[0] != '\0', &el, &st, err, sizeof err))
			base[el] = st;
	}
	ready = true;
}

static void
ensure_ready(void)
{
	if (!ready)
		base_builtin();
}

static void recompute(void);

void
theme_reset(void)
{
	base_builtin();
	memset(user, 0, sizeof user);
	recompute();
}

bool
theme_set(const char *element, const char *fg, const char *bg,
          const char *const *attrs, size_t nattrs, char *err, size_t errsz)
{
	struct style st;
	int el;

	ensure_ready();
	if (!style_parse(element, fg, bg, attrs, nattrs, &el, &st, err, errsz))
		return false;
	user[el] = st;
	recompute();
	return true;
}

/* ---- files ------------------------------------------------------------- */

static bool
is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Where NAME.theme is, or NULL.  Caller frees. */
static char *
theme_find(const char *name)
{
	char *dirs[3];
	char *found = NULL;

	dirs[0] = config_dir();
	dirs[1] = xstrdup(WARDESK_DATADIR);
	dirs[2] = xstrdup(".");
	for (size_t i = 0; i < ARRAY_SIZE(dirs); i++) {
		char *p = xasprintf("%s/themes/%s.theme", dirs[i], name);

		if (found == NULL && is_file(p))
			found = p;
		else
			free(p);
		free(dirs[i]);
	}
	return found;
}

static void
theme_read(FILE *fp, const char *path)
{
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0;

	while (getline(&line, &cap, fp) != -1) {
		char err[512];
		char **w;
		int n, el;
		struct style st;

		lineno++;
		n = config_split(line, &w, err, sizeof err);
		if (n == 0) {
			config_words_free(w);
			continue;
		}
		if (n < 0) {
			config_error_add("%s:%d: %s", path, lineno, err);
			continue;
		}
		if (strcmp(w[0], "color") != 0 && strcmp(w[0], "colour") != 0) {
			config_error_add("%s:%d: %s", path, lineno,
			                 _("a theme holds only color lines"));
		} else if (n < 4) {
			config_error_add("%s:%d: %s", path, lineno,
			                 _("usage: color ELEMENT FG BG [ATTR...]"));
		} else if (!style_parse(w[1], w[2], w[3], (const char *const *)w + 4,
		                        (size_t)n - 4, &el, &st, err, sizeof err)) {
			config_error_add("%s:%d: %s", path, lineno, err);
		} else {
			base[el] = st;
		}
		config_words_free(w);
	}
	if (ferror(fp))   /* a directory, an I/O error */
		config_error_add(_("cannot read %s: %s"), path, strerror(errno));
	free(line);
}

bool
theme_load(const char *name_or_path, char *err, size_t errsz)
{
	char *path;
	FILE *fp;

	ensure_ready();
	if (strchr(name_or_path, '/') != NULL || name_or_path[0] == '~' ||
	    (strlen(name_or_path) > 6 &&
	     strcmp(name_or_path + strlen(name_or_path) - 6, ".theme") == 0)) {
		path = config_expand_path(name_or_path, NULL);
	} else {
		path = theme_find(name_or_path);
		if (path == NULL) {
			/* The default theme is built in: no file needed. */
			if (strcmp(name_or_path, "default") == 0) {
				base_builtin();
				recompute();
				return true;
			}
			snprintf(err, errsz, _("no theme called \"%s\""), name_or_path);
			return false;
		}
	}
	fp = fopen(path, "r");
	if (fp == NULL) {
		snprintf(err, errsz, _("cannot read %s: %s"), path, strerror(errno));
		free(path);
		return false;
	}
	/* Elements a theme leaves out keep the built-in look. */
	base_builtin();
	theme_read(fp, path);
	fclose(fp);
	free(path);
	recompute();
	return true;
}

/* ---- curses ------------------------------------------------------------ */

static bool
colour_wanted(void)
{
	const char *nc = getenv("NO_COLOR");

	if (nc != NULL && nc[0] != '\0')
		return false;
	return has_colors();
}

/* Fit a colour index to what the terminal has; a bright colour reduced to
 * one of 8 asks for bold (most terminals show bold as bright). */
static short
fit_colour(short c, int ncolours, attr_t *attrs, bool is_fg)
{
	int rgb[3], n;

	if (c == COL_DEFAULT) {
		if (default_colours)
			return COL_DEFAULT;
		return is_fg ? COLOR_WHITE : COLOR_BLACK;
	}
	if (c < ncolours)
		return c;
	index_rgb(c, rgb);
	n = ncolours >= 16 ? 16 : 8;
	c = (short)nearest(rgb, 0, n);
	if (n == 8 && is_fg && c < 8) {
		int c16 = nearest(rgb, 0, 16);
		if (c16 >= 8)
			*attrs |= A_BOLD;
	}
	return c;
}

/* Colour pairs: one per distinct (fg, bg), pair 0 for default/default. */
static short
pair_for(short fg, short bg, short pfg[], short pbg[], int *npairs)
{
	if (fg == COL_DEFAULT && bg == COL_DEFAULT)
		return 0;
	for (int i = 1; i <= *npairs; i++)
		if (pfg[i] == fg && pbg[i] == bg)
			return (short)i;
	if (*npairs + 1 >= COLOR_PAIRS || *npairs + 1 > EL_COUNT)
		return -1;
	(*npairs)++;
	pfg[*npairs] = fg;
	pbg[*npairs] = bg;
	init_pair((short)*npairs, fg, bg);
	return (short)*npairs;
}

static void
recompute(void)
{
	short pfg[EL_COUNT + 1], pbg[EL_COUNT + 1];
	int npairs = 0;
	bool colour = applied && colour_started && colour_wanted();

	ensure_ready();
	for (int e = 0; e < EL_COUNT; e++) {
		const struct style *st = user[e].set ? &user[e] : &base[e];
		bool plain = !st->set || (st->fg == COL_DEFAULT && st->bg == COL_DEFAULT);
		attr_t a = st->set ? st->attrs : mono[e];

		if (colour) {
			attr_t extra = A_NORMAL;
			short fg = fit_colour(st->fg, COLORS, &extra, true);
			short bg = fit_colour(st->bg, COLORS, &extra, false);
			short pair = pair_for(fg, bg, pfg, pbg, &npairs);

			if (pair >= 0) {
				effective[e] = a | extra | COLOR_PAIR(pair);
				continue;
			}
		}
		/* No colour for this element: attributes only. */
		effective[e] = plain ? a : (a | mono[e]);
	}
}

void
theme_apply(void)
{
	ensure_ready();
	applied = true;
	if (!colour_started && colour_wanted()) {
		if (start_color() == OK) {
			colour_started = true;
			default_colours = use_default_colors() == OK;
		}
	}
	recompute();
}

bool
theme_in_colour(void)
{
	if (!ready)
		recompute();
	for (int e = 0; e < EL_COUNT; e++)
		if (effective[e] & A_COLOR)
			return true;
	return false;   /* NO_COLOR, no colours, or the monochrome theme */
}

int
theme_first_free_pair(void)
{
	return EL_COUNT + 1;
}

int
theme_attr(enum theme_element e)
{
	if (!ready)
		recompute();
	return (unsigned)e < EL_COUNT ? (int)effective[e] : 0;
}
