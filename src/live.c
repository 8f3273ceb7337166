/* live.c - connection state machine, snapshot and notifications (live.h). */
#include "wardesk/wardesk.h"

#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "wardesk/deskclock.h"
#include "wardesk/drafts.h"
#include "wardesk/live.h"
#include "wardesk/live_impl.h"
#include "wardesk/model_seen.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_shift.h"   /* store_permissions */

int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t confirm_when(const struct live *l);

void live_tell(struct live *l, int64_t id)
{
	if (l->changed)
		l->changed(l->ctx, id);
}

void live_init(struct live *l, const char *conninfo, struct model *m)
{
	memset(l, 0, sizeof *l);
	l->conninfo = conninfo ? xstrdup(conninfo) : NULL;
	l->model = m;
	l->state = LIVE_CONNECTING;
	l->backoff_ms = LIVE_BACKOFF_FIRST_MS;
}

void live_free(struct live *l)
{
	store_close(&l->st);
	FREE(&l->conninfo);
	idq_free(&l->unconf);
	if (l->have_me)
		wd_officer_free(&l->me);
	l->have_me = false;
}

void live_adopt(struct live *l, struct store *st)
{
	store_close(&l->st);
	l->st = st;
}

bool live_up(const struct live *l)
{
	return l->state == LIVE_UP;
}

void live_go_down(struct live *l, const struct st_err *err)
{
	if (l->loading) {   /* keep what we had: nothing is removed */
		l->loading = false;
		model_sweep_abort(l->model);
	}
	store_close(&l->st);
	if (l->state == LIVE_UP || !l->offline_since)
		l->offline_since = time(NULL);
	if (err)
		l->err = *err;
	l->state = LIVE_DOWN;
	/* a refused login (store_open: ST_BADINPUT) will not get better by
	 * retrying: the officer's access was ended or the login is wrong */
	l->refused = !l->st && err && err->status == ST_BADINPUT;
	l->next_try = l->refused ? INT64_MAX : mono_ms() + l->backoff_ms;
	l->backoff_ms *= 2;
	if (l->backoff_ms > LIVE_BACKOFF_MAX_MS)
		l->backoff_ms = LIVE_BACKOFF_MAX_MS;
	idq_clear(&l->unconf);   /* the snapshot of the next connection replaces them */
	l->confirm_on = 0;
	live_tell(l, 0);
}

/* When a case arrived, for model_put's NEW mark (never 0: that is "not
 * NEW"). */
static time_t arrived(const struct wd_case *c)
{
	return c->received_at > 0 ? c->received_at : 1;
}

/* A case received after new_since may show as NEW (until seen); so may
 * one first met after a reconnect (it came while we were offline). */
static void snap_row(void *ctx, const struct wd_case *c)
{
	struct live *l = ctx;

	model_put(l->model, c, l->ever_up || c->received_at > l->new_since ? arrived(c) : 0);
}

/* A row of the first page (a first start, read before the database's
 * clock): NEW as snap_row when new_since is known (the seen marks'), else
 * not: every case of the page was received before the start, and a model
 * keeps a case's first mark. */
static void first_row(void *ctx, const struct wd_case *c)
{
	struct live *l = ctx;

	model_put(l->model, c, l->new_since && c->received_at > l->new_since ? arrived(c) : 0);
}

/* Open the connection (or take the one adopted: live_adopt).  false: went
 * down. */
static bool open_store(struct live *l)
{
	struct st_err err = { 0 };

	if (!l->st || l->ever_up || !store_ok(l->st)) {   /* else: adopted (live_adopt) */
		store_close(&l->st);
		l->st = store_open(l->conninfo, &err);
	}
	if (!l->st) {
		live_go_down(l, &err);
		return false;
	}
	return true;
}

/* LISTEN, sync the desk clock.  false: went down. */
static bool listen_and_sync(struct live *l)
{
	struct st_err err = { 0 };
	time_t db_now, before;

	/* LISTEN first, then the snapshot: nothing committed in between is lost
	 * (cases, alerts, and shifts and handovers: issue 6).  The first page
	 * may come before: the snapshot replaces it. */
	if (store_listen_live(l->st, &err) != ST_OK) {
		live_go_down(l, &err);
		return false;
	}
	before = time(NULL);
	if (store_desk_now(l->st, &db_now, &err) == ST_OK)
		desk_clock_sync(db_now, before);
	else if (!store_ok(l->st)) {
		live_go_down(l, &err);
		return false;
	}
	return true;
}

