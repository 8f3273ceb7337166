/* screen.h - what a screen is: one file filling a struct screen_ops (like
 * tig's view_ops): open / draw / action / key / changed / close.  Screens
 * form a stack; the queue is at the bottom, detail, help and the picker go
 * on top.  The UI services (ui.h) run the stack; the console registers the
 * screens by id (console_screens.c), so screens open each other by id and
 * never by symbol.
 *
 * Layer: UI services (the interface; the screens implementing it sit
 * above). */
#ifndef WARDESK_SCREEN_H
#define WARDESK_SCREEN_H

#include "wardesk/actions.h"
#include "wardesk/live.h"

struct ui;
struct screen;

/* The registered screens and what each open() takes as arg. */
enum screen_id {
	SCR_QUEUE,      /* NULL */
	SCR_DETAIL,     /* const int64_t *: the case id */
	SCR_HELP,       /* NULL */
	SCR_TICKET,     /* NULL: the phone-ticket form (issue 4) */
	SCR_BOARD,      /* NULL: the chair's board (issue 6) */
	SCR_HANDOVER,   /* NULL: shift handover */
	SCR_STATS,      /* const int * or NULL: the period in days (1, 7, 30) */
	SCR_CALLBACKS,  /* NULL: the hotline's call-back list (issue 16) */
	SCR_MAP,        /* NULL: the map of open cases and clusters (issue 16) */
	SCR_MESSAGES,   /* NULL: the status line's past messages, whole (:messages) */
	SCR_COUNT
};

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
	/* A mouse click on screen line y, column x (optional; list screens:
	 * select the row drawn there); true when used. */
	bool (*click)(struct ui *ui, struct screen *s, int y, int x);
	/* Whether the screen holds text typed and not yet sent (optional: a
	 * form half written); quitting asks first. */
	bool (*unsaved)(struct ui *ui, struct screen *s);
	/* The case the cursor is on, 0 when none. */
	int64_t (*selected)(struct ui *ui, struct screen *s);
	/* The version of that case as the officer saw it drawn (optional; 0:
	 * unknown, the model's is used).  Case actions send it as `seen`. */
	int (*seen)(struct ui *ui, struct screen *s);
	/* Why a case action must not run on the cursor's line (optional):
	 * NULL when it may; else a message, e.g. the line of a case taken
	 * elsewhere that is still held under the cursor. */
	const char *(*refusal)(struct ui *ui, struct screen *s);
	/* Whether the footer offers act now (optional; the role's permission
	 * is asked first): e.g. the detail asks the database (wardesk.allowed_actions)
	 * what may be done to its case in its state. */
	bool (*offers)(struct ui *ui, struct screen *s, enum action_id act);
};

struct screen {
	const struct screen_ops *ops;
	void *data;              /* the screen's own state, freed by close */
	struct screen *below;
};

#define SCREEN_SHIFT_CHANGED LIVE_SHIFT_CHANGED

#endif
