/* intake_feed.h - the Open311 feed over the store: the one place where the
 * parser's requests (open311.h) become the store's (store_intake.h) and
 * back.  Above the store, beside the parser; used by `wardesk import` /
 * `export` and the simulator.
 *
 * Ownership as in store_intake.h and open311.h. */
#ifndef WARDESK_INTAKE_FEED_H
#define WARDESK_INTAKE_FEED_H

#include "wardesk/open311.h"
#include "wardesk/store_intake.h"

/* The store's request for one parsed Open311 request: the strings are
 * borrowed from r (valid while r is). */
void feed_to_import(const struct o311_request *r, struct wd_import_request *out);
/* Append the store's app request to a feed (the strings are copied). */
void feed_add_app_request(struct o311_feed *feed, const struct wd_app_request *q);

/* Import every request of feed in ONE transaction (all or nothing), as
 * store_import_requests: out must have feed->n entries, *bad_item is the
 * refused item's index (feed->n when none), err->msg starts "item N (ID): ". */
enum st_status store_import(struct store *st, const struct o311_feed *feed,
                            struct wd_import_item *out, size_t *bad_item,
                            st_progress_fn progress, void *pctx, struct st_err *err);

/* store_app_requests as a GeoReport v2 feed (o311_feed_free it). */
enum st_status store_export(struct store *st, time_t since, struct o311_feed *out,
                            st_progress_fn progress, void *pctx, struct st_err *err);

#endif
