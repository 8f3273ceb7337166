/* model_store.c - where the model keeps its cases (see model_impl.h):
 * pools of short strings, slots in slabs, the text arena, the id hash. */
#include "wardesk/wardesk.h"

#include <sys/mman.h>

#include "wardesk/model.h"
#include "wardesk/model_impl.h"

/* ---- pools of short strings (owner logins, category codes) ---- */

uint16_t ms_pool_find(const struct pool *p, const char *s)
{
	size_t i;

	if (!s || !*s)
		return 0;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i], s) == 0)
			return (uint16_t)(i + 1);
	return 0;
}

uint16_t ms_pool_intern(struct pool *p, const char *s)
{
	uint16_t i = ms_pool_find(p, s);

	if (i || !s || !*s)
		return i;
	if (p->n >= 65535)
		return 0;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 16;
		p->v = xreallocarray(p->v, p->cap, sizeof *p->v);
	}
	p->v[p->n++] = xstrdup(s);
	return (uint16_t)p->n;
}

void ms_pool_free(struct pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	FREE(&p->v);
	p->n = p->cap = 0;
}

/* ---- slots ---- */


struct mcase *model_slot_case(const struct model *m, uint32_t slot)
{
	return SC(m, slot);
}

size_t model_slot_cap(const struct model *m)
{
	return m->capslot;
}

uint32_t ms_slot_alloc(struct model *m)
{
	if (m->nfree)
		return m->freeslots[--m->nfree];
	if (m->nslot == m->capslot) {
		if (m->capslot >= (size_t)UINT32_MAX - MSLAB)
			die(1, "model: too many cases");
		m->slabs = xreallocarray(m->slabs, m->nslabs + 1, sizeof *m->slabs);
		m->slabs[m->nslabs++] = xcalloc(MSLAB, sizeof(struct mcase));
		m->capslot += MSLAB;
		m->sbits = xreallocarray(m->sbits, m->capslot, sizeof *m->sbits);
		memset(m->sbits + m->capslot - MSLAB, 0, MSLAB);
		m->due_from = xreallocarray(m->due_from, m->capslot, sizeof *m->due_from);
		mfilter_grow(&m->filter, m->capslot);
	}
	return m->nslot++;
}

/* ---- the text arena ---- */

#define ARENA_MIN (256u * 1024u)

/* The case of the record at arena offset off points at its text again. */
static void rec_point(struct model *m, size_t off, const struct mrec *r)
{
	SC(m, r->slot)->ref = m->arena + off + r->head;
}

/* The arena moved: every case points into it again. */
static void arena_fix(struct model *m)
{
	size_t off = 0;

	while (off < m->alen) {
		struct mrec r = mrec_at(m->arena + off);

		if (r.slot != MNOSLOT)
			rec_point(m, off, &r);
		off += r.head + r.len;
	}
}

static void arena_resize(struct model *m, size_t cap)
{
	char *old = m->arena, *p;

#ifdef __linux__
	/* pages, not a heap block: growing moves no bytes, shrinking returns them */
	p = old ? mremap(old, m->acap, cap, MREMAP_MAYMOVE)
	        : mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die(1, "model: out of memory (%zu bytes of case text)", cap);
#else
	p = xrealloc(old, cap);
#endif
	m->arena = p;
	m->acap = cap;
	if (old && p != old)
		arena_fix(m);
}

void ms_arena_release(struct model *m)
{
	if (!m->arena)
		return;
#ifdef __linux__
	munmap(m->arena, m->acap);
#else
	free(m->arena);
#endif
	m->arena = NULL;
	m->alen = m->acap = m->adead = 0;
}

void ms_arena_add(struct model *m, uint32_t slot, const char *text, size_t len)
{
	size_t head = len < MREC_LONG ? 5 : 10, need = head + len;
	char *p;
	uint32_t l32 = (uint32_t)len;
	struct mrec r = { slot, l32, head };

	if (len > UINT32_MAX - 16)
		die(1, "model: case text too long");
	if (m->alen + need + MARENA_PAD > m->acap) {
		size_t cap = m->acap ? m->acap : ARENA_MIN;

		while (m->alen + need + MARENA_PAD > cap)
			cap += cap / 2;
		arena_resize(m, cap);
	}
	p = m->arena + m->alen;
	if (head == 5) {
		p[0] = (char)len;
	} else {
		p[0] = p[5] = (char)MREC_LONG;
		memcpy(p + 1, &l32, 4);
	}
	memcpy(p + head - 4, &slot, 4);
	memcpy(p + head, text, len);
	rec_point(m, m->alen, &r);
	m->alen += need;
}

const char *ms_text(const struct mcase *c, size_t *len)
{
	*len = mrec_of_text(c->ref).len;
	return c->ref;
}

const char *model_address(const struct mcase *c, char buf[MCASE_ADDRESS_PACKED + 1])
{
	size_t n;
	const char *t = ms_text(c, &n);

	return mt_address(t, n, buf, MCASE_ADDRESS_PACKED + 1);
}

