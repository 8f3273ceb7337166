/* hints.h - the short words of the footer: what each action is called in
 * a key hint ("t take", "t nhận").  The action table's names are
 * identifiers (`:take`, `bind generic t take`) and stay as they are; these
 * are for people, translated.
 *
 * Layer: UI services (no curses, no database). */
#ifndef WARDESK_HINTS_H
#define WARDESK_HINTS_H

#include "wardesk/actions.h"

/* The translated footer word of act; its action name when it has none. */
const char *action_hint(enum action_id act);

#endif
