/* model_idq.h - a queue of case ids without repeats (issue 14).
 *
 * The ids a live console has still to confirm or read (live.c): added one
 * per notification, in the order heard, each once; taken from the front
 * LIVE_CONFIRM_MAX at a time.  A flood (the catch-up sweep: 25,000 step
 * notifications for 10,000 cases) holds thousands of them: whether an id
 * is queued already is a hash look-up, not a scan of the queue, and taking
 * a batch moves the rest once, not id by id.
 *
 * Ownership: struct idq is the caller's (zeroed: empty); idq_free frees
 * what it holds.  Any int64 is an id (a payload's id is not trusted to
 * leave a value free for "empty": the hash holds positions, so fewer
 * than 2^32 ids at once).
 *
 * Layer: model. */
#ifndef WARDESK_MODEL_IDQ_H
#define WARDESK_MODEL_IDQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct idq {
	int64_t *v;        /* the ids, oldest first */
	size_t n, cap;
	uint32_t *slot;    /* open addressing: position in v + 1; 0: free */
	size_t nslot;      /* a power of two, at least twice n; 0: none yet */
};

/* Queue id at the back unless it is queued; true when it was added. */
bool idq_add(struct idq *q, int64_t id);
bool idq_has(const struct idq *q, int64_t id);
/* Take the (up to) max oldest ids: a new array the caller frees, its
 * length in *n (0 and NULL when empty); the rest stay, in order. */
int64_t *idq_take(struct idq *q, size_t max, size_t *n);
/* Empty it (keeps the allocations). */
void idq_clear(struct idq *q);
void idq_free(struct idq *q);

#endif
