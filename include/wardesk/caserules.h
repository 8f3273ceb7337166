/* caserules.h - small case rules the console shows, kept out of the
 * screens so they can be tested without a terminal or a database.
 *
 * Layer: model and case rules (no curses, no database). */
#ifndef WARDESK_CASERULES_H
#define WARDESK_CASERULES_H

#include "wardesk/model.h"
#include "wardesk/store_shift.h"

/* How the escalation mark is to look (the screen maps it to a colour). */
enum mark_tone { TONE_DEFAULT, TONE_DIM, TONE_ESCALATED, TONE_OVERDUE };

/* The queue's "!" column for a case: "" none, "✓" a warning acknowledged,
 * "!" escalated to the chair (level 1), "!!" overdue (level 2), with "✓"
 * added once acknowledged.  At most 3 columns. */
const char *chain_mark(const struct mcase *c, enum mark_tone *tone);

/* Why a case action is refused by the state alone (before asking the
 * database, which has the last word): NULL when the state allows it.
 * The returned text is a msgid with one %s for the reference and, for
 * close and reopen, a second %s for the state's label. */
enum case_act { CASE_CLOSE, CASE_ACK, CASE_REOPEN };
const char *case_state_refusal(enum case_act act, enum wd_state state);

/* Whether the row of a case, as known here, lets the officer do p to it:
 * wardesk.allowed_actions()' rule (sql/code/60_roles.sql) for take, assign, escalate,
 * deescalate, close, reopen, ack, priority and merge_cluster, read from the
 * queue's row (state, holder, escalation, the chain's warned and acked
 * bits).  The database's answer replaces it when it comes; the role's own
 * permissions are asked elsewhere (ui_permitted).  mine: the officer holds
 * it; chair: the officer is the ward's chair.  true for anything else. */
bool case_row_allows(enum wd_perm p, const struct mcase *c, bool mine, bool chair);

/* The cases that concern the officer me at start-up (open, unowned or
 * mine): how many are NEW for me (when new_mark), due soon, overdue (and
 * of those, held by me), urgent. */
struct waiting {
	size_t nnew, nsoon, nlate, nurg, nlate_mine;
};
void waiting_count(const struct model *m, const char *me, time_t now, bool new_mark,
                   struct waiting *w);
/* "5 overdue, 2 of them yours" (all / none of them; translated;
 * allocated, the caller frees it): whose the overdue cases are. */
char *overdue_text(size_t nlate, size_t mine);

#endif
