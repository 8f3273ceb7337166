/* screens.h - the registry: every screen by id (enum screen_id, screen.h).
 * Layer: the console (console.c and console_screens.c include it); screens
 * never include this and reach each other by id through ui_open. */
#ifndef WARDESK_SCREENS_H
#define WARDESK_SCREENS_H

#include "wardesk/screen.h"

extern const struct screen_ops queue_ops, detail_ops, help_ops;
extern const struct screen_ops ticket_ops;                   /* issue 4 */
extern const struct screen_ops board_ops, handover_ops, stats_ops;   /* issue 6 */
extern const struct screen_ops callbacks_ops;                /* issue 16 */
extern const struct screen_ops map_ops;                      /* issue 16 */
extern const struct screen_ops messages_ops;                 /* :messages */

/* Indexed by enum screen_id. */
extern const struct screen_ops *const screen_registry[SCR_COUNT];

#endif
