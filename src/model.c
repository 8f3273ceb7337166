/* model.c - the in-memory case set and its views (see model.h). */
#include "wardesk/wardesk.h"

#include "wardesk/deskclock.h"
#include "wardesk/model.h"
#include "wardesk/model_impl.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

#define LOCAL_OFFSET (7 * 3600)   /* Asia/Ho_Chi_Minh, no DST */

struct pool {
	char **v;
	size_t n, cap;
};

struct model {
	/* id -> case, open addressing, linear probing, size a power of two */
	struct mcase **slots;
	size_t nslots, nused;

	struct mcase **all;          /* sorted by (deadline, id) */
	size_t nall, capall;
	struct mcase **vis;          /* the visible subset, same order */
	size_t nvis, capvis;

	bool sweeping;
	uint8_t gen;

	enum view_id view;
	char *filter_raw, *filter_fold;
	char *me;
	uint16_t me_idx;             /* 0 when me is not in the pool yet */
	time_t now, midnight;

	size_t counts[VIEW_COUNT];   /* per view, ignoring the filter */

	struct pool owners, cats;
};

static const struct {
	const char *name, *title;
} views[VIEW_COUNT] = {
#define X(id, name, title) { name, title },
	VIEWS(X)
#undef X
};

const char *view_name(enum view_id v)
{
	return v < VIEW_COUNT ? views[v].name : "?";
}

const char *view_title(enum view_id v)
{
	return v < VIEW_COUNT ? _(views[v].title) : "?";
}

int view_parse(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < VIEW_COUNT; i++)
		if (strcmp(name, views[i].name) == 0)
			return (int)i;
	if (!strcmp(name, "overdue") || !strcmp(name, "due-soon"))
		return VIEW_DUE;
	if (!strcmp(name, "all"))
		return VIEW_OPEN;
	if (!strcmp(name, "today") || !strcmp(name, "resolved-today") || !strcmp(name, "closed"))
		return VIEW_RESOLVED;
	if (!strcmp(name, "unowned") || !strcmp(name, "new"))
		return VIEW_INCOMING;
	return -1;
}

time_t model_local_midnight(time_t t)
{
	time_t local = t + LOCAL_OFFSET;

	return local - (local % 86400) - LOCAL_OFFSET;
}

/* ---- pools of short strings (owner logins, category codes) ---- */

static uint16_t pool_find(const struct pool *p, const char *s)
{
	size_t i;

	if (!s || !*s)
		return 0;
	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i], s) == 0)
			return (uint16_t)(i + 1);
	return 0;
}

static uint16_t pool_intern(struct pool *p, const char *s)
{
	uint16_t i = pool_find(p, s);

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

static void pool_free(struct pool *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->v[i]);
	FREE(&p->v);
	p->n = p->cap = 0;
}

/* ---- id hash ---- */

static size_t hash_id(int64_t id, size_t mask)
{
	uint64_t x = (uint64_t)id * 0x9E3779B97F4A7C15ull;

	return (size_t)(x >> 17) & mask;
}

static void hash_insert_raw(struct model *m, struct mcase *c)
{
	size_t mask = m->nslots - 1, i = hash_id(c->id, mask);

	while (m->slots[i] && m->slots[i]->id != c->id)
		i = (i + 1) & mask;
	if (!m->slots[i])
		m->nused++;
	m->slots[i] = c;
}

static void hash_rebuild(struct model *m, size_t want)
{
	size_t n = 64, i;

	while (n < want * 2)
		n *= 2;
	free(m->slots);
	m->slots = xcalloc(n, sizeof *m->slots);
	m->nslots = n;
	m->nused = 0;
	for (i = 0; i < m->nall; i++)
		hash_insert_raw(m, m->all[i]);
}

static long hash_slot(const struct model *m, int64_t id)
{
	size_t mask, i;

	if (!m->nslots)
		return -1;
	mask = m->nslots - 1;
	i = hash_id(id, mask);
	while (m->slots[i]) {
		if (m->slots[i]->id == id)
			return (long)i;
		i = (i + 1) & mask;
	}
	return -1;
}

