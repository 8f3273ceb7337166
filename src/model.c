/* model.c - the in-memory case set and its views (see model.h). */
#include "wardesk/wardesk.h"

#include "wardesk/deskclock.h"
#include "wardesk/model.h"
#include "wardesk/model_impl.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

#define LOCAL_OFFSET (7 * 3600)   /* Asia/Ho_Chi_Minh, no DST */

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

/* ---- ordering ---- */

/* The queue's order, in every view: urgent cases first (sql/014), then by
 * deadline, then by id; the store's lists (ORDER BY priority = 'urgent'
 * DESC, deadline_at, id) agree. */
static int cmp_key(const struct mcase *a, const struct mcase *b)
{
	bool ua = a->flags & MCASE_URGENT, ub = b->flags & MCASE_URGENT;

	if (ua != ub)
		return ua ? -1 : 1;
	if (a->deadline != b->deadline)
		return a->deadline < b->deadline ? -1 : 1;
	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	return 0;
}

static const struct model *sort_model;   /* for cmp_slot (qsort has no context) */

static int cmp_slot(const void *a, const void *b)
{
	return cmp_key(SC(sort_model, *(const uint32_t *)a), SC(sort_model, *(const uint32_t *)b));
}

/* Index of the first element >= key. */
static size_t lower_bound(const struct model *m, const uint32_t *v, size_t n, const struct mcase *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_key(SC(m, v[mid]), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void arr_insert(uint32_t **v, size_t *n, size_t *cap, size_t at, uint32_t s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 256;
		*v = xreallocarray(*v, *cap, sizeof **v);
	}
	memmove(*v + at + 1, *v + at, (*n - at) * sizeof **v);
	(*v)[at] = s;
	(*n)++;
}

static bool arr_remove(const struct model *m, uint32_t *v, size_t *n, uint32_t s)
{
	const struct mcase *c = SC(m, s);
	size_t at = lower_bound(m, v, *n, c);

	if (at < *n && v[at] == s) {
		memmove(v + at, v + at + 1, (*n - at - 1) * sizeof *v);
		(*n)--;
		return true;
	}
	return false;
}

/* ---- views ---- */

static void slot_bits(struct model *m, uint32_t s)
{
	const struct mcase *c = SC(m, s);
	bool open = c->state != WD_RESOLVED;
	uint8_t b = SB_LIVE;
	/* deadline_urgency() >= URG_DUE_SOON, as a time: overdue, or at most
	 * max(10 min, warn_min) left */
	time_t w = c->warn_min > 10 ? (time_t)c->warn_min * 60 : 600;

	if (open)
		b |= SB_OPEN;
	else
		b |= SB_CLOSED;
	if ((c->state == WD_NEW || c->state == WD_REOPENED) && c->owner == 0)
		b |= SB_INCOMING;
	if (open && m->me_idx && c->owner == m->me_idx)
		b |= SB_MINE;
	if (open && c->escalation > 0)
		b |= SB_ESC;
	m->sbits[s] = b;
	m->due_from[s] = c->deadline < w ? 0 : (uint32_t)(c->deadline - w);
}

static bool in_view(const struct model *m, uint32_t s, enum view_id v)
{
	uint8_t b = m->sbits[s];

	switch (v) {
	case VIEW_INCOMING:
		return b & SB_INCOMING;
	case VIEW_MINE:
		return b & SB_MINE;
	case VIEW_OPEN:
		return b & SB_OPEN;
	case VIEW_DUE:
		return (b & SB_OPEN) && m->now >= m->due_from[s];
	case VIEW_ESCALATED:
		return b & SB_ESC;
	case VIEW_RESOLVED:
		return (b & SB_CLOSED) && SC(m, s)->closed_at >= m->midnight;
	case VIEW_COUNT:
		break;
	}
	return false;
}

static int id_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* model_set_only's set lets s through (every case when there is none). */
static bool only_pass(const struct model *m, uint32_t s)
{
	return !m->only || bsearch(&SC(m, s)->id, m->only, m->nonly, sizeof *m->only, id_cmp);
}

static bool visible(const struct model *m, uint32_t s)
{
	return in_view(m, s, m->view) && mfilter_pass(&m->filter, s) && only_pass(m, s);
}

static void count_adjust(struct model *m, uint32_t s, int d)
{
	size_t v;

	for (v = 0; v < VIEW_COUNT; v++)
		if (in_view(m, s, (enum view_id)v))
			m->counts[v] = (size_t)((long)m->counts[v] + d);
}

static void rebuild_visible(struct model *m)
{
	size_t i, n = 0;
	enum view_id v = m->view;

	if (m->capvis < m->nall) {
		m->capvis = m->nall < 256 ? 256 : m->nall;
		m->vis = xreallocarray(m->vis, m->capvis, sizeof *m->vis);
	}
	if (m->only) {
		for (i = 0; i < m->nall; i++)
			if (visible(m, m->all[i]))
				m->vis[n++] = m->all[i];
		m->nvis = n;
		return;
	}
	/* without a branch per row (a filter that passes one row in ten is no
	 * pattern a branch predictor can learn), and for the views that are a
	 * bit of sbits, without a call per row */
	const uint64_t *fb = m->filter.cur >= 0 ? m->filter.lv[m->filter.cur].bits : NULL;
	uint8_t bit = v == VIEW_INCOMING ? SB_INCOMING : v == VIEW_MINE ? SB_MINE :
	              v == VIEW_OPEN ? SB_OPEN : v == VIEW_ESCALATED ? SB_ESC : 0;

	for (i = 0; i < m->nall; i++) {
		uint32_t s = m->all[i];
		bool in = bit ? (m->sbits[s] & bit) != 0 : in_view(m, s, v);

		m->vis[n] = s;
		n += (size_t)(in & (!fb || (fb[s >> 6] >> (s & 63) & 1u)));
	}
	m->nvis = n;
}

/* model_set_filter_soon's rest: the whole scan, then every visible row. */
static void finish_pending(struct model *m)
{
	model_filter_step(m, 0);
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
	m->once_us = MODEL_FILTER_ONCE_US;
	mfilter_init(&m->filter);
	mt_dict_hold();
	set_now(m, desk_now());
	ms_hash_rebuild(m, 0);
	model_set_me(m, me);
	return m;
}

void model_set_me(struct model *m, const char *me)
{
	size_t i;

	finish_pending(m);
	free(m->me);
	m->me = me && *me ? xstrdup(me) : NULL;
	m->me_idx = m->me ? ms_pool_intern(&m->owners, m->me) : 0;
	for (i = 0; i < m->nslot; i++)
		if (m->sbits[i] & SB_LIVE)
			slot_bits(m, (uint32_t)i);
	recount(m);
	rebuild_visible(m);
}

void model_free(struct model **mp)
{
	struct model *m = *mp;
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->nslabs; i++)
		free(m->slabs[i]);
	free(m->slabs);
	free(m->freeslots);
	free(m->sbits);
	free(m->due_from);
	free(m->hash);
	free(m->all);
	free(m->vis);
	ms_arena_release(m);
	mfilter_free(&m->filter);
	mt_dict_release();
	free(m->filter_raw);
	free(m->only);
	free(m->me);
	ms_pool_free(&m->owners);
	ms_pool_free(&m->cats);
	free(m);
	*mp = NULL;
}

