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
 * offered).  The first call for a case and version sends the question
 * (store_can_case_send) when the desk is live; the answer redraws. */
bool queue_can_offers(struct ui *ui, const struct mcase *c, enum action_id act);

#endif
