/* prompt.h - readline on the status line, in callback mode inside curses.
 *
 * Keys read by the console's poll loop are fed one by one (prompt_feed);
 * readline never touches the terminal itself: no terminal preparation, no
 * signal handlers, no LINES/COLUMNS in the environment, output to
 * /dev/null; the line is drawn by prompt_draw through draw.c.
 * History: $XDG_STATE_HOME/wardesk/history (~/.local/state/...), created
 * with its directory; saved when the console ends.
 * Tab completes command names, case references, officer logins, views,
 * categories, settings, colour elements and actions (commands.h says which
 * argument takes what). */
#ifndef WARDESK_PROMPT_H
#define WARDESK_PROMPT_H

struct ui;

enum prompt_kind {
	PROMPT_COMMAND,   /* ":" commands */
	PROMPT_FILTER,    /* "/" filter: applied as you type */
	PROMPT_TEXT,      /* notes */
	PROMPT_REF,       /* a case reference */
};

/* line is NULL when cancelled (Esc, C-g, C-c, C-d on an empty line). The
 * callback may start another prompt. */
typedef void (*prompt_fn)(struct ui *ui, const char *line, void *ctx);

void prompt_init(void);
void prompt_shutdown(void);
void prompt_start(struct ui *ui, enum prompt_kind kind, const char *label, const char *initial,
                  prompt_fn fn, void *ctx);
bool prompt_active(void);
void prompt_cancel(struct ui *ui);
/* key: a character (code point) or, when code is true, a curses KEY_*. */
void prompt_feed(struct ui *ui, int key, bool code);
/* Completion candidates to show (in the footer), "" when none. */
const char *prompt_hint(void);
/* Draw on line y; leaves the curses cursor where readline's point is. */
void prompt_draw(struct ui *ui, int y, int cols);

#endif
