/* model_idq.c - a queue of case ids without repeats (model_idq.h). */
#include "wardesk/wardesk.h"

#include "wardesk/model_idq.h"

static size_t slot_of(int64_t id, size_t nslot)
{
	uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);

	return (size_t)(h >> 32) & (nslot - 1);
}

/* The slot holding id, or the free slot where it would go. */
static size_t find(const struct idq *q, int64_t id)
{
	size_t s = slot_of(id, q->nslot);

	while (q->slot[s] && q->v[q->slot[s] - 1] != id)
		s = (s + 1) & (q->nslot - 1);
	return s;
}

/* The hash again from v[0..n), in at least want slots. */
static void rehash(struct idq *q, size_t want)
{
	if (want > q->nslot) {
		size_t ns = q->nslot ? q->nslot : 64;

		while (ns < want)
			ns *= 2;
		free(q->slot);
		q->slot = xcalloc(ns, sizeof *q->slot);
		q->nslot = ns;
	} else if (q->nslot) {
		memset(q->slot, 0, q->nslot * sizeof *q->slot);
	}
	for (size_t i = 0; i < q->n; i++)
		q->slot[find(q, q->v[i])] = (uint32_t)(i + 1);
}

bool idq_has(const struct idq *q, int64_t id)
{
	return q->n && q->slot[find(q, id)] != 0;
}

bool idq_add(struct idq *q, int64_t id)
{
	size_t s;

	if (idq_has(q, id))
		return false;
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->v = xreallocarray(q->v, q->cap, sizeof *q->v);
	}
	q->v[q->n++] = id;
	if (2 * q->n > q->nslot) {
		rehash(q, 2 * q->n);   /* (v[n-1] included) */
		return true;
	}
	s = find(q, id);
	q->slot[s] = (uint32_t)q->n;
	return true;
}

int64_t *idq_take(struct idq *q, size_t max, size_t *n)
{
	int64_t *out;
	size_t k = q->n < max ? q->n : max;

	*n = k;
	if (!k)
		return NULL;
	out = xreallocarray(NULL, k, sizeof *out);
	memcpy(out, q->v, k * sizeof *out);
	memmove(q->v, q->v + k, (q->n - k) * sizeof *q->v);
	q->n -= k;
	rehash(q, 0);   /* positions moved: O(n), once per batch */
	return out;
}

void idq_clear(struct idq *q)
{
	if (q->nslot)
		memset(q->slot, 0, q->nslot * sizeof *q->slot);
	q->n = 0;
}

void idq_free(struct idq *q)
{
	FREE(&q->v);
	FREE(&q->slot);
	q->n = q->cap = q->nslot = 0;
}