/* Folded searchable text of a row, in a buffer that lives until the next call. */
static const char *fold_row(const struct wd_case *c, size_t *len)
{
	static struct strbuf sb, fb;
	char *slow;

	sb_reset(&sb);
	sb_puts(&sb, c->ref ? c->ref : "");
	sb_putc(&sb, ' ');
	sb_puts(&sb, c->description ? c->description : "");
	sb_putc(&sb, ' ');
	sb_puts(&sb, c->address ? c->address : "");
	sb_putc(&sb, ' ');
	sb_puts(&sb, c->reporter_phone ? c->reporter_phone : "");
	sb_putc(&sb, ' ');
	sb_puts(&sb, c->reporter_name ? c->reporter_name : "");
	if (model_fast_fold(sb.s, &fb)) {
		*len = fb.len;
		return fb.s;
	}
	slow = text_fold(sb.s);
	sb_reset(&fb);
	sb_puts(&fb, slow ? slow : "");
	free(slow);
	*len = fb.len;
	return fb.s;
}

/* The queue's summary: the description's first MCASE_SUMMARY bytes at most,
 * cut at a character boundary (untrusted: sanitised when drawn). */
static const char *summary_of(const struct wd_case *c, size_t *len)
{
	const char *desc = c->description ? c->description : "";
	size_t full = strlen(desc), ls = full < MCASE_SUMMARY ? full : MCASE_SUMMARY;

	while (ls > 0 && ls < full && ((unsigned char)desc[ls] & 0xc0) == 0x80)
		ls--;
	*len = ls;
	return desc;
}