/* Where my drafts and NEW marks are kept: this database and my ward
 * (drafts.h).  A new place (the first connection, or another database
 * after a reconnect) reads its own NEW marks, after the old place's are
 * saved.  false: went down. */
static bool read_place(struct live *l)
{
	struct st_err err = { 0 };
	char key[96];
	bool had = drafts_dir() != NULL;

	switch (store_desk_identity(l->st, key, sizeof key, &err)) {
	case ST_OK:
		break;
	case ST_OFFLINE:
		live_go_down(l, &err);
		return false;
	default:
		key[0] = '\0';   /* no drafts here (a database not yet upgraded) */
		break;
	}
	if (had && l->ever_up)
		seen_save(l->model, l->new_since);
	if (drafts_set_place(key) || !had) {
		seen_load();
		l->new_since = seen_since();
	}
	return true;
}

/* Who I am and what my role may do.  false: went down. */
static bool read_me(struct live *l)
{
	struct st_err err = { 0 };
	struct wd_officer me;
	enum st_status s = store_whoami(l->st, &me, &err);

	if (s == ST_OFFLINE) {
		live_go_down(l, &err);
		return false;
	}
	if (s == ST_OK) {
		if (l->have_me)
			wd_officer_free(&l->me);
		l->me = me;
		l->have_me = true;
		model_set_me(l->model, me.login);
		drafts_set_owner(me.login);   /* the session's own login decides */
		if (!read_place(l))
			return false;
	} else {
		l->err = err;   /* not an officer: keep going, the UI says why */
	}
	return true;
}

/* The role, once per connection: the console hides and refuses early what
 * it cannot do (the database still decides).  false: went down. */
static bool read_perms(struct live *l)
{
	struct st_err err = { 0 };
	unsigned mask = 0;
	enum st_status s = store_permissions(l->st, &mask, &err);

	if (s == ST_OFFLINE) {
		live_go_down(l, &err);
		return false;
	}
	l->have_perms = s == ST_OK && mask != 0;
	l->perms = mask;
	return true;
}

/* The snapshot failed with s: keep what we had (the sweep must not remove
 * anything); false when the connection went down. */
static bool snapshot_failed(struct live *l, enum st_status s, struct st_err *err)
{
	model_sweep_abort(l->model);
	if (s == ST_OFFLINE || !store_ok(l->st)) {
		l->loading = false;
		live_go_down(l, err);
		return false;
	}
	l->err = *err;
	return true;
}

/* The snapshot's rows: open cases and those resolved today. */
static void snapshot_query(struct st_query *q)
{
	memset(q, 0, sizeof *q);
	q->states = (1u << WD_NEW) | (1u << WD_IN_PROGRESS) | (1u << WD_REOPENED);
	q->closed_since = model_local_midnight(desk_now());
}

/* First screen fast (a first start only): the most urgent page, by index
 * when the ward is known (the same rows, a few ms), drawn at once; the full
 * snapshot (load_snapshot) then replaces it.  Read before anything the page
 * does not need (the channels, the desk clock, the role, the shift:
 * live_connect): before the clock is synced, so "resolved today" is by
 * the local clock's midnight for this page. */
static void load_first_page(struct live *l)
{
	struct st_err err = { 0 };
	struct st_query first;

	snapshot_query(&first);
	first.limit = LIVE_FIRST_PAGE;
	first.queue_only = true;   /* what the model keeps (store.h), as the snapshot */
	first.ward_id = l->have_me ? l->me.ward_id : 0;
	if (store_list_each(l->st, &first, first_row, l, &err) == ST_OK)
		live_tell(l, 0);
}

/* The snapshot, streamed into the model between keys (live_readable,
 * LIVE_LOAD_STEP_MS at a time); it replaces the first page.  false: went
 * down. */
