/* screen_queue_can.h - what the queue's footer offers on the selected
 * row (screen_queue_can.c): the database's answer (wardesk.allowed_actions, asked in
 * the background once per case and version), and until it comes the
 * row's own state (caserules.h case_row_allows). */
#ifndef WARDESK_SCREEN_QUEUE_CAN_H
#define WARDESK_SCREEN_QUEUE_CAN_H

#include "wardesk/actions.h"
#include "wardesk/model.h"

struct ui;

/* Whether the footer offers act on case c (NULL: no case selected, all
 * offered).  A call for a case and version not asked yet sends the
 * question (store_can_case_send) when the desk is live and the selection
 * has rested on c for a moment (CAN_REST_MS); the answer redraws. */
bool queue_can_offers(struct ui *ui, const struct mcase *c, enum action_id act);

/* The event loop's part: ms until the selection has rested (-1: nothing
 * waits), and at that time queue_can_tick marks the screen for a redraw,
 * whose footer asks. */
int queue_can_timeout_ms(int64_t now_ms);
void queue_can_tick(struct ui *ui, int64_t now_ms);

#endif
