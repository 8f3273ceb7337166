/* theme.h - semantic colour elements and themes.
 *
 * The UI never names a colour: it asks for the attribute of an element
 * (theme_attr(EL_DEADLINE_OVERDUE)).  A theme is a file of `color` lines
 * (themes/NAME.theme), the same syntax as the config file:
 *     color ELEMENT FG BG [ATTR...]
 * FG/BG: default, black, red, green, yellow, blue, magenta, cyan, white,
 * bright-*, colorN (0-255) or #RRGGBB (mapped to the nearest of 256).
 * ATTR: bold, dim, underline, reverse, blink, standout, italic, normal. */
#ifndef WARDESK_THEME_H
#define WARDESK_THEME_H

/* X(id, "name", "what it colours") */
#define THEME_ELEMENTS(X) \
	X(EL_DEFAULT,            "default",            "ordinary text") \
	X(EL_HEADER,             "header",             "top line: ward, officer, clock") \
	X(EL_FOOTER,             "footer",             "key hints at the bottom") \
	X(EL_STATUS,             "status",             "status line messages") \
	X(EL_STATUS_ERROR,       "status-error",       "refusals and errors on the status line") \
	X(EL_CURSOR,             "cursor",             "the selected line") \
	X(EL_TITLE,              "title",              "section titles, column headings") \
	X(EL_DIM,                "dim",                "secondary text") \
	X(EL_KEY,                "key",                "key names in the footer and help") \
	X(EL_CASE_NEW,           "case-new",           "mark of a case that just arrived") \
	X(EL_DEADLINE_NORMAL,    "deadline-normal",    "countdown with time to spare") \
	X(EL_DEADLINE_DUE_SOON,  "deadline-due-soon",  "countdown within the warning minutes") \
	X(EL_DEADLINE_CRITICAL,  "deadline-critical",  "countdown at 10 minutes or less") \
	X(EL_DEADLINE_OVERDUE,   "deadline-overdue",   "late cases") \
	X(EL_ESCALATED,          "escalated",          "escalation mark") \
	X(EL_STATE_RESOLVED,     "state-resolved",     "resolved cases") \
	X(EL_STATUS_LIVE,        "status-live",        "connection: live") \
	X(EL_STATUS_OFFLINE,     "status-offline",     "connection: offline/reconnecting, stale data") \
	X(EL_PROMPT,             "prompt",             "the input line") \
	X(EL_BAR,                "bar",                "bar charts and sparklines") \
	X(EL_URGENT,             "urgent",             "mark of an urgent case (the ! before its reference)")

enum theme_element {
#define X(id, name, help) id,
	THEME_ELEMENTS(X)
#undef X
	EL_COUNT
};

const char *theme_element_name(enum theme_element e);
int theme_element_parse(const char *name);     /* -1 when unknown */

/* Set one element from the words of a `color` line.  Before curses starts
 * this only records; theme_apply() makes pairs.  Returns false and writes a
 * one-line reason into err when a word is bad. */
bool theme_set(const char *element, const char *fg, const char *bg,
               const char *const *attrs, size_t nattrs, char *err, size_t errsz);

/* Load themes/NAME.theme (searched in $XDG_CONFIG_HOME/wardesk/themes,
 * WARDESK_DATADIR/themes, ./themes) or a path.  Bad lines are reported
 * through the config error list (config.h) and skipped. false if not found. */
bool theme_load(const char *name_or_path, char *err, size_t errsz);
/* The xterm-256 index (16..255: the 6x6x6 cube and the grey ramp) nearest
 * to the colour #RRGGBB (r, g, b in 0..255), as `color` lines map it. */
int theme_rgb_index(int r, int g, int b);

/* After initscr(): allocate colour pairs.  Honours NO_COLOR and terminals
 * without colour (attributes only: bold/reverse/underline). */
void theme_apply(void);
/* Back to the built-in default look (before loading another theme). */
void theme_reset(void);
int theme_attr(enum theme_element e);
/* Whether any element is drawn in colour (false under NO_COLOR, on a
 * terminal without colour, and with the monochrome theme). */
bool theme_in_colour(void);
/* The first colour pair the theme never uses (photo_view.c takes those). */
int theme_first_free_pair(void);            /* curses attr_t incl. COLOR_PAIR */

#endif