static void hash_insert(struct model *m, struct mcase *c)
{
	if ((m->nused + 1) * 2 > m->nslots) {
		/* grow: reinsert everything that is in the table */
		struct mcase **old = m->slots;
		size_t oldn = m->nslots, i, n = m->nslots ? m->nslots * 2 : 64;

		m->slots = xcalloc(n, sizeof *m->slots);
		m->nslots = n;
		m->nused = 0;
		for (i = 0; i < oldn; i++)
			if (old[i])
				hash_insert_raw(m, old[i]);
		free(old);
	}
	hash_insert_raw(m, c);
}

static void hash_delete(struct model *m, int64_t id)
{
	long at = hash_slot(m, id);
	size_t mask, i, j, k;

	if (at < 0)
		return;
	mask = m->nslots - 1;
	i = (size_t)at;
	m->slots[i] = NULL;
	m->nused--;
	/* backward-shift deletion */
	j = i;
	for (;;) {
		j = (j + 1) & mask;
		if (!m->slots[j])
			break;
		k = hash_id(m->slots[j]->id, mask);
		if ((j > i && (k <= i || k > j)) || (j < i && (k <= i && k > j))) {
			m->slots[i] = m->slots[j];
			m->slots[j] = NULL;
			i = j;
		}
	}
}

/* ---- ordering ---- */

static int cmp_key(time_t da, int64_t ia, time_t db, int64_t ib)
{
	if (da != db)
		return da < db ? -1 : 1;
	if (ia != ib)
		return ia < ib ? -1 : 1;
	return 0;
}

static int cmp_case(const void *a, const void *b)
{
	const struct mcase *x = *(struct mcase *const *)a, *y = *(struct mcase *const *)b;

	return cmp_key(x->deadline, x->id, y->deadline, y->id);
}

/* Index of the first element >= key. */
static size_t lower_bound(struct mcase *const *v, size_t n, time_t d, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_key(v[mid]->deadline, v[mid]->id, d, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void arr_insert(struct mcase ***v, size_t *n, size_t *cap, size_t at, struct mcase *c)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	memmove(*v + at + 1, *v + at, (*n - at) * sizeof **v);
	(*v)[at] = c;
	(*n)++;
}

static bool arr_remove(struct mcase **v, size_t *n, const struct mcase *c)
{
	size_t at = lower_bound(v, *n, c->deadline, c->id);

	if (at < *n && v[at] == c) {
		memmove(v + at, v + at + 1, (*n - at - 1) * sizeof *v);
		(*n)--;
		return true;
	}
	return false;
}

/* ---- views ---- */

static bool in_view(const struct model *m, const struct mcase *c, enum view_id v)
{
	bool open = c->state != WD_RESOLVED;

	switch (v) {
	case VIEW_INCOMING:
		return (c->state == WD_NEW || c->state == WD_REOPENED) && c->owner == 0;
	case VIEW_MINE:
		return open && m->me_idx && c->owner == m->me_idx;
	case VIEW_OPEN:
		return open;
	case VIEW_DUE:
		return open && deadline_urgency(m->now, c->deadline, c->warn_min) >= URG_DUE_SOON;
	case VIEW_ESCALATED:
		return open && c->escalation > 0;
	case VIEW_RESOLVED:
		return !open && c->closed_at >= m->midnight;
	case VIEW_COUNT:
		break;
	}
	return false;
}

static bool visible(const struct model *m, const struct mcase *c)
{
	if (!in_view(m, c, m->view))
		return false;
	if (m->filter_fold && !text_fold_match(c->fold, m->filter_fold))
		return false;
	return true;
}

static void count_adjust(struct model *m, const struct mcase *c, int d)
{
	size_t v;

	for (v = 0; v < VIEW_COUNT; v++)
		if (in_view(m, c, (enum view_id)v))
			m->counts[v] = (size_t)((long)m->counts[v] + d);
}

static void rebuild_visible(struct model *m)
{
	size_t i;

	if (m->capvis < m->nall) {
		m->capvis = m->nall < 256 ? 256 : m->nall;
		m->vis = xreallocarray(m->vis, m->capvis, sizeof *m->vis);
	}
	m->nvis = 0;
	for (i = 0; i < m->nall; i++)
		if (visible(m, m->all[i]))
			m->vis[m->nvis++] = m->all[i];
}

static void recount(struct model *m)
{
	size_t i;

	memset(m->counts, 0, sizeof m->counts);
	for (i = 0; i < m->nall; i++)
		count_adjust(m, m->all[i], 1);
}

static void set_now(struct model *m, time_t now)
{
	m->now = now;
	m->midnight = model_local_midnight(now);
}

/* ---- public ---- */

struct model *model_new(const char *me)
{
	struct model *m = xcalloc(1, sizeof *m);

	m->view = VIEW_OPEN;
	set_now(m, desk_now());
	model_set_me(m, me);
	hash_rebuild(m, 0);
	return m;
}

void model_set_me(struct model *m, const char *me)
{
	free(m->me);
	m->me = me && *me ? xstrdup(me) : NULL;
	m->me_idx = m->me ? pool_intern(&m->owners, m->me) : 0;
	recount(m);
	rebuild_visible(m);
}

void model_free(struct model **mp)
{
	struct model *m = *mp;
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nall; i++)
		free(m->all[i]);
	free(m->all);
	free(m->vis);
	free(m->slots);
	free(m->filter_raw);
	free(m->filter_fold);
	free(m->me);
	pool_free(&m->owners);
	pool_free(&m->cats);
	free(m);
	*mp = NULL;
}

