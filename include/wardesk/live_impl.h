/* live_impl.h - what the modules of the console's connection share (live.c,
 * live_shift.c); not for anyone else: live.h is the interface. */
#ifndef WARDESK_LIVE_IMPL_H
#define WARDESK_LIVE_IMPL_H

#include "wardesk/live.h"

/* Tell the UI (live.changed) that case id changed, or 0: the connection's
 * state, the header, everything. */
void live_tell(struct live *l, int64_t id);
/* The connection is lost (err: why, may be NULL): keep the model, close the
 * store, try again after the backoff (never for a refused login). */
void live_go_down(struct live *l, const struct st_err *err);
/* The shift channel's notification (store_drain_for): re-read the shift. */
void live_on_shift(void *ctx, const char *payload);

#endif
