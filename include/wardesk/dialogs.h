/* dialogs.h - small choosers that open over any screen and call back:
 * the officer picker (dialog_officer.c) and the delay-reason picker
 * (dialog_reason.c).  Layer: UI services. */
#ifndef WARDESK_DIALOGS_H
#define WARDESK_DIALOGS_H

#include <stdint.h>

struct ui;

/* The officer picker: fn gets the login chosen (not called when
 * cancelled).  exclude: a login not to list (NULL: none).  title is
 * trusted text. */
typedef void (*pick_fn)(struct ui *ui, const char *login, void *ctx);
void ui_pick_officer(struct ui *ui, const char *title, const char *exclude, pick_fn fn, void *ctx);
/* The same, titled "Assign REF to:"; case_id stays the selected case
 * (ui_selected) while the list is open.  holder (NULL or "": none) is the
 * case's holder: not offered (assigning to them changes nothing), and
 * named in the title. */
void ui_pick_officer_for(struct ui *ui, int64_t case_id, const char *holder, pick_fn fn,
                         void *ctx);

/* Pick a delay reason (store_delay_reasons) for closing ref late: a small
 * list screen (digits or Enter).  fn gets the code, or NULL when
 * cancelled (Esc, q, or the screen closed any other way). */
typedef void (*delay_fn)(struct ui *ui, const char *code, void *ctx);
void ui_pick_delay_reason(struct ui *ui, const char *ref, delay_fn fn, void *ctx);

#endif