static bool load_snapshot(struct live *l)
{
	struct st_err err = { 0 };
	struct st_query q;
	enum st_status s;

	snapshot_query(&q);
	if (!l->new_since)
		l->new_since = desk_now();   /* a first start: the database's now */
	model_sweep_begin(l->model);
	q.queue_only = true;   /* the model sorts; the other columns cost joins */
	s = store_list_begin(l->st, &q, snap_row, l, &err);
	if (s != ST_OK)
		return snapshot_failed(l, s, &err);
	l->loading = true;
	return true;
}

static void warm_row(void *ctx, const struct wd_case *c)
{
	(void)ctx;
	(void)c;
}

static void warm_done(void *ctx, enum st_status s, const struct st_err *err)
{
	(void)ctx;
	(void)s;
	(void)err;
}

/* The confirmation's statement prepared and planned now, with an empty
 * list (sent, not waited for): its one planning (case_rows keeps its
 * generic plan; 5-20 ms of a new backend's CPU) is paid at connection,
 * not with the first live case, when every console of the ward would plan
 * it within the same second (issue 14; bench/notes/live.md). */
static void warm_confirm(struct live *l)
{
	if (store_ok(l->st))
		store_list_ids_send(l->st, NULL, 0, warm_row, warm_done, NULL, NULL);
}

/* The snapshot is in (or failed): live from now on. */
static void snapshot_done(struct live *l)
{
#ifdef __GLIBC__
	/* the snapshot's transient buffers (PGresult, rows) go back to the system */
	malloc_trim(0);
#endif
	l->state = LIVE_UP;
	l->ever_up = true;
	l->offline_since = 0;
	l->backoff_ms = LIVE_BACKOFF_FIRST_MS;
	idq_clear(&l->unconf);
	warm_confirm(l);
	live_tell(l, 0);
	if (l->up)
		l->up(l->ctx);   /* e.g. undelivered alerts; may find the connection broken */
}

/* Pass on the snapshot's rows that have arrived, for at most
 * LIVE_LOAD_STEP_MS.  false: still loading, or went down. */
static bool load_step(struct live *l)
{
	struct st_err err = { 0 };
	int64_t until = mono_ms() + LIVE_LOAD_STEP_MS;
	enum st_status s;
	bool done = false;

	do
		s = store_list_step(l->st, 32, &done, &err);
	while (!done && store_list_ready(l->st) && mono_ms() < until);
	if (!done)
		return false;
	l->loading = false;
	if (s != ST_OK && !snapshot_failed(l, s, &err))
		return false;
	if (s == ST_OK)
		model_sweep_end(l->model);
	snapshot_done(l);
	return l->state == LIVE_UP;
}

bool live_loading(const struct live *l)
{
	return l->loading;
}

bool live_connect(struct live *l)
{
	l->state = l->ever_up ? LIVE_RECONNECTING : LIVE_CONNECTING;
	live_tell(l, 0);
	if (!open_store(l) || !read_me(l))
		return false;
	if (!l->ever_up)
		load_first_page(l);   /* (a lost connection: the next step says so) */
	if (!listen_and_sync(l) || !read_perms(l))
		return false;
	l->state = LIVE_UP;   /* live_refresh_shift needs it; set again below */
	if (!live_refresh_shift(l))
		return false;
	/* Not live until the snapshot is in (the UI shows "connecting…" and
	 * draws the first page at once, see on_changed in console.c). */
	l->state = l->ever_up ? LIVE_RECONNECTING : LIVE_CONNECTING;
	if (!load_snapshot(l))
		return false;
	/* a small ward may be in at once; a big one streams from live_readable */
	if (l->loading)
		load_step(l);
	else
		snapshot_done(l);   /* the snapshot was refused: live with what we had */
	return l->state == LIVE_UP || l->loading;
}

int live_fd(const struct live *l)
{
	return l->state == LIVE_UP || l->loading ? store_socket(l->st) : -1;
}

int live_timeout_ms(const struct live *l, int64_t now_ms)
{
	if (l->loading && store_list_ready(l->st))
		return 0;   /* rows wait in libpq's buffer: no need to poll for them */
	if (l->state == LIVE_UP && l->backlog)   /* notifications wait in libpq's queue */
		return LIVE_DRAIN_REST_MS;   /* (live.h) */
	if (l->state == LIVE_UP && store_async_ready(l->st))
		return 0;   /* a background statement's result is in, or one can be sent */
	if (l->state == LIVE_UP && l->unconf.n && !live_confirming(l))   /* (live_confirm) */
		return confirm_when(l) <= now_ms ? 0 : (int)(confirm_when(l) - now_ms);
	if (l->state != LIVE_DOWN)
		return -1;
	return l->next_try <= now_ms ? 0 : (int)(l->next_try - now_ms);
}