/* The record text of a row (model_impl.h), in a buffer that lives until
 * the next call; *sig: its folded text's signature. */
static const char *row_text(const struct wd_case *c, size_t *len, msig *sig)
{
	static struct strbuf rec;
	size_t ls;
	const char *sum = summary_of(c, &ls);

	mt_encode(c, sum, ls, fold_row, &rec, sig);
	*len = rec.len;
	return rec.s;
}

/* The folded search text of slot s's case, in a buffer that lives until
 * the next call. */
static const char *slot_fold(const struct model *m, uint32_t s, size_t *len)
{
	static struct strbuf fb;
	size_t n;
	const char *b = ms_text(SC(m, s), &n);

	mt_fold(b, n, &fb);
	*len = fb.len;
	return fb.s;
}

/* Take slot s out of the ordered arrays (not the hash), keep counts right. */
static void unlink_slot(struct model *m, uint32_t s)
{
	count_adjust(m, s, -1);
	arr_remove(m, m->all, &m->nall, s);
	arr_remove(m, m->vis, &m->nvis, s);
}

static void link_slot(struct model *m, uint32_t s)
{
	const struct mcase *c = SC(m, s);
	size_t at = lower_bound(m, m->all, m->nall, c);

	arr_insert(&m->all, &m->nall, &m->capall, at, s);
	count_adjust(m, s, 1);
	if (visible(m, s)) {
		at = lower_bound(m, m->vis, m->nvis, c);
		arr_insert(&m->vis, &m->nvis, &m->capvis, at, s);
	}
}

