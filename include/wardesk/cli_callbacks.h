/* cli_callbacks.h - the call-back figures in `wardesk stats`
 * (src/cli_callbacks.c; the numbers: store_callback_stats). */
#ifndef WARDESK_CLI_CALLBACKS_H
#define WARDESK_CLI_CALLBACKS_H

#include "wardesk/store_callbacks.h"

/* The "Call-backs" part of the stats table. */
void cli_callback_stats_table(const struct wd_callback_stats *c);

/* The stats JSON document `json` with the call-back figures added as
 * "callbacks"; caller puts it. */
struct json_object *cli_callback_stats_json(const char *json, const struct wd_callback_stats *c);

#endif
