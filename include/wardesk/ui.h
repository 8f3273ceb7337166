/* ui.h - the UI services every screen, dialog and case action calls:
 * the screen stack, the status line, y/n questions, the officer cache,
 * roles, keys and colours.
 *
 * Layer: UI services (under the screens, the case actions and the event
 * loop; over the model, live and the store).  Nothing here knows a
 * particular screen: screens are opened by id (enum screen_id) through the
 * registry the console hands over at start (ui_set_screens), and an action
 * no screen takes goes to the console's generic handler (ui->generic).
 *
 * Layout (console_frame.c): line 0 header, lines 1 .. LINES-3 the top
 * screen's body, LINES-2 the key hints of the top screen, LINES-1 the status
 * line (or the prompt / a question while one is open).
 *
 * Ownership: struct ui owns the model, the live connection, the screens
 * and the cached officer list. */
#ifndef WARDESK_UI_H
#define WARDESK_UI_H

#include "wardesk/actions.h"
#include "wardesk/live.h"
#include "wardesk/model.h"
#include "wardesk/screen.h"

struct ui;

/* A y/n or small-choice question on the status line.  fn gets the key
 * pressed (one of keys) or 0 when cancelled (Esc, C-g, any other key). */
typedef void (*ask_fn)(struct ui *ui, int answer, void *ctx);

struct ui {
	struct model *model;
	struct live live;
	struct screen *top;
	/* The screens by id (console_screens.c), and the handler of actions
	 * no screen took (console_actions.c). */
	const struct screen_ops *const *screens;
	void (*generic)(struct ui *ui, enum action_id act);

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

	/* Pixel graphics over the body (the full-screen photo's sixels or
	 * kitty image, ui_pixels): seq is written at cell (y, x) once the
	 * frame under it is on the terminal; while up, frames wait (curses
	 * cannot hold pixels in its cells), and the next key takes the picture
	 * away, repaints everything and sends ACT_BACK to owner if it is
	 * still the top screen. */
	struct {
		char *seq;
		int y, x;
		bool kitty, up;
		struct screen *owner;
	} pix;

	struct wd_officer_list officers;   /* cached for the picker and completion */
	bool have_officers;
	char config_path[512];
};

void ui_set_screens(struct ui *ui, const struct screen_ops *const *screens);
void ui_push(struct ui *ui, const struct screen_ops *ops, const void *arg);
/* Open a registered screen (arg: see enum screen_id). */
void ui_open(struct ui *ui, enum screen_id id, const void *arg);
/* Whether s (NULL: none) is the registered screen id. */
bool ui_screen_is(const struct ui *ui, const struct screen *s, enum screen_id id);
void ui_pop(struct ui *ui);
/* Close screens down to the bottom one (the queue). */
void ui_pop_to_bottom(struct ui *ui);
void ui_dirty(struct ui *ui);
/* Draw seq (pixel graphics from photo_gfx_seq; ownership passes) at cell
 * (y, x) of the body after this frame, for the top screen (see ui->pix). */
void ui_pixels(struct ui *ui, char *seq, int y, int x, bool kitty);
void ui_status(struct ui *ui, const char *fmt, ...) WD_PRINTF(2, 3);
void ui_error(struct ui *ui, const char *fmt, ...) WD_PRINTF(2, 3);
/* Whether the desk is live; when not, the status line says the action was
 * not sent ("offline: not sent; try again when live"). */
bool ui_need_live(struct ui *ui);
/* The start of a question's answer: false when the officer did not say
 * yes (the status line says "cancelled: nothing sent"), or when need_live
 * and the desk is offline (ui_need_live); then nothing is sent. */
bool ui_go_ahead(struct ui *ui, bool yes, bool need_live);
/* The status line holds what the officer's own action said a moment ago:
 * background news (alerts) must not wipe it out (bell and desktop
 * notifications still happen). */
#define UI_STATUS_FRESH_MS 3000
bool ui_status_fresh(struct ui *ui);
/* A store call failed (err from it): when the connection broke
 * (ST_OFFLINE) live goes down and reconnects; the status line says
 * err->msg always (UI_FAIL_SAY), only for a refusal or other failure that
 * is not the lost connection (UI_FAIL_SAY_REFUSAL: the offline banner says
 * the rest), or never (UI_FAIL_QUIET). */
enum ui_fail_say { UI_FAIL_SAY, UI_FAIL_SAY_REFUSAL, UI_FAIL_QUIET };
struct st_err;
void ui_store_failed(struct ui *ui, const struct st_err *err, enum ui_fail_say say);
void ui_ask(struct ui *ui, const char *question, const char *keys, ask_fn fn, void *ctx);
/* Run an action on the top screen, then the generic handler. */
void ui_action(struct ui *ui, enum action_id act);
/* A screen_ops key handler for a screen read like a page: Space pages down. */
bool ui_key_space_pages(struct ui *ui, struct screen *s, int key);
/* Tell every screen on the stack that something changed (see screen_ops). */
void ui_changed(struct ui *ui, int64_t id);
/* Shifts or handovers changed by an action: re-read mine (live) and tell
 * every screen (SCREEN_SHIFT_CHANGED). */
void ui_shift_refresh(struct ui *ui);
/* The case under the cursor of the top-most screen that has one. */
int64_t ui_selected(struct ui *ui);
/* The version of the selected case as drawn (0: unknown), and in *refusal
 * why no case action may run on the cursor's line (NULL: it may). */
int ui_selected_seen(struct ui *ui, const char **refusal);
/* Refresh the officer cache (store_officers); false when it failed. */
bool ui_officers(struct ui *ui);
/* Roles: whether the permissions read at connect (store_permissions, the
 * database's wardesk.my_permissions()) allow act (the action table's
 * permission column); true for actions no permission guards and while the
 * permissions are unknown (the database stays the authority).  ui_permit
 * says why not on the status line ("only the ward chair can reassign") and
 * returns false. */
bool ui_permitted(struct ui *ui, enum action_id act);
bool ui_permit(struct ui *ui, enum action_id act);

/* Keys: "t" for the first key bound to act in km, "" when none. */
const char *ui_key_for(enum keymap km, enum action_id act);

/* Shared look of a list line: selected lines use the cursor attribute. */
int ui_attr(int element);

/* A catalog's translation, looked up once per process: the language is set
 * at start-up (main.c) and never changes while the console runs, and
 * gettext is a few hundred instructions a call (several per row, per
 * frame).  msgid: a string literal, N_("...") (its address is the key). */
const char *ui_tr(const char *msgid);

/* s into out, cut to outsz - 1 bytes (as snprintf "%s" would, without it):
 * the bytes written. */
size_t ui_copy(char *out, size_t outsz, const char *s);

#endif