static struct mcase *make_case(struct model *m, const struct wd_case *c)
{
	struct strbuf sb = { 0 };
	const char *ref = c->ref ? c->ref : "";
	const char *addr = c->address ? c->address : "";
	size_t lr, la, lf, ls;
	struct mcase *mc;
	char *fold;
	const char *desc = c->description ? c->description : "";

	sb_puts(&sb, ref);
	sb_putc(&sb, ' ');
	sb_puts(&sb, c->description ? c->description : "");
	sb_putc(&sb, ' ');
	sb_puts(&sb, addr);
	sb_putc(&sb, ' ');
	sb_puts(&sb, c->reporter_phone ? c->reporter_phone : "");
	sb_putc(&sb, ' ');
	sb_puts(&sb, c->reporter_name ? c->reporter_name : "");
	{
		static struct strbuf fb;

		if (model_fast_fold(sb.s, &fb)) {
			fold = xstrndup(fb.s, fb.len);
		} else {
			fold = text_fold(sb.s);
		}
	}
	sb_free(&sb);
	if (!fold)
		fold = xstrdup("");

	lr = strlen(ref);
	la = strlen(addr);
	lf = strlen(fold);
	ls = strnlen(desc, MCASE_SUMMARY);
	while (ls > 0 && ls < strlen(desc) && ((unsigned char)desc[ls] & 0xc0) == 0x80)
		ls--;   /* a character boundary */
	mc = xmalloc(sizeof *mc + lr + la + lf + ls + 4);
	mc->id = c->id;
	mc->deadline = c->deadline_at;
	mc->closed_at = c->closed_at;
	mc->seen_at = 0;
	mc->version = c->version;
	mc->state = (uint8_t)c->state;
	mc->channel = (uint8_t)c->channel;
	mc->escalation = (uint8_t)(c->escalation < 0 ? 0 : c->escalation > 255 ? 255 : c->escalation);
	mc->mark = m->gen;
	mc->chain = (uint8_t)((c->warned_at ? MCHAIN_WARNED : 0) | (c->ack_at ? MCHAIN_ACKED : 0));
	mc->flags = (uint8_t)((c->callback ? MCASE_CALLBACK : 0) |
	                      (c->hotline_line == WD_LINE_POLICE ? MCASE_POLICE : 0) |
	                      (c->hotline_line == WD_LINE_COMMITTEE ? MCASE_COMMITTEE : 0));
	mc->warn_min = (uint16_t)(c->warn_min < 0 ? 0 : c->warn_min > 65535 ? 65535 : c->warn_min);
	mc->owner = pool_intern(&m->owners, c->owner);
	mc->category = pool_intern(&m->cats, c->category);
	mc->ref = mc->text;
	memcpy(mc->ref, ref, lr + 1);
	mc->address = mc->ref + lr + 1;
	memcpy(mc->address, addr, la + 1);
	mc->fold = mc->address + la + 1;
	memcpy(mc->fold, fold, lf + 1);
	mc->summary = mc->fold + lf + 1;
	memcpy(mc->summary, desc, ls);
	mc->summary[ls] = '\0';
	free(fold);
	if (m->me && !m->me_idx)
		m->me_idx = pool_find(&m->owners, m->me);
	return mc;
}

