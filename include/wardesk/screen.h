/* screen.h - screens and the console state they share.
 *
 * A screen is one file filling a struct screen_ops (like tig's view_ops):
 * open / draw / action / key / changed / close.  Screens form a stack; the
 * queue is at the bottom, detail, help and the picker go on top.
 *
 * Layout (console.c): line 0 header, lines 1 .. LINES-3 the top screen's
 * body, LINES-2 the key hints of the top screen, LINES-1 the status line
 * (or the prompt / a question while one is open).
 *
 * Ownership: struct ui owns the model, the live connection, the screens
 * and the cached officer list. */
#ifndef WARDESK_SCREEN_H
#define WARDESK_SCREEN_H

#include "wardesk/actions.h"
#include "wardesk/live.h"
#include "wardesk/model.h"

struct ui;
struct screen;

struct screen_ops {
	const char *name;
	enum keymap keymap;
	const enum action_id *footer;   /* hints, terminated by ACT_COUNT */
	void (*open)(struct ui *ui, struct screen *s, const void *arg);
	void (*close)(struct ui *ui, struct screen *s);
	/* Draw the body into lines top .. top+rows-1, every cell of them. */
	void (*draw)(struct ui *ui, struct screen *s, int top, int rows);
	/* An action for this screen; false passes it to the generic handler. */
	bool (*action)(struct ui *ui, struct screen *s, enum action_id act);
	/* A key bound to nothing (optional); true when used. */
	bool (*key)(struct ui *ui, struct screen *s, int key);
	/* A case changed (id > 0), everything did (0), only the clock
	 * moved on (-1: a new minute), or shifts / handovers changed
	 * (SCREEN_SHIFT_CHANGED: a wardesk_shift notification). */
	void (*changed)(struct ui *ui, struct screen *s, int64_t id);
	/* The case the cursor is on, 0 when none. */
	int64_t (*selected)(struct ui *ui, struct screen *s);
};

struct screen {
	const struct screen_ops *ops;
	void *data;              /* the screen's own state, freed by close */
	struct screen *below;
};

#define SCREEN_SHIFT_CHANGED (-2)

extern const struct screen_ops queue_ops, detail_ops, help_ops, picker_ops;
/* Issue 4: the phone-ticket form (n): one hotline call, typed while talking. */
extern const struct screen_ops ticket_ops;
/* Issue 6: the chair's board (B), shift handover (H), statistics (S). */
extern const struct screen_ops board_ops, handover_ops, stats_ops;

/* A y/n or small-choice question on the status line.  fn gets the key
 * pressed (one of keys) or 0 when cancelled (Esc, C-g, any other key). */
typedef void (*ask_fn)(struct ui *ui, int answer, void *ctx);

struct ui {
	struct model *model;
	struct live live;
	struct screen *top;

	char status[512];        /* untrusted parts allowed: drawn through draw.c */
	bool status_error;
	int64_t status_ms;       /* when it was written (mono_ms) */
	bool status_bg;          /* written by background news (alerts), not an action */
	bool dirty;              /* redraw before the next wait */
	bool quit;
	bool curses_up;

	char *ask_question;
	char ask_keys[16];
	ask_fn ask_cb;
	void *ask_ctx;

	struct wd_officer_list officers;   /* cached for the picker and completion */
	bool have_officers;
	char config_path[512];
};

void ui_push(struct ui *ui, const struct screen_ops *ops, const void *arg);
void ui_pop(struct ui *ui);
void ui_dirty(struct ui *ui);
void ui_status(struct ui *ui, const char *fmt, ...) WD_PRINTF(2, 3);
void ui_error(struct ui *ui, const char *fmt, ...) WD_PRINTF(2, 3);
/* The status line holds what the officer's own action said a moment ago:
 * background news (alerts) must not wipe it out (bell and desktop
 * notifications still happen). */
#define UI_STATUS_FRESH_MS 3000
bool ui_status_fresh(struct ui *ui);
void ui_ask(struct ui *ui, const char *question, const char *keys, ask_fn fn, void *ctx);
/* Run an action on the top screen, then generically. */
void ui_action(struct ui *ui, enum action_id act);
/* The case under the cursor of the top-most screen that has one. */
int64_t ui_selected(struct ui *ui);
/* Refresh the officer cache (store_officers); false when it failed. */
bool ui_officers(struct ui *ui);
/* Roles: whether the permissions read at connect (store_permissions, the
 * database's wardesk.my_permissions()) allow act (the action table's
 * permission column); true for actions no permission guards and while the
 * permissions are unknown (the database stays the authority).  ui_permit says why not on the status line
 * ("only the ward chair can reassign") and returns false. */
bool ui_permitted(struct ui *ui, enum action_id act);
bool ui_permit(struct ui *ui, enum action_id act);

/* The officer picker for something other than assigning a case: fn gets the
 * login chosen (not called when cancelled).  exclude: a login not to list
 * (NULL: none).  title is trusted text. */
typedef void (*pick_fn)(struct ui *ui, const char *login, void *ctx);
void ui_pick_officer(struct ui *ui, const char *title, const char *exclude, pick_fn fn, void *ctx);

/* Start (true) or end the session user's shift (screen_handover.c). */
void shift_set(struct ui *ui, bool start);
/* Chair: every case `from` holds goes to `to`, after a y/n question
 * (screen_board.c; store_reassign_all). */
void reassign_all(struct ui *ui, const char *from, const char *to);
/* stats_ops takes an optional const int * arg: the period in days (1, 7, 30). */

/* Keys: "t" for the first key bound to act in km, "" when none. */
const char *ui_key_for(enum keymap km, enum action_id act);

/* Domain words and their labels: words.h. */

/* Shared look of a list line: selected lines use the cursor attribute. */
int ui_attr(int element);

#endif
