/* history.h - a case's history as sentences ("an took the case",
 * "escalated automatically: 15 min left, the holder had not
 * acknowledged"), translated; the raw event data stays for
 * `show --format json`.
 *
 * Layer: model and case rules (no curses, no database). */
#ifndef WARDESK_HISTORY_H
#define WARDESK_HISTORY_H

#include "wardesk/store.h"

/* The sentence for event i of case c's events ev (in order), in out: told
 * as things were then (the deadline and the holder at that step, replayed
 * from the later events), not as they are now.  An actor of NULL, "" or
 * "desk" is the desk itself ("the desk"). */
void history_sentence(const struct wd_case *c, const struct wd_event_list *ev, size_t i, char *out,
                      size_t outsz);

/* Event i is not a step of its own: the take the app's feed account makes
 * before it records the app's closure (import_requests, 40_intake.sql):
 * the close that follows tells it. */
bool history_hidden(const struct wd_event_list *ev, size_t i);

/* Event i's sentence carries its note ("closed in the app by appfeed:
 * NOTE"): the note is not shown again under it. */
bool history_note_inline(const struct wd_event_list *ev, size_t i);

#endif