void live_lost(struct live *l, const struct st_err *err)
{
	if (l->state == LIVE_UP || l->st)
		live_go_down(l, err);
}

/* When to confirm a batch started now: within LIVE_CONFIRM_MS, at a point
 * of its second half that differs from console to console, so the consoles
 * that heard the same notifications do not all query at the same moment. */
int64_t live_spread_ms(int64_t max)
{
	static uint32_t seed;

	if (!seed)
		seed = (uint32_t)getpid() * 2654435761u ^ (uint32_t)mono_ms();
	seed = seed * 1664525u + 1013904223u;   /* a spread, not a secret */
	return max > 0 ? (int64_t)((seed >> 8) % (uint32_t)(max + 1)) : 0;
}

/* The confirmation of what is queued now: at a point between 50 and 80 %
 * of LIVE_CONFIRM_MS (spread), then at the first quiet moment
 * (LIVE_CONFIRM_QUIET_MS without a notification), but within
 * LIVE_CONFIRM_MS whatever comes.  A quiet moment is after the paint of the
 * case every console of the ward heard at once: the ward's confirmations
 * do not compete with the paints for the CPUs (issue 14). */
static void confirm_plan(struct live *l)
{
	int64_t now = mono_ms();

	l->confirm_at = now + LIVE_CONFIRM_MS / 2 + live_spread_ms(LIVE_CONFIRM_MS * 3 / 10);
	l->confirm_by = now + LIVE_CONFIRM_MS;
}

/* Now: ids to read (no payload), or the rest of a batch over LIVE_CONFIRM_MAX. */
static void confirm_now(struct live *l)
{
	l->confirm_at = l->confirm_by = mono_ms();
}

/* When the confirmation may go (unconf.n > 0): monotonic ms. */
static int64_t confirm_when(const struct live *l)
{
	int64_t quiet = l->heard_at + LIVE_CONFIRM_QUIET_MS, t = l->confirm_at;

	if (quiet > t)
		t = quiet < l->confirm_by ? quiet : l->confirm_by;
	return t;
}

/* Put a case row into the model as the queue shows it: a case resolved
 * before today's midnight leaves it.  seen_before: the model had it. */
static void put_row(struct live *l, const struct wd_case *c, bool seen_before)
{
	if (c->state == WD_RESOLVED && c->closed_at < model_local_midnight(desk_now()))
		model_remove(l->model, c->id);
	else
		model_put(l->model, c, seen_before ? 0 : time(NULL));
}

static void on_notify(void *ctx, int64_t id, int32_t version, int ward, const char *op,
                      const struct wd_case *row)
{
	struct live *l = ctx;
	const struct mcase *c;

	l->heard_at = mono_ms();   /* (confirm_when: not now) */
	/* Another ward's case: we could not read it anyway (row-level security);
	 * no query for it. */
	if (ward && l->have_me && l->me.ward_id && ward != l->me.ward_id)
		return;
	/* A call-back recorded (57_callbacks.sql) or a photo attached
	 * (59_photos.sql): the case itself did not change; the screens that
	 * show them read theirs again. */
	if (op && (!strcmp(op, "callback") || !strcmp(op, "photo"))) {
		live_tell(l, id);
		return;
	}
	c = model_find(l->model, id);
	/* Already know this version (e.g. our own action, refetched at once):
	 * an older payload never overwrites a newer row. */
	if (c && version > 0 && c->version >= version)
		return;
	if (row) {
		/* Drawn from the payload, no query; confirmed by live_confirm
		 * within LIVE_CONFIRM_MS (a payload may be forged: live.h). */
		put_row(l, row, c != NULL);
		if (!l->unconf.n)
			confirm_plan(l);
		idq_add(&l->unconf, id);
		live_tell(l, id);
		if (l->fresh) {   /* not a flood: paint it before what came after it */
			l->paint_first = true;
			store_drain_stop(l->st);
		}
		return;
	}
	/* The short form: read it with the next confirmation, now (one
	 * statement for all, sent without waiting: live_confirm). */
	idq_add(&l->unconf, id);
	confirm_now(l);
}