/* A time in struct mcase's 32 bits (model.h). */
static uint32_t t32(time_t t)
{
	return t <= 0 ? 0 : (uint64_t)t >= UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

struct mcase *model_put(struct model *m, const struct wd_case *c, time_t seen_at)
{
	uint32_t s = ms_hash_find(m, c->id, NULL);
	bool old = s != MNOSLOT;
	size_t len, olen, lf;
	msig sig;
	const char *text, *fold;
	struct mcase *mc;

	finish_pending(m);
	text = row_text(c, &len, &sig);
	if (!m->sweeping)
		set_now(m, desk_now());
	if (old) {
		const char *otext;

		if (!m->sweeping)
			unlink_slot(m, s);
		mc = SC(m, s);
		/* the text is kept when it did not change (a resync puts every case) */
		otext = ms_text(mc, &olen);
		if (olen != len || memcmp(otext, text, len) != 0) {
			ms_arena_kill(m, mc);
			ms_arena_add(m, s, text, len);
		}
	} else {
		s = ms_slot_alloc(m);
		mc = SC(m, s);
		mc->id = c->id;
		mc->flags = seen_at > 0 ? MCASE_ARRIVED : 0;
		ms_arena_add(m, s, text, len);
		ms_hash_insert(m, s);
	}
	mfilter_text(&m->filter, s, sig);
	mc->id = c->id;
	mc->deadline = t32(c->deadline_at);
	mc->closed_at = t32(c->closed_at);
	mc->version = c->version;
	mc->state = (uint8_t)c->state;
	mc->channel = (uint8_t)c->channel;
	mc->escalation = (uint8_t)(c->escalation < 0 ? 0 : c->escalation > 255 ? 255 : c->escalation);
	mc->mark = m->gen;
	mc->chain = (uint8_t)((c->warned_at ? MCHAIN_WARNED : 0) | (c->ack_at ? MCHAIN_ACKED : 0));
	mc->flags = (uint8_t)((mc->flags & MCASE_ARRIVED) |
	                      (c->callback ? MCASE_CALLBACK : 0) |
	                      (c->hotline_line == WD_LINE_POLICE ? MCASE_POLICE : 0) |
	                      (c->hotline_line == WD_LINE_COMMITTEE ? MCASE_COMMITTEE : 0) |
	                      (c->likely_dup ? MCASE_DUP : 0) |
	                      (c->urgent ? MCASE_URGENT : 0));
	mc->warn_min = (uint16_t)(c->warn_min < 0 ? 0 : c->warn_min > 65535 ? 65535 : c->warn_min);
	mc->owner = ms_pool_intern(&m->owners, c->owner);
	mc->category = ms_pool_intern(&m->cats, c->category);
	if (m->me && !m->me_idx)
		m->me_idx = ms_pool_find(&m->owners, m->me);
	slot_bits(m, s);
	if (!m->sweeping) {
		fold = slot_fold(m, s, &lf);
		mfilter_update(&m->filter, s, fold, lf, sig);
		link_slot(m, s);
		ms_arena_maybe_compact(m);
	}
	return mc;
}

static void drop_slot(struct model *m, uint32_t s)
{
	ms_arena_kill(m, SC(m, s));
	m->sbits[s] = 0;
	mfilter_update(&m->filter, s, NULL, 0, 0);
	if (m->nfree == m->capfree) {
		m->capfree = m->capfree ? m->capfree * 2 : 64;
		m->freeslots = xreallocarray(m->freeslots, m->capfree, sizeof *m->freeslots);
	}
	m->freeslots[m->nfree++] = s;
}

void model_remove(struct model *m, int64_t id)
{
	uint32_t s = ms_hash_find(m, id, NULL);

	finish_pending(m);
	if (s == MNOSLOT)
		return;
	if (!m->sweeping)
		unlink_slot(m, s);
	ms_hash_delete(m, id);
	drop_slot(m, s);
	if (!m->sweeping)
		ms_arena_maybe_compact(m);
}

void model_sweep_begin(struct model *m)
{
	finish_pending(m);
	m->sweeping = true;
	m->gen ^= 1;
}

void model_sweep_abort(struct model *m)
{
	size_t i;

	for (i = 0; i < m->nslot; i++)
		if (m->sbits[i] & SB_LIVE)
			SC(m, (uint32_t)i)->mark = m->gen;
	model_sweep_end(m);
}

void model_sweep_end(struct model *m)
{
	size_t i, n = 0;

	finish_pending(m);
	m->sweeping = false;
	/* survivors in slot order, the rest go */
	if (m->capall < m->nused) {
		m->capall = m->nused;
		m->all = xreallocarray(m->all, m->capall, sizeof *m->all);
	}
	for (i = 0; i < m->nslot; i++) {
		uint32_t s = (uint32_t)i;

		if (!(m->sbits[s] & SB_LIVE))
			continue;
		if (SC(m, s)->mark == m->gen)
			m->all[n++] = s;
		else
			drop_slot(m, s);
	}
	m->nall = n;
	sort_model = m;
	if (m->nall > 1)   /* m->all is still NULL for a ward without cases */
		qsort(m->all, m->nall, sizeof *m->all, cmp_slot);
	ms_hash_rebuild(m, m->nall);
	if (m->adead)
		ms_arena_compact(m);
	set_now(m, desk_now());
	recount(m);
	mfilter_reset(&m->filter, m);
	rebuild_visible(m);
}

struct mcase *model_find(const struct model *m, int64_t id)
{
	uint32_t s = ms_hash_find(m, id, NULL);

	return s != MNOSLOT ? SC(m, s) : NULL;
}

struct mcase *model_find_ref(const struct model *m, const char *ref)
{
	size_t i;

	if (!ref)
		return NULL;
	for (i = 0; i < m->nall; i++)
		if (strcasecmp(SC(m, m->all[i])->ref, ref) == 0)
			return SC(m, m->all[i]);
	return NULL;
}

size_t model_count(const struct model *m)
{
	return m->nall;
}

struct mcase *model_at(const struct model *m, size_t i)
{
	return i < m->nall ? SC(m, m->all[i]) : NULL;
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
	finish_pending(m);
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

/* A new filter text in force (any pending scan dropped): its folded form,
 * NULL for none. */
static char *filter_text(struct model *m, const char *text)
{
	char *f = NULL;

	if (m->counting)
		mfilter_abandon(&m->filter);
	m->counting = false;
	FREE(&m->filter_raw);
	FREE(&m->only);
	m->nonly = 0;
	if (text && *text) {
		f = model_fold(text);
		if (f && *f)
			m->filter_raw = xstrdup(text);
		else
			FREE(&f);
	}
	return f;
}

void model_set_filter(struct model *m, const char *text)
{
	char *f = filter_text(m, text);

	mfilter_set(&m->filter, m, f);
	free(f);
	rebuild_visible(m);
}

/* The first rows of the view matching f, in order, into vis: every row
 * before the last one found is looked at, so they are exactly the first
 * rows of the whole scan.  False (vis undefined) when more than
 * FIRST_LOOK_MAX rows had to be looked at: a rare text, scan it all. */
#define FIRST_LOOK_MAX 4096
static bool first_rows(struct model *m, const char *f, size_t first)
{
	size_t i, n = 0, looked = 0;
	struct mneedle nd;
	bool done = true;

	if (m->capvis < m->nall) {
		m->capvis = m->nall < 256 ? 256 : m->nall;
		m->vis = xreallocarray(m->vis, m->capvis, sizeof *m->vis);
	}
	mt_needle_init(&nd, f);
	for (i = 0; i < m->nall && n < first; i++) {
		uint32_t s = m->all[i];
		const char *h;
		size_t len;

		if (!in_view(m, s, m->view))
			continue;
		if (++looked > FIRST_LOOK_MAX) {
			done = false;
			break;
		}
		h = model_slot_text(m, s, &len);
		if (h && mt_match(&nd, h, len, NULL))
			m->vis[n++] = s;
	}
	mt_needle_free(&nd);
	m->nvis = n;
	return done;
}

void model_set_filter_soon(struct model *m, const char *text, size_t first)
{
	char *f = filter_text(m, text);
	/* a long scan runs once_us now: one that ends in it is the key's only
	 * frame, with the final count (issue 14: at 100,000 cases a scan is
	 * 1-2 ms; the first rows and a second frame cost a third more) */
	bool more = f && first > 0 && !mfilter_cheap(&m->filter, m, f) &&
	            mfilter_begin(&m->filter, m, f) &&
	            (m->once_us <= 0 || mfilter_step(&m->filter, m, m->once_us));

	if (more && first_rows(m, f, first))
		m->counting = true;   /* the rest: model_filter_step */
	else if (more)            /* a rare text: all of it now */
		mfilter_step(&m->filter, m, 0);
	else                      /* (a scan done already: its cached set) */
		mfilter_set(&m->filter, m, f);
	free(f);
	if (!m->counting)
		rebuild_visible(m);
}

void model_set_filter_once(struct model *m, int once_us)
{
	m->once_us = once_us;
}

bool model_filter_counting(const struct model *m)
{
	return m->counting;
}

bool model_filter_step(struct model *m, int budget_us)
{
	if (m->counting && mfilter_step(&m->filter, m, budget_us))
		return true;
	if (!m->counting)
		return false;
	m->counting = false;
	rebuild_visible(m);
	return false;
}

void model_set_only(struct model *m, const int64_t *ids, size_t n, const char *label)
{
	model_set_filter(m, NULL);
	m->only = xcalloc(n + 1, sizeof *m->only);
	memcpy(m->only, ids, n * sizeof *ids);
	m->nonly = n;
	qsort(m->only, n, sizeof *m->only, id_cmp);
	m->filter_raw = xstrdup(label ? label : "");
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
	return i < m->nvis ? SC(m, m->vis[i]) : NULL;
}

long model_row_of(const struct model *m, int64_t id)
{
	uint32_t s = ms_hash_find(m, id, NULL);
	const struct mcase *c;
	size_t at;

	if (s == MNOSLOT)
		return -1;
	c = SC(m, s);
	at = lower_bound(m, m->vis, m->nvis, c);
	if (at < m->nvis && m->vis[at] == s)
		return (long)at;
	return -1;
}

size_t model_view_count(struct model *m, enum view_id v)
{
	return v < VIEW_COUNT ? m->counts[v] : 0;
}

/* The counts that depend on the clock: "due", and "resolved today" when
 * the day changed.  The others follow every put and remove. */
static void recount_clock(struct model *m, bool day)
{
	size_t i, due = 0, today = 0;

	for (i = 0; i < m->nslot; i++) {
		uint32_t s = (uint32_t)i;

		if (!(m->sbits[s] & SB_LIVE))
			continue;
		due += in_view(m, s, VIEW_DUE);
		if (day)
			today += in_view(m, s, VIEW_RESOLVED);
	}
	m->counts[VIEW_DUE] = due;
	if (day)
		m->counts[VIEW_RESOLVED] = today;
}

bool model_tick(struct model *m, time_t now)
{
	time_t oldmid = m->midnight;

	finish_pending(m);
	set_now(m, now);
	if (m->sweeping)
		recount(m);
	else
		recount_clock(m, oldmid != m->midnight);
	if (m->view == VIEW_DUE || (m->view == VIEW_RESOLVED && oldmid != m->midnight)) {
		rebuild_visible(m);
		return true;
	}
	return false;
}
