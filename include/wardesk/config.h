/* config.h - the config file: $XDG_CONFIG_HOME/wardesk/config (or --config).
 *
 * Line commands (one per line, '#' comments, words split on blanks,
 * "double quotes" group words):
 *     set NAME VALUE
 *     bind KEYMAP KEY ACTION       (bindings.h)
 *     color ELEMENT FG BG [ATTR]   (theme.h)
 *     source FILE                  (relative to the including file; depth <= 8)
 * A bad line is reported as "FILE:LINE: reason" and skipped; the program
 * still starts.  Documented in wardesk.conf(5). */
#ifndef WARDESK_CONFIG_H
#define WARDESK_CONFIG_H

#include "wardesk/config_file.h"   /* the syntax, the error list, the paths */

/* Settings: X(id, "name", type, default, "help").  type: B bool, I int, S string. */
#define CONFIG_SETTINGS(X) \
	X(SET_THEME,          "theme",            S, "default", "theme name or file") \
	X(SET_NEW_MARK_SECONDS,"new-mark-seconds", I, "300",     "0: no NEW marks (otherwise a case is NEW until seen)") \
	X(SET_NOTIFY,         "notify",           B, "yes",     "desktop notifications") \
	X(SET_BELL,           "bell",             B, "yes",     "terminal bell when no notification server") \
	X(SET_MOUSE,          "mouse",            B, "yes",     "the mouse selects a row, the wheel scrolls") \
	X(SET_CONFIRM,        "confirm",          B, "yes",     "ask before irreversible actions") \
	X(SET_DEFAULT_VIEW,   "default-view",     S, "open",    "view shown at start") \
	X(SET_SWEEP_SECONDS,  "sweep-seconds",    I, "20",      "seconds between the console's deadline sweeps (0: never)") \
	X(SET_NOTIFY_EVENTS,  "notify-events",    S, "new,assigned,warning,escalation,overdue,reminder,urgent,reassigned,reopened", \
	  "alert kinds that make a desktop notification (comma-separated)") \
	X(SET_NOTIFY_QUIET,   "notify-quiet-categories", S, "", \
	  "category codes that never notify, except escalations (comma-separated)") \
	X(SET_PHONE_COMMAND,  "phone-command",    S, "", \
	  "wardesk watch: the command (argv, no shell) that sends an alert to a mobile; {number} {intl} {message} {ref} {kind} {login}") \
	X(SET_PHONE_RETRY,    "phone-retry",      S, "30,120,600", \
	  "wardesk watch: seconds before each retry of a failed phone message (comma-separated)") \
	X(SET_PHONE_TIMEOUT,  "phone-timeout",    I, "60",      "wardesk watch: seconds a phone command may run before it is killed") \
	X(SET_PHONE_ASCII,    "phone-ascii",      B, "yes",     "wardesk watch: phone messages in ASCII, Vietnamese without marks (GSM-7 SMS)") \
	X(SET_PHOTO_GRAPHICS, "photo-graphics",   S, "auto", \
	  "the full-screen photo: auto (sixel or kitty graphics where the terminal draws them), sixel, kitty or symbols")

enum config_setting {
#define X(id, name, type, def, help) id,
	CONFIG_SETTINGS(X)
#undef X
	SET_COUNT
};

/* Load a config file (missing file is fine: returns true).  Errors are
 * appended to the error list, never fatal. */
bool config_load(const char *path);
/* Run one config line (also used by `:set`, `:bind`, `:color` in the
 * console).  file/line are for messages (file may be NULL). */
bool config_line(const char *line, const char *file, int lineno, char *err, size_t errsz);

bool config_bool(enum config_setting s);
long config_int(enum config_setting s);
const char *config_str(enum config_setting s);
bool config_set(const char *name, const char *value, char *err, size_t errsz);
/* phone-retry as seconds: fills out[0..max) and returns the count, or -1
 * when the text is not a comma-separated list of 0..86400. */
int config_retry_list(const char *value, long *out, int max);

#endif