static void on_alert(void *ctx, int64_t alert_id, int64_t case_id, const char *kind,
                     const char *to, const struct st_alert_payload *payload)
{
	struct live *l = ctx;

	l->heard_at = mono_ms();
	if (l->alert)
		l->alert(l->ctx, alert_id, case_id, kind, to, payload);
}

struct refetch_ctx {
	struct live *l;
	bool found;
};

static void refetch_row(void *ctx, const struct wd_case *c)
{
	struct refetch_ctx *rc = ctx;

	rc->found = true;
	put_row(rc->l, c, model_find(rc->l->model, c->id) != NULL);
}

/* One case by id (store_list_ids: a statement prepared once, no planning
 * of the view per call). */
bool live_refetch(struct live *l, int64_t id)
{
	struct st_err err = { 0 };
	struct refetch_ctx rc = { l, false };
	enum st_status s;

	if (l->state != LIVE_UP)
		return false;
	s = store_list_ids(l->st, &id, 1, refetch_row, &rc, &err);
	if (s == ST_OFFLINE || (s != ST_OK && !store_ok(l->st))) {
		live_go_down(l, &err);
		return false;
	}
	if (s != ST_OK)
		return true;   /* a refusal (e.g. not visible to us): leave the model alone */
	if (!rc.found)
		model_remove(l->model, id);
	live_tell(l, id);
	return true;
}

static int64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Up to LIVE_DRAIN_US of the console's CPU of the notifications that wait,
 * one at a time, and less when a key waits (input_waiting, asked every
 * LIVE_KEY_CHECK_US): the key is read and drawn before the rest. */
static enum st_status drain_slice(struct live *l, struct st_err *err)
{
	int64_t now = cpu_ns(), end = now + LIVE_DRAIN_US * 1000LL;
	int64_t check = now + LIVE_KEY_CHECK_US * 1000LL;
	enum st_status s;

	do {
		s = store_drain_for(l->st, on_notify, on_alert, live_on_shift, l, 0, &l->backlog, err);
		if (s == ST_OK && l->paint_first) {   /* (on_notify stopped the drain) */
			l->paint_first = l->fresh = false;   /* once per drain */
			if (l->paint)
				l->paint(l->ctx);
		}
		if (s != ST_OK || !l->backlog || l->state != LIVE_UP)
			return s;
		now = cpu_ns();
		if (now >= check) {
			check = now + LIVE_KEY_CHECK_US * 1000LL;
			if (l->input_waiting && l->input_waiting(l->ctx))
				break;
		}
	} while (now < end);
	return ST_OK;
}

void live_readable(struct live *l)
{
	struct st_err err = { 0 };

	if (l->loading && !load_step(l))
		return;
	if (l->state != LIVE_UP)
		return;
	l->fresh = !l->backlog;
	l->paint_first = false;
	/* Background statements (store.h): their results first, so that the
	 * notifications that came after them are in libpq's queue for the
	 * drain below.  A callback may take the connection down. */
	while (l->state == LIVE_UP && store_async_step(l->st))
		;
	/* The shift's re-read (rare: a wardesk_shift notification) is still a
	 * query made here; what came meanwhile waits in libpq's queue, unseen
	 * by poll(): drain again after it (a few times at most). */
	for (int pass = 0; pass < 3 && l->state == LIVE_UP; pass++) {
		/* One queue holds every channel: store_drain_all dispatches by
		 * channel (wardesk_case to on_notify, wardesk_shift to live_on_shift,
		 * wardesk_alert to on_alert: l->alert, console_alerts.c). */
		l->shift_notified = false;
		if (drain_slice(l, &err) != ST_OK) {
			live_go_down(l, &err);
			return;
		}
		if (l->shift_notified && !live_refresh_shift(l))
			return;
		if (!l->shift_notified || l->backlog)
			break;   /* the rest at the next turn, after the keys */
	}
}

struct confirm_ctx {
	struct live *l;
	unsigned char *got;      /* per id of the batch: CONFIRM_* bits */
	const int64_t *ids;
	size_t n;
};

