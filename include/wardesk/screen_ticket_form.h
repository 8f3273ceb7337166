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

#define EARLIER_MAX 10
#define LABEL_X 3
#define VALUE_X 18

struct ticket {
	time_t opened;           /* the time of the call: received_at */
	enum field focus;
	char *val[F_COUNT];      /* text fields, never NULL ("" for the others) */
	int line;
	bool callback;

	char looked_up[16];      /* the normalised number the earlier list is for */
	struct wd_case_list earlier;
	bool have_earlier;
	long esel, etop;

	struct wd_category_list cats;
	bool have_cats;
	char **codes;            /* active category codes, NULL-terminated: completion */
};

/* The key bound to act in the form, copied (key_name's buffer is static,
 * so two of them cannot go into one printf). */
struct keyname { char s[32]; };

struct keyname ticket_key_of(enum action_id act);
/* The category whose code the field holds (index into cats; spaces and case
 * ignored), -1 when none. */
long ticket_cat_index(const struct ticket *t);
/* Everything below the title: fields, then the category list or the
 * earlier cases of the number; the focused field last (the cursor). */
void ticket_draw_form(struct ui *ui, struct ticket *t, int top, int rows);

#endif