/* Take c out of the ordered arrays (not the hash), keep counts right. */
static void unlink_case(struct model *m, struct mcase *c)
{
	count_adjust(m, c, -1);
	arr_remove(m->all, &m->nall, c);
	arr_remove(m->vis, &m->nvis, c);
}

static void link_case(struct model *m, struct mcase *c)
{
	size_t at = lower_bound(m->all, m->nall, c->deadline, c->id);

	arr_insert(&m->all, &m->nall, &m->capall, at, c);
	count_adjust(m, c, 1);
	if (visible(m, c)) {
		at = lower_bound(m->vis, m->nvis, c->deadline, c->id);
		arr_insert(&m->vis, &m->nvis, &m->capvis, at, c);
	}
}

struct mcase *model_put(struct model *m, const struct wd_case *c, time_t seen_at)
{
	long slot = hash_slot(m, c->id);
	struct mcase *old = slot >= 0 ? m->slots[slot] : NULL;
	struct mcase *mc = make_case(m, c);

	if (!m->sweeping)
		set_now(m, desk_now());
	mc->seen_at = old ? old->seen_at : seen_at;
	if (m->sweeping) {
		/* bulk: only the hash now; arrays rebuilt by model_sweep_end */
		if (old) {
			m->slots[slot] = mc;
			free(old);
		} else {
			hash_insert(m, mc);
		}
		return mc;
	}
	if (old) {
		unlink_case(m, old);
		m->slots[slot] = mc;
		free(old);
	} else {
		hash_insert(m, mc);
	}
	link_case(m, mc);
	return mc;
}

void model_remove(struct model *m, int64_t id)
{
	long slot = hash_slot(m, id);
	struct mcase *c;

	if (slot < 0)
		return;
	c = m->slots[slot];
	if (!m->sweeping)
		unlink_case(m, c);
	hash_delete(m, id);
	free(c);
}

void model_sweep_begin(struct model *m)
{
	m->sweeping = true;
	m->gen ^= 1;
}

void model_sweep_abort(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nslots; i++)
		if (m->slots[i])
			m->slots[i]->mark = m->gen;
	model_sweep_end(m);
}

void model_sweep_end(struct model *m)
{
	size_t i, n = 0;

	m->sweeping = false;
	/* collect survivors from the hash, free the rest */
	if (m->capall < m->nused) {
		m->capall = m->nused;
		m->all = xreallocarray(m->all, m->capall, sizeof *m->all);
	}
	for (i = 0; i < m->nslots; i++) {
		struct mcase *c = m->slots[i];

		if (!c)
			continue;
		if (c->mark == m->gen)
			m->all[n++] = c;
		else
			free(c);
	}
	m->nall = n;
	if (n > 1)   /* m->all is still NULL for a ward without cases */
		qsort(m->all, m->nall, sizeof *m->all, cmp_case);
	hash_rebuild(m, m->nall);
	set_now(m, desk_now());
	recount(m);
	rebuild_visible(m);
}

struct mcase *model_find(const struct model *m, int64_t id)
{
	long slot = hash_slot(m, id);