const char *model_summary(const struct mcase *c, char buf[MCASE_SUMMARY + 1])
{
	size_t n;
	const char *t = ms_text(c, &n);

	return mt_summary(t, n, buf, MCASE_SUMMARY + 1);
}

void model_case_key(const struct mcase *c, struct strbuf *out)
{
	/* field by field: a struct's padding is no part of it */
	int64_t f[] = { c->id, c->deadline, c->closed_at, c->version, c->state, c->channel,
	                c->escalation, c->chain, c->flags, c->warn_min, c->owner, c->category };
	size_t n;
	const char *t = ms_text(c, &n);

	sb_add(out, (const char *)f, sizeof f);
	sb_add(out, t, n);
}

void ms_arena_kill(struct model *m, struct mcase *c)
{
	struct mrec r = mrec_of_text(c->ref);
	uint32_t dead = MNOSLOT;

	memcpy(c->ref - 4, &dead, 4);
	m->adead += r.head + r.len;
}

/* Slide the live records together; give the pages at the end back. */
void ms_arena_compact(struct model *m)
{
	size_t off = 0, to = 0, cap;

	while (off < m->alen) {
		struct mrec r = mrec_at(m->arena + off);
		size_t n = r.head + r.len;

		if (r.slot != MNOSLOT) {
			if (to != off)
				memmove(m->arena + to, m->arena + off, n);
			rec_point(m, to, &r);
			to += n;
		}
		off += n;
	}
	m->alen = to;
	m->adead = 0;
	cap = ARENA_MIN;
	while (cap < to + to / 8 + MARENA_PAD)
		cap += cap / 2;
	if (cap < m->acap)
		arena_resize(m, cap);
}

void ms_arena_maybe_compact(struct model *m)
{
	if (m->adead > 1024 * 1024 && m->adead > m->alen / 4)
		ms_arena_compact(m);
}

const char *model_slot_text(const struct model *m, uint32_t slot, size_t *len)
{
	if (slot >= m->nslot || !(m->sbits[slot] & SB_LIVE))
		return NULL;
	return ms_text(SC(m, slot), len);
}

const char *model_arena(const struct model *m, size_t *len)
{
	*len = m->alen;
	return m->arena;
}

/* ---- id hash: slots ---- */

static size_t hash_id(int64_t id, size_t mask)
{
	uint64_t x = (uint64_t)id * 0x9E3779B97F4A7C15ull;

	return (size_t)(x >> 17) & mask;
}

static void hash_insert_raw(struct model *m, uint32_t s)
{
	size_t mask = m->nhash - 1, i = hash_id(SC(m, s)->id, mask);

	while (m->hash[i] != MNOSLOT && SC(m, m->hash[i])->id != SC(m, s)->id)
		i = (i + 1) & mask;
	if (m->hash[i] == MNOSLOT)
		m->nused++;
	m->hash[i] = s;
}

static void hash_alloc(struct model *m, size_t n)
{
	free(m->hash);
	m->hash = xmalloc(n * sizeof *m->hash);
	memset(m->hash, 0xff, n * sizeof *m->hash);
	m->nhash = n;
	m->nused = 0;
}

void ms_hash_rebuild(struct model *m, size_t want)
{
	size_t n = 64, i;

	while (n < want + want / 4)
		n *= 2;
	hash_alloc(m, n);
	for (i = 0; i < m->nall; i++)
		hash_insert_raw(m, m->all[i]);
}

uint32_t ms_hash_find(const struct model *m, int64_t id, size_t *at)
{
	size_t mask, i;

	if (!m->nhash)
		return MNOSLOT;
	mask = m->nhash - 1;
	i = hash_id(id, mask);
	while (m->hash[i] != MNOSLOT) {
		if (SC(m, m->hash[i])->id == id) {
			if (at)
				*at = i;
			return m->hash[i];
		}
		i = (i + 1) & mask;
	}
	return MNOSLOT;
}

void ms_hash_insert(struct model *m, uint32_t s)
{
	if ((m->nused + 1) * 5 > m->nhash * 4) {   /* at most 80 % full */
		uint32_t *old = m->hash;
		size_t oldn = m->nhash, i;

		m->hash = NULL;
		hash_alloc(m, m->nhash ? m->nhash * 2 : 64);
		for (i = 0; i < oldn; i++)
			if (old[i] != MNOSLOT)
				hash_insert_raw(m, old[i]);
		free(old);
	}
	hash_insert_raw(m, s);
}

void ms_hash_delete(struct model *m, int64_t id)
{
	size_t mask, i, j, k, at;

	if (ms_hash_find(m, id, &at) == MNOSLOT)
		return;
	mask = m->nhash - 1;
	i = at;
	m->hash[i] = MNOSLOT;
	m->nused--;
	/* backward-shift deletion */
	j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (m->hash[j] == MNOSLOT)
			break;
		k = hash_id(SC(m, m->hash[j])->id, mask);
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			m->hash[i] = m->hash[j];
			m->hash[j] = MNOSLOT;
			i = j;
		}
	}
}
