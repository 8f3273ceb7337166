/* model_seen.h - which cases this officer has seen, for the NEW mark.
 *
 * A case is NEW for an officer until seen: opened, acted on, or passed by
 * the cursor (issue 11).  What each login saw is kept client-side, next to
 * its drafts ($XDG_STATE_HOME/wardesk/drafts/LOGIN/seen.cases.draft, the
 * drafts' atomic 0600 files, drafts.h): the ids of open cases seen, and
 * `since`, when this login's console first ran here.  Cases received before
 * `since` are never NEW, so a first start does not call the whole queue new.
 * Ids of cases that left the model are dropped when saved.
 *
 * Layer: model. */
#ifndef WARDESK_MODEL_SEEN_H
#define WARDESK_MODEL_SEEN_H

#include <time.h>

#include "wardesk/model.h"

/* Read the list of the drafts' owner (drafts_set_owner); none yet: since
 * is 0 until seen_save gives it (the first snapshot's time, live.h). */
void seen_load(void);
/* Cases received after this are NEW until seen. */
time_t seen_since(void);
bool seen_has(int64_t id);
/* Mark id seen; true when it was not. */
bool seen_mark(int64_t id);
/* Mark the case with this reference seen once it arrives (a ticket this
 * officer just wrote: its id comes with the notification). */
void seen_mark_ref(const char *ref);
/* Whether c shows as NEW: it arrived after since (MCASE_ARRIVED, see
 * live.c), is not resolved, and was not seen. */
bool seen_is_new(const struct mcase *c);
/* Write the list when it changed, keeping only the ids m still holds
 * (m NULL: all); since_if_none for a first start (0: not known yet, not
 * written).  false on an I/O error. */
bool seen_save(const struct model *m, time_t since_if_none);

#endif
