/* console_screens.c - the screen registry (screens.h): adding a screen is a
 * row here and an id in screen.h. */
#include "wardesk/wardesk.h"

#include "wardesk/screens.h"

const struct screen_ops *const screen_registry[SCR_COUNT] = {
	[SCR_QUEUE] = &queue_ops,
	[SCR_DETAIL] = &detail_ops,
	[SCR_HELP] = &help_ops,
	[SCR_TICKET] = &ticket_ops,
	[SCR_BOARD] = &board_ops,
	[SCR_HANDOVER] = &handover_ops,
	[SCR_STATS] = &stats_ops,
	[SCR_CALLBACKS] = &callbacks_ops,
	[SCR_MAP] = &map_ops,
	[SCR_MESSAGES] = &messages_ops,
};
