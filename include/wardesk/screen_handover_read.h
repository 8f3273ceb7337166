/* screen_handover_read.h - drawing the whole of one handover for the
 * incoming officer (screen_handover_read.c); private to the handover
 * screen.  Layer: screens. */
#ifndef WARDESK_SCREEN_HANDOVER_READ_H
#define WARDESK_SCREEN_HANDOVER_READ_H

#include "wardesk/store_shift.h"

/* h (from store_handover_get) on lines top .. top+rows-1, from line *scroll
 * (kept in range); the last line names the keys. */
void ho_read_draw(const struct wd_handover *h, time_t now, int top, int rows, long *scroll);

#endif
