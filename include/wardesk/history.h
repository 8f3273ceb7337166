/* history.h - a case's history as sentences ("an took the case",
 * "escalated automatically: 15 min left, the holder had not
 * acknowledged"), translated; the raw event data stays for
 * `show --format json`.
 *
 * Layer: model and case rules (no curses, no database). */
#ifndef WARDESK_HISTORY_H
#define WARDESK_HISTORY_H

#include "wardesk/store.h"

/* The sentence for event e of case c, in out.  An actor of NULL, "" or
 * "desk" is the desk itself ("the desk"). */
void history_sentence(const struct wd_case *c, const struct wd_event *e, char *out, size_t outsz);

#endif