#define CONFIRM_FOUND 1u     /* the database returned it */
#define CONFIRM_CHANGED 2u   /* and the model's case is not what it was */

/* What the model holds for id (model_case_key), "" when none. */
static void case_key(const struct model *m, int64_t id, struct strbuf *out)
{
	const struct mcase *mc = model_find(m, id);

	sb_reset(out);
	if (mc)
		model_case_key(mc, out);
}

static void confirm_row(void *ctx, const struct wd_case *c)
{
	static struct strbuf before, after;
	struct confirm_ctx *cc = ctx;
	bool changed;

	case_key(cc->l->model, c->id, &before);
	/* unconditionally: the database's row wins over any payload, whatever
	 * version a forged one claimed */
	put_row(cc->l, c, before.len > 0);
	case_key(cc->l->model, c->id, &after);
	/* the same bytes: the payload drew what the database says, and the
	 * answer draws nothing (a frame per console per confirmation less) */
	changed = before.len != after.len || memcmp(before.s, after.s, before.len) != 0;
	for (size_t i = 0; i < cc->n; i++)
		if (cc->ids[i] == c->id)
			cc->got[i] |= CONFIRM_FOUND | (changed ? CONFIRM_CHANGED : 0);
}

static void confirm_free(void *ctx)
{
	struct confirm_ctx *cc = ctx;

	free(cc->got);
	free((int64_t *)cc->ids);
	free(cc);
}

/* The confirmation's answer (store_list_ids_send; its rows came to
 * confirm_row before): what it removed or changed is drawn again. */
static void confirm_done(void *ctx, enum st_status s, const struct st_err *err)
{
	struct confirm_ctx *cc = ctx;
	struct live *l = cc->l;

	l->confirm_on = 0;
	if (s == ST_OK) {
		for (size_t i = 0; i < cc->n; i++)
			if (!(cc->got[i] & CONFIRM_FOUND) && model_find(l->model, cc->ids[i])) {
				model_remove(l->model, cc->ids[i]);   /* gone, or never ours */
				cc->got[i] |= CONFIRM_CHANGED;
			}
		for (size_t i = 0; i < cc->n; i++)
			if (cc->got[i] & CONFIRM_CHANGED)
				live_tell(l, cc->ids[i]);
		return;
	}
	if (s == ST_OFFLINE || !store_ok(l->st)) {
		live_go_down(l, err);
		return;
	}
	/* refused (a timeout, a cancel for an officer's action): the model
	 * keeps the payloads' rows and the batch is tried again later, never
	 * dropped */
	if (!l->unconf.n)
		confirm_plan(l);
	for (size_t i = 0; i < cc->n; i++)
		idq_add(&l->unconf, cc->ids[i]);
}

bool live_confirming(const struct live *l)
{
	return l->confirm_on && l->confirm_on == store_serial(l->st);
}

bool live_confirm(struct live *l)
{
	struct confirm_ctx *cc;

	if (l->state != LIVE_UP || !l->unconf.n || live_confirming(l))
		return l->state == LIVE_UP;
	/* the batch is ours: notifications drained meanwhile start the next;
	 * over LIVE_CONFIRM_MAX ids, the rest wait for the next turn */
	cc = xcalloc(1, sizeof *cc);
	cc->l = l;
	cc->ids = idq_take(&l->unconf, LIVE_CONFIRM_MAX, &cc->n);
	if (l->unconf.n)
		confirm_now(l);
	cc->got = xcalloc(cc->n, sizeof *cc->got);
	/* sent, not waited for: its answer comes through live_readable */
	l->confirm_on = store_serial(l->st);
	store_list_ids_send(l->st, cc->ids, cc->n, confirm_row, confirm_done, confirm_free, cc);
	return true;
}

bool live_confirm_due(const struct live *l, int64_t now_ms)
{
	return l->state == LIVE_UP && l->unconf.n && now_ms >= confirm_when(l) && !live_confirming(l);
}

void live_poll(struct live *l, int64_t now_ms)
{
	if (l->state == LIVE_DOWN && now_ms >= l->next_try)
		live_connect(l);
	else if (live_confirm_due(l, now_ms))
		live_confirm(l);
}
