/* screen_ticket_form.h - the phone-ticket form's state and how it is
 * shown (screen_ticket_form.c), under the ticket screen (screen_ticket.c:
 * editing, saving, keys).  Private to the ticket screen: nothing else
 * includes this.  Layer: screens. */
#ifndef WARDESK_SCREEN_TICKET_FORM_H
#define WARDESK_SCREEN_TICKET_FORM_H

#include "wardesk/actions.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_intake.h"

struct ui;

enum field { F_NAME, F_PHONE, F_LINE, F_ADDRESS, F_CATEGORY, F_DESCRIPTION, F_CALLBACK, F_COUNT };

enum { LINE_POLICE, LINE_COMMITTEE };
/* The ticket's priority: the category's default until the urgent key says. */
enum { PRIO_DEFAULT, PRIO_URGENT, PRIO_NORMAL };

#define EARLIER_MAX 10
#define LABEL_X 3
#define VALUE_X 18

struct ticket {
	time_t opened;           /* the time of the call: received_at */
	enum field focus;
	char *val[F_COUNT];      /* text fields, never NULL ("" for the others) */
	int line;
	bool callback;
	int prio;                /* PRIO_* : the urgent key (F3) sets it */

	char looked_up[16];      /* the normalised number the earlier list is for */
	struct wd_case_list earlier;
	bool have_earlier;
	long esel, etop;

	struct wd_category_list cats;
	bool have_cats;
	char **codes;            /* active category codes, NULL-terminated: completion */
	char *draft_written;     /* what ticket.form holds now (NULL: nothing) */
};

/* The form on disk (screen_ticket_draft.c, drafts.h). */
#define TICKET_DRAFT_FORM "ticket.form"            /* the open form */
#define TICKET_DRAFT_DISCARDED "ticket.discarded"  /* the ticket discarded last */
/* Write t as the draft key (only when it changed, for the open form);
 * empty: remove it instead.  false on an I/O error. */
bool ticket_draft_write(struct ticket *t, const char *key, bool empty);
/* Fill t from the draft key; false when there is none (or it is damaged). */
bool ticket_draft_read(struct ticket *t, const char *key, time_t *saved);

/* The key bound to act in the form, copied (key_name's buffer is static,
 * so two of them cannot go into one printf). */
struct keyname { char s[32]; };

/* The active categories, loaded once live (ticket_cats_load), freed with
 * the form (ticket_cats_free). */
void ticket_cats_load(struct ui *ui, struct ticket *t);
void ticket_cats_free(struct ticket *t);
/* Some category code starts with text (Tab completes it). */
bool ticket_cat_prefix(const struct ticket *t, const char *text);
/* Leaving the category field: empty or a category is fine; otherwise
 * false, and the status line says why. */
bool ticket_category_ok(struct ui *ui, struct ticket *t);
/* The categories the field's text names (by code, or by name with
 * diacritics ignored: "cay" -> CX Cây xanh), at most max, into out
 * (indexes into cats); how many. */
size_t ticket_cat_matches(const struct ticket *t, long *out, size_t max);
/* Exactly one category matches: the field becomes its code (true). */
bool ticket_cat_resolve(struct ticket *t);
struct keyname ticket_key_of(enum action_id act);
/* Whether the ticket is urgent: the urgent key's word, else the chosen
 * category's default priority (sql/014). */
bool ticket_urgent(const struct ticket *t);
/* The category whose code the field holds (index into cats; spaces and case
 * ignored), -1 when none. */
long ticket_cat_index(const struct ticket *t);
/* Everything below the title: fields, then the category list or the
 * earlier cases of the number; the focused field last (the cursor). */
void ticket_draw_form(struct ui *ui, struct ticket *t, int top, int rows);

/* The description's line breaks are " ¶ " marks while edited;
 * ticket_para_to_lines turns them back into new lines (malloc'd). */
#define TICKET_PARA "\xc2\xb6"   /* ¶ */
char *ticket_para_to_lines(const char *s);

#endif
