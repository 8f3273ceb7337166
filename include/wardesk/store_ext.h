/* store_ext.h - store functions the console needs beyond store.h.
 *
 * For the lead (src/store.c).  Until store.c defines them, src/live.c
 * carries weak fallbacks built on store.h, so everything links either way;
 * a strong definition in store.c replaces the fallback. */
#ifndef WARDESK_STORE_EXT_H
#define WARDESK_STORE_EXT_H

#include "wardesk/store.h"

/* Like store_list, but streams: calls fn once per row, in the same order
 * (deadline_at, id), with a struct wd_case that is only valid during the
 * call (fn copies what it keeps; the store frees it afterwards).  Wanted so
 * that the console's 100,000-case snapshot never holds every row twice
 * (PGresult + wd_case_list) at once: use PQsetSingleRowMode (or
 * PQsetChunkedRowsMode on libpq >= 17, or a cursor FETCH 1000 loop) and
 * convert each row with case_from_row into one reused wd_case.
 * Returns like store_list; on error rows already passed to fn stay passed. */
typedef void (*st_case_fn)(void *ctx, const struct wd_case *c);
enum st_status store_list_each(struct store *st, const struct st_query *q, st_case_fn fn,
                               void *ctx, struct st_err *err);

#endif