	return slot >= 0 ? m->slots[slot] : NULL;
}

struct mcase *model_find_ref(const struct model *m, const char *ref)
{
	size_t i;

	if (!ref)
		return NULL;
	for (i = 0; i < m->nall; i++)
		if (strcasecmp(m->all[i]->ref, ref) == 0)
			return m->all[i];
	return NULL;
}

size_t model_count(const struct model *m)
{
	return m->nall;
}

struct mcase *model_at(const struct model *m, size_t i)
{
	return i < m->nall ? m->all[i] : NULL;
}

const char *model_owner(const struct model *m, const struct mcase *c)
{
	return c->owner && c->owner <= m->owners.n ? m->owners.v[c->owner - 1] : NULL;
}

const char *model_category(const struct model *m, const struct mcase *c)
{
	return c->category && c->category <= m->cats.n ? m->cats.v[c->category - 1] : "";
}

size_t model_category_count(const struct model *m)
{
	return m->cats.n;
}

const char *model_category_name(const struct model *m, size_t i)
{
	return i < m->cats.n ? m->cats.v[i] : NULL;
}

void model_set_view(struct model *m, enum view_id v)
{
	if (v >= VIEW_COUNT)
		return;
	m->view = v;
	set_now(m, desk_now());
	rebuild_visible(m);
}

enum view_id model_view(const struct model *m)
{
	return m->view;
}

void model_set_filter(struct model *m, const char *text)
{
	char *oldf = m->filter_fold;
	bool narrow;

	FREE(&m->filter_raw);
	m->filter_fold = NULL;
	if (text && *text) {
		char *f = model_fold(text);

		if (f && *f) {
			m->filter_raw = xstrdup(text);
			m->filter_fold = f;
		} else {
			free(f);
		}
	}
	/* Typing one more character only narrows: every case matching the
	 * longer needle matched the shorter one (each old word is a prefix of
	 * a new word), so filter the visible rows instead of all of them. */
	narrow = oldf && m->filter_fold && strncmp(m->filter_fold, oldf, strlen(oldf)) == 0;
	if (narrow) {
		/* Only the last old word and the words after it can fail now. */
		const char *tail = m->filter_fold;
		size_t i, k = 0, oldwords = 0;

		for (i = 0; oldf[i]; i++)
			if (oldf[i] != ' ' && (i == 0 || oldf[i - 1] == ' '))
				oldwords++;
		for (i = 1; i < oldwords; i++) {
			tail = strchr(tail, ' ');
			if (!tail)
				break;
			tail++;
		}
		if (!tail)
			tail = m->filter_fold;
		for (i = 0; i < m->nvis; i++)
			if (text_fold_match(m->vis[i]->fold, tail))
				m->vis[k++] = m->vis[i];
		m->nvis = k;
		free(oldf);
		return;
	}
	free(oldf);
	rebuild_visible(m);
}

const char *model_filter(const struct model *m)
{
	return m->filter_raw ? m->filter_raw : "";
}

size_t model_visible(const struct model *m)
{
	return m->nvis;
}

struct mcase *model_row(const struct model *m, size_t i)
{
	return i < m->nvis ? m->vis[i] : NULL;
}

long model_row_of(const struct model *m, int64_t id)
{
	const struct mcase *c = model_find(m, id);
	size_t at;

	if (!c)
		return -1;
	at = lower_bound(m->vis, m->nvis, c->deadline, c->id);
	if (at < m->nvis && m->vis[at] == c)
		return (long)at;
	return -1;
}

size_t model_view_count(struct model *m, enum view_id v)
{
	return v < VIEW_COUNT ? m->counts[v] : 0;
}

bool model_tick(struct model *m, time_t now)
{
	time_t oldmid = m->midnight;

	set_now(m, now);
	recount(m);
	if (m->view == VIEW_DUE || (m->view == VIEW_RESOLVED && oldmid != m->midnight)) {
		rebuild_visible(m);
		return true;
	}
	return false;
}
