/* prompt.h - readline on the status line, in callback mode inside curses.
 *
 * Keys read by the console's poll loop are fed one by one (prompt_feed);
 * readline never touches the terminal itself: no terminal preparation, no
 * signal handlers, no LINES/COLUMNS in the environment, output to
 * /dev/null; the line is drawn by prompt_draw through draw.c.
 * History: a file "history" in the drafts directory (drafts_dir: this
 * database, ward and login), read when that place is first known, saved
 * when it changes and when the console ends.
 * Tab completes command names, case references, officer logins, views,
 * categories, settings, colour elements and actions (commands.h says which
 * argument takes what, through prompt_set_commands).
 *
 * Layer: UI services. */
#ifndef WARDESK_PROMPT_H
#define WARDESK_PROMPT_H

struct ui;
struct draft;

/* What an argument of a ":" command takes, for Tab. */
enum compl_kind {
	COMPL_NONE, COMPL_COMMAND, COMPL_REF, COMPL_LOGIN, COMPL_VIEW, COMPL_CATEGORY,
	COMPL_SETTING, COMPL_ELEMENT, COMPL_KEYMAP, COMPL_ACTION, COMPL_REASON,
};

/* The ":" commands, for completion (commands.c; set by the console): names
 * i = 0, 1, ... until NULL, and what argument argi (1 = first after the
 * command) of cmd takes. */
struct prompt_commands {
	const char *(*name)(size_t i);
	enum compl_kind (*completion)(const char *cmd, int argi);
};
void prompt_set_commands(const struct prompt_commands *pc);

enum prompt_kind {
	PROMPT_COMMAND,   /* ":" commands */
	PROMPT_FILTER,    /* "/" filter: applied as you type */
	PROMPT_TEXT,      /* notes */
	PROMPT_REF,       /* a case reference */
	PROMPT_FIELD,     /* a field of a form, edited in place (prompt_start_field) */
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
/* Show msg there until the next key (e.g. "draft from 21:14 restored"). */
void prompt_set_hint(const char *msg);
/* Draw on line y; leaves the curses cursor where readline's point is.
 * While a form field is edited this draws the status message (ui->status)
 * instead and puts the cursor back into the field. */
void prompt_draw(struct ui *ui, int y, int cols);

/* Keep what is typed in the prompt just started as the draft d (drafts.h;
 * its key, ref, action, extra and version are copied; its text, when not
 * empty, is kept in front of the line, a line break between: the earlier
 * lines of a note asked line by line):
 * written after each batch of keys (before it is drawn), when the prompt
 * ends either way (Enter: the line; cancelled: what was typed; empty text
 * removes it) and when the console ends.  Whoever sends the note removes
 * the draft once the database took it. */
void prompt_keep_draft(const struct draft *d);

/* In-place editing of one field of a form (screen_ticket.c): the same
 * readline, but every key is offered to key_fn first (true: the form used
 * it and readline never sees it: Tab, Enter, Esc ...); changed_fn gets the
 * whole text after each key readline took; done_fn gets NULL when the edit
 * is cancelled from outside (SIGINT, C-d on an empty line).  words, when
 * not NULL, is a NULL-terminated list Tab completes from (owned by the
 * caller, valid while the field is edited).  Nothing goes to the history.
 * The form draws the text with prompt_draw_field; the status line keeps
 * showing ui->status. */
typedef bool (*prompt_key_fn)(struct ui *ui, int key, bool code, void *ctx);
void prompt_start_field(struct ui *ui, const char *initial, const char *const *words,
                        prompt_key_fn key_fn, prompt_fn changed_fn, prompt_fn done_fn,
                        void *ctx);
/* true while a field started with this ctx is being edited. */
bool prompt_field_active(const void *ctx);
/* The text being edited ("" when no prompt is active). */
const char *prompt_text(void);
/* Insert text at the point of the line being edited. */
void prompt_insert(struct ui *ui, const char *text);
/* End the edit without calling any callback (the form keeps the text). */
void prompt_stop(struct ui *ui);
/* Draw the field's text at (y, x), cols wide, and remember where the
 * cursor goes. */
void prompt_draw_field(struct ui *ui, int y, int x, int cols, int attr);
/* A text of a few lines (an apology letter) edited on the one-line prompt:
 * line breaks shown as " ¶ " while editing, and back.  Caller frees. */
char *prompt_lines_to_marks(const char *s);
char *prompt_marks_to_lines(const char *s);

#endif
