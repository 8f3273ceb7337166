/* store_deadline.c - deadlines, escalation chain, alerts (see store_deadline.h). */
#include "wardesk/wardesk.h"

#include "wardesk/store_deadline.h"
#include "wardesk/store_impl.h"

static const char *const alert_kinds[WD_ALERT_KIND_COUNT] = {
	"new", "assigned", "warning", "escalation", "overdue", "reminder", "urgent", "reassigned",
	"reopened",
};

const char *wd_alert_kind_name(enum wd_alert_kind k)
{
	return (unsigned)k < WD_ALERT_KIND_COUNT ? alert_kinds[k] : "?";
}

int wd_alert_kind_parse(const char *s)
{
	for (int i = 0; s && i < WD_ALERT_KIND_COUNT; i++)
		if (!strcmp(s, alert_kinds[i]))
			return i;
	return -1;
}

static bool utf8_all(const char *const *params, int n, struct st_err *err)
{
	for (int i = 0; i < n; i++)
		if (!st_check_utf8(_("the text"), params[i], err))
			return false;
	return true;
}

static const char *int_param(long v, char *buf, size_t sz)
{
	if (v < 0)
		return NULL;
	snprintf(buf, sz, "%ld", v);
	return buf;
}

/* ---- sweep ----------------------------------------------------------- */

void wd_transition_list_free(struct wd_transition_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].ref);
		free(l->v[i].action);
		free(l->v[i].alerted);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* One call of wardesk.sweep() or sweep_chunk(max, false) (one transaction,
 * at most wardesk.sweep_chunk_cases() cases: 50_deadlines.sql), its steps
 * appended to out; *more: it stepped that many cases, so there may be more. */
#define SWEEP_COLS "extract(epoch FROM at)::bigint, case_id, ref, action, escalation," \
	" array_to_string(alerted, ',')"
static const char *const sweep_sql_full[] = {
	"WITH s AS (SELECT * FROM wardesk.sweep()) SELECT " SWEEP_COLS ","
	" ((SELECT count(DISTINCT case_id) FROM s) >= wardesk.sweep_chunk_cases())::int FROM s",
	/* a database not yet upgraded (db init) has no sweep_chunk_cases(), and
	 * its sweep() steps every due case in one call */
	"SELECT " SWEEP_COLS ", 0 FROM wardesk.sweep()",
	NULL
};
/* at most $1 cases, the sweep's lock not waited for (issue 14 item 4) */
static const char *const sweep_sql_max[] = {
	"WITH s AS (SELECT * FROM wardesk.sweep_chunk($1::int, false)) SELECT " SWEEP_COLS ","
	" ((SELECT count(DISTINCT case_id) FROM s) >= least($1::int, wardesk.sweep_chunk_cases()))::int"
	" FROM s",
	/* older databases: a sweep_chunk that waits, or none */
	"WITH s AS (SELECT * FROM wardesk.sweep_chunk($1::int)) SELECT " SWEEP_COLS ","
	" ((SELECT count(DISTINCT case_id) FROM s) >= least($1::int, wardesk.sweep_chunk_cases()))::int"
	" FROM s",
	"SELECT " SWEEP_COLS ", 0 FROM wardesk.sweep()",
	NULL
};

/* The steps of one call's result, appended to out; *more as below. */
static void sweep_rows(PGresult *res, struct wd_transition_list *out, bool *more)
{
	size_t n = (size_t)PQntuples(res);

	out->v = xrealloc(out->v, (out->n + n + 1) * sizeof *out->v);
	memset(out->v + out->n, 0, (n + 1) * sizeof *out->v);
	for (size_t i = 0; i < n; i++) {
		struct wd_transition *t = &out->v[out->n + i];
		int r = (int)i;

		t->at = (time_t)st_col_ll(res, r, 0);
		t->case_id = st_col_ll(res, r, 1);
		t->ref = st_col_str(res, r, 2);
		t->action = st_col_str(res, r, 3);
		t->escalation = (int)st_col_ll(res, r, 4);
		t->alerted = st_col_str(res, r, 5);
		if (!t->alerted)
			t->alerted = xstrdup("");
	}
	*more = n > 0 && st_col_ll(res, 0, 6) != 0;
	out->n += n;
}

static enum st_status sweep_chunk(struct store *st, int max, struct wd_transition_list *out,
                                  bool *more, struct st_err *err)
{
	const char *const *tries = max > 0 ? sweep_sql_max : sweep_sql_full;
	char mbuf[16];
	const char *params[1] = { mbuf };
	PGresult *res;

	snprintf(mbuf, sizeof mbuf, "%d", max);
	res = st_run_long(st, tries[0], strstr(tries[0], "$1") ? 1 : 0, params, err);
	for (int t = 1; !res && tries[t] && !strcmp(err->sqlstate, "42883") && store_ok(st); t++) {
		memset(err, 0, sizeof *err);   /* undefined_function: an older database */
		res = st_run_long(st, tries[t], strstr(tries[t], "$1") ? 1 : 0, params, err);
	}
	if (!res)
		return err->status;
	sweep_rows(res, out, more);
	PQclear(res);
	return ST_OK;
}

/* ---- the console's background statements (store.h: background statements) ---- */

struct sweep_send { st_sweep_done_fn fn; void *ctx; };

static void sweep_finish(PGresult *res, enum st_status s, const struct st_err *err, void *ctx)
{
	struct sweep_send w = *(struct sweep_send *)ctx;
	struct wd_transition_list l = { .v = xcalloc(1, sizeof *l.v) };
	bool more = false;

	free(ctx);
	if (res)
		sweep_rows(res, &l, &more);
	PQclear(res);
	w.fn(w.ctx, s, &l, more, err);
}

/* Under the session's statement_timeout (10 s), not the long one: one call
 * is at most max cases, and never waits for the sweep's lock. */
void store_sweep_send(struct store *st, int max, st_sweep_done_fn fn, void *ctx)
{
	char mbuf[16];
	const char *params[1] = { mbuf };
	struct sweep_send *w = xmalloc(sizeof *w);
	struct st_asend a = { .tries = sweep_sql_max, .n = 1, .params = params,
	                      .finish = sweep_finish, .drop = free, .ctx = w };

	snprintf(mbuf, sizeof mbuf, "%d", max > 0 ? max : 1);
	w->fn = fn;
	w->ctx = ctx;
	st_async_send(st, &a);
}

/* The sweep works in bounded transactions (issue 14 item 4: a catch-up of
 * thousands of due cases in one transaction held their row locks, and the
 * chain head's, for minutes, and every take, close or import of them waited
 * and failed): call it again while a call stepped as many cases as one may.  Each
 * call is one transaction, so another sweeper of the ward (waiting for the
 * scope lock) takes its turn between two calls, and they share the work.
 * A refusal after some calls worked (e.g. another sweeper's turn outlasted
 * the 2 s wait) ends the loop quietly: their steps stand and are reported,
 * and the next sweep goes on; a lost connection is returned as such. */
enum st_status store_sweep_once(struct store *st, int max, struct wd_transition_list *out,
                                bool *more, struct st_err *err)
{
	enum st_status s;

	*more = false;
	memset(out, 0, sizeof *out);
	out->v = xcalloc(1, sizeof *out->v);
	s = sweep_chunk(st, max, out, more, err);
	if (s != ST_OK)
		wd_transition_list_free(out);
	return s;
}

enum st_status store_sweep(struct store *st, struct wd_transition_list *out, struct st_err *err)
{
	enum { MAX_CALLS = 10000 };   /* 500,000 cases: a bound, never reached */
	bool more = false;
	enum st_status s;

	memset(out, 0, sizeof *out);
	out->v = xcalloc(1, sizeof *out->v);
	for (int call = 0; call < MAX_CALLS; call++) {
		s = sweep_chunk(st, 0, out, &more, err);
		if (s != ST_OK) {
			if (call == 0 || s == ST_OFFLINE || !store_ok(st)) {
				wd_transition_list_free(out);
				return s;
			}
			memset(err, 0, sizeof *err);
			break;
		}
		if (!more)
			break;
	}
	return ST_OK;
}

bool store_sweep_blocked(const struct st_err *err)
{
	return err && (!strcmp(err->sqlstate, "WDSWP") || !strcmp(err->sqlstate, "WDSWA"));
}

void wd_sweep_health_list_free(struct wd_sweep_health_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].ward);
		free(l->v[i].last_by);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

enum st_status store_sweep_health(struct store *st, struct wd_sweep_health_list *out,
                                  struct st_err *err)
{
	static const char sql[] =
	    "SELECT ward_id, ward, extract(epoch FROM last_at), last_by, coalesce(last_steps, 0)"
	    " FROM wardesk.sweep_health()";
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, sql, 0, NULL, err)))
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		struct wd_sweep_health *h = &out->v[i];
		int r = (int)i;

		h->ward_id = (int)st_col_ll(res, r, 0);
		h->ward = st_col_str(res, r, 1);
		if (!st_col_time(res, r, 2, &h->last_at))
			h->last_at = 0;
		h->last_by = st_col_str(res, r, 3);
		h->last_steps = (int)st_col_ll(res, r, 4);
	}
	PQclear(res);
	return ST_OK;
}

/* ---- alerts ---------------------------------------------------------- */

void wd_alert_list_free(struct wd_alert_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct wd_alert *a = &l->v[i];

		free(a->recipient);
		free(a->actor);
		free(a->about);
		free(a->run_by);
		free(a->ref);
		free(a->category);
		free(a->category_vi);
		free(a->category_en);
		free(a->description);
		free(a->address);
		free(a->owner);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The rows of store_alerts' query (and alerts_seen's: a 21st column,
 * marked); the category's English name by its column's name, category_en. */
static void alert_rows(PGresult *res, struct wd_alert_list *out)
{
	int en = PQfnumber(res, "category_en"), marked = PQfnumber(res, "marked");

	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		struct wd_alert *a = &out->v[i];
		int r = (int)i, k;

		a->id = st_col_ll(res, r, 0);
		a->case_id = st_col_ll(res, r, 1);
		k = wd_alert_kind_parse(PQgetvalue(res, r, 2));
		a->kind = k < 0 ? WD_ALERT_NEW : (enum wd_alert_kind)k;
		a->recipient = st_col_str(res, r, 3);
		a->level = (int)st_col_ll(res, r, 4);
		a->created_at = (time_t)st_col_ll(res, r, 5);
		a->delivered_at = (time_t)st_col_ll(res, r, 6);
		a->actor = st_col_str(res, r, 7);
		a->ref = st_col_str(res, r, 8);
		a->category = st_col_str(res, r, 9);
		a->category_vi = st_col_str(res, r, 10);
		a->description = st_col_str(res, r, 11);
		a->address = st_col_str(res, r, 12);
		a->owner = st_col_str(res, r, 13);
		a->escalation = (int)st_col_ll(res, r, 14);
		a->deadline_at = (time_t)st_col_ll(res, r, 15);
		a->resolved = !strcmp(PQgetvalue(res, r, 16), "t");
		a->about = st_col_str(res, r, 17);
		a->run_by = st_col_str(res, r, 18);
		a->case_count = (int)st_col_ll(res, r, 19);
		if (marked >= 0)
			a->marked = !strcmp(PQgetvalue(res, r, marked), "t");
		if (en >= 0)
			a->category_en = st_col_str(res, r, en);
	}
}

static const char alerts_sql[] =
    "SELECT * FROM (SELECT a.id, a.case_id, a.kind, a.recipient, a.level,"
    "  extract(epoch FROM a.created_at)::bigint, extract(epoch FROM a.delivered_at)::bigint,"
    "  a.actor, c.ref, c.category, k.name_vi, c.description, c.address, c.owner,"
    /* about (015) through to_jsonb: a database not yet upgraded has no such column */
    "  c.escalation, extract(epoch FROM c.deadline_at)::bigint, c.state = 'resolved',"
    "  to_jsonb(a) ->> 'about', to_jsonb(a) ->> 'run_by',"
    /* case_count (023) likewise */
    "  coalesce((to_jsonb(a) ->> 'case_count')::int, 0), k.name_en AS category_en"
    " FROM wardesk.alerts a JOIN wardesk.cases c ON c.id = a.case_id"
    " JOIN wardesk.categories k ON k.code = c.category"
    " WHERE (NOT $1::boolean OR a.recipient = session_user::text COLLATE pg_catalog.\"default\")"
    "   AND (NOT $2::boolean OR a.delivered_at IS NULL)"
    "   AND a.id > $3::bigint"
    " ORDER BY a.id DESC LIMIT $4::int) x ORDER BY 1";

enum st_status store_alerts(struct store *st, const struct st_alert_query *q,
                            struct wd_alert_list *out, struct st_err *err)
{
	char after[32], limit[16];
	const char *params[4] = { q->mine ? "t" : "f", q->undelivered ? "t" : "f", after, limit };
	PGresult *res;

	memset(out, 0, sizeof *out);
	snprintf(after, sizeof after, "%lld", (long long)q->after_id);
	snprintf(limit, sizeof limit, "%d", q->limit > 0 ? q->limit : 200);
	if (!(res = st_run(st, alerts_sql, 4, params, err)))
		return err->status;
	alert_rows(res, out);
	PQclear(res);
	return ST_OK;
}

enum st_status store_alert_max_id(struct store *st, int64_t *id, struct st_err *err)
{
	PGresult *res = st_run(st, "SELECT coalesce(max(id), 0) FROM wardesk.alerts", 0, NULL, err);

	*id = 0;
	if (!res)
		return err->status;
	*id = st_col_ll(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

static const char *const delivered_sql[] = {
	"SELECT wardesk.alerts_delivered($1::bigint[])", NULL
};
static const char *const seen_sql[] = {
	"SELECT * FROM wardesk.alerts_seen($1::bigint, $2::bigint[])", NULL
};

enum st_status store_alerts_delivered(struct store *st, const int64_t *ids, size_t n, int *marked,
                                      struct st_err *err)
{
	struct strbuf arr = { 0 };
	const char *params[1];
	PGresult *res;

	if (marked)
		*marked = 0;
	if (n == 0)
		return ST_OK;
	st_bigint_array(&arr, ids, n);
	params[0] = arr.s;
	res = st_run(st, delivered_sql[0], 1, params, err);
	sb_free(&arr);
	if (!res)
		return err->status;
	if (marked)
		*marked = (int)st_col_ll(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

enum st_status store_alerts_seen(struct store *st, int64_t upto, const int64_t *ids, size_t n,
                                 struct wd_alert_list *out, struct st_err *err)
{
	struct strbuf arr = { 0 };
	char up[32];
	const char *params[2] = { up, NULL };
	PGresult *res;

	memset(out, 0, sizeof *out);
	snprintf(up, sizeof up, "%lld", (long long)upto);
	st_bigint_array(&arr, ids, n);
	params[1] = arr.s;
	res = st_run(st, seen_sql[0], 2, params, err);
	sb_free(&arr);
	if (!res)
		return err->status;
	alert_rows(res, out);
	PQclear(res);
	return ST_OK;
}

/* ---- the alerts, sent (store.h: background statements) ---- */

struct alerts_send { st_alerts_done_fn fn; st_done_fn done; void *ctx; };

static void alerts_finish(PGresult *res, enum st_status s, const struct st_err *err, void *ctx)
{
	struct alerts_send w = *(struct alerts_send *)ctx;
	struct wd_alert_list l = { .v = xcalloc(1, sizeof *l.v) };

	free(ctx);
	if (res) {
		free(l.v);
		alert_rows(res, &l);
	}
	PQclear(res);
	w.fn(w.ctx, s, &l, err);
}

static void alerts_send(struct store *st, const char *const *tries, int n,
                        const char *const *params, st_afinish_fn finish, st_alerts_done_fn fn,
                        st_done_fn done, void *ctx)
{
	struct alerts_send *w = xmalloc(sizeof *w);
	struct st_asend a = { .tries = tries, .n = n, .params = params, .finish = finish,
	                      .drop = free, .ctx = w };

	w->fn = fn;
	w->done = done;
	w->ctx = ctx;
	st_async_send(st, &a);
}

void store_alerts_send(struct store *st, const struct st_alert_query *q, st_alerts_done_fn fn,
                       void *ctx)
{
	static const char *const tries[] = { alerts_sql, NULL };
	char after[32], limit[16];
	const char *params[4] = { q->mine ? "t" : "f", q->undelivered ? "t" : "f", after, limit };

	snprintf(after, sizeof after, "%lld", (long long)q->after_id);
	snprintf(limit, sizeof limit, "%d", q->limit > 0 ? q->limit : 200);
	alerts_send(st, tries, 4, params, alerts_finish, fn, NULL, ctx);
}

void store_alerts_seen_send(struct store *st, int64_t upto, const int64_t *ids, size_t n,
                            st_alerts_done_fn fn, void *ctx)
{
	struct strbuf arr = { 0 };
	char up[32];
	const char *params[2] = { up, NULL };

	snprintf(up, sizeof up, "%lld", (long long)upto);
	st_bigint_array(&arr, ids, n);
	params[1] = arr.s;
	alerts_send(st, seen_sql, 2, params, alerts_finish, fn, NULL, ctx);
	sb_free(&arr);
}

static void delivered_finish(PGresult *res, enum st_status s, const struct st_err *err, void *ctx)
{
	struct alerts_send w = *(struct alerts_send *)ctx;

	free(ctx);
	PQclear(res);
	if (w.done)
		w.done(w.ctx, s, err);
}

void store_alerts_delivered_send(struct store *st, const int64_t *ids, size_t n, int64_t below,
                                 st_done_fn fn, void *ctx)
{
	/* a database older than the two-argument form: the ids alone */
	static const char *const tries[] = {
		"SELECT wardesk.alerts_delivered($1::bigint[], $2::bigint)",
		"SELECT wardesk.alerts_delivered($1::bigint[]) WHERE $2::bigint IS NULL OR true", NULL
	};
	struct strbuf arr = { 0 };
	char bbuf[32];
	const char *params[2] = { NULL, below > 0 ? bbuf : NULL };

	if (n == 0 && below <= 0)
		return;
	snprintf(bbuf, sizeof bbuf, "%lld", (long long)below);
	st_bigint_array(&arr, ids, n);
	params[0] = arr.s;
	alerts_send(st, tries, 2, params, delivered_finish, NULL, fn, ctx);
	sb_free(&arr);
}

enum st_status store_ack(struct store *st, const char *ref, int seen, struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, seen > 0 ? int_param(seen, sbuf, sizeof sbuf) : NULL };

	return st_call(st, "SELECT version FROM wardesk.ack($1, $2::int)", 2, params, err);
}

enum st_status store_close_late(struct store *st, const char *ref, int seen, const char *note,
                                const char *reason, const char *duplicate_of,
                                const char *delay_reason, const char *apology,
                                bool apology_from_template, struct st_err *err)
{
	static const char sql[] =
	    "SELECT version FROM wardesk.close($1, $2::int, $3, $4, $5, $6, $7)";
	static const char sql_tpl[] =
	    "SELECT version FROM wardesk.close($1, $2::int, $3, $4, $5, $6,"
	    " wardesk.apology_text($1, $3))";
	char sbuf[16];
	const char *params[] = {
		ref, seen > 0 ? int_param(seen, sbuf, sizeof sbuf) : NULL, note,
		reason ? reason : "done", duplicate_of, delay_reason,
		apology_from_template ? NULL : apology,
	};

	if (apology_from_template)
		return st_call(st, sql_tpl, 6, params, err);
	return st_call(st, sql, 7, params, err);
}

enum st_status store_apology_text(struct store *st, const char *ref, const char *result,
                                  char **out, struct st_err *err)
{
	const char *params[] = { ref, result };
	PGresult *res;

	*out = NULL;
	if (!utf8_all(params, 2, err))
		return err->status;
	if (!(res = st_run(st, "SELECT wardesk.apology_text($1, $2)", 2, params, err)))
		return err->status;
	*out = st_col_str(res, 0, 0);
	if (!*out)
		*out = xstrdup("");
	PQclear(res);
	return ST_OK;
}

enum st_status store_closes_late(struct store *st, const char *ref, bool *late,
                                 struct st_err *err)
{
	const char *params[] = { ref };
	PGresult *res;

	if (!utf8_all(params, 1, err))
		return err->status;
	if (!(res = st_run(st, "SELECT wardesk.closes_late(id, wardesk.action_now())"
	                       " FROM wardesk.case_list WHERE ref = $1", 1, params, err)))
		return err->status;
	if (PQntuples(res) == 1 && !PQgetisnull(res, 0, 0))
		*late = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	return ST_OK;
}

/* ---- categories, delay reasons, settings ----------------------------- */

void wd_category_list_free(struct wd_category_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name_vi);
		free(l->v[i].name_en);
		free(l->v[i].words);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

enum st_status store_categories(struct store *st, struct wd_category_list *out, struct st_err *err)
{
	PGresult *res = st_run(st,
	    "SELECT code, name_vi, name_en, deadline_min, warn_min, escalate_min, active, own, words,"
	    " default_priority, urgent_deadline_min, urgent_warn_min, urgent_escalate_min"
	    " FROM wardesk.category_list ORDER BY sort, code", 0, NULL, err);

	memset(out, 0, sizeof *out);
	if (!res)
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		struct wd_category *k = &out->v[i];
		int r = (int)i;

		k->code = st_col_str(res, r, 0);
		k->name_vi = st_col_str(res, r, 1);
		k->name_en = st_col_str(res, r, 2);
		k->deadline_min = (int)st_col_ll(res, r, 3);
		k->warn_min = (int)st_col_ll(res, r, 4);
		k->escalate_min = (int)st_col_ll(res, r, 5);
		k->active = !strcmp(PQgetvalue(res, r, 6), "t");
		k->own = !strcmp(PQgetvalue(res, r, 7), "t");
		k->words = st_col_str(res, r, 8);
		k->default_urgent = !strcmp(PQgetvalue(res, r, 9), "urgent");
		k->urgent_deadline_min = (int)st_col_ll(res, r, 10);
		k->urgent_warn_min = (int)st_col_ll(res, r, 11);
		k->urgent_escalate_min = (int)st_col_ll(res, r, 12);
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_category_set(struct store *st, const char *code, const struct wd_category_change *ch,
                                  struct st_err *err)
{
	char d[16], w[16], e[16], ud[16], uw[16], ue[16];
	const char *params[] = {
		code, int_param(ch->deadline_min, d, sizeof d), int_param(ch->warn_min, w, sizeof w),
		int_param(ch->escalate_min, e, sizeof e),
		int_param(ch->urgent_deadline_min, ud, sizeof ud), int_param(ch->urgent_warn_min, uw, sizeof uw),
		int_param(ch->urgent_escalate_min, ue, sizeof ue), ch->default_priority,
	};

	return st_call(st, "SELECT wardesk.category_set($1, $2::int, $3::int, $4::int, $5::int, $6::int,"
	               " $7::int, $8)", 8, params, err);
}

enum st_status store_transfer_agency_set(struct store *st, const char *code, const char *agency,
                                         bool city, char **now, struct st_err *err)
{
	const char *params[] = { code, agency, city ? "true" : "false" };
	PGresult *res = st_run(st, "SELECT wardesk.transfer_agency_set($1, $2, $3::boolean)", 3, params, err);

	if (now)
		*now = NULL;
	if (!res)
		return err->status;
	if (now)
		*now = st_col_str(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

void wd_named_list_free(struct wd_named_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name_vi);
		free(l->v[i].name_en);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

static enum st_status named_list(struct store *st, const char *sql, struct wd_named_list *out,
                                 struct st_err *err)
{
	PGresult *res = st_run(st, sql, 0, NULL, err);

	memset(out, 0, sizeof *out);
	if (!res)
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		out->v[i].code = st_col_str(res, (int)i, 0);
		out->v[i].name_vi = st_col_str(res, (int)i, 1);
		out->v[i].name_en = st_col_str(res, (int)i, 2);
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_delay_reasons(struct store *st, struct wd_named_list *out, struct st_err *err)
{
	return named_list(st, "SELECT code, name_vi, name_en FROM wardesk.delay_reasons"
	                      " WHERE active ORDER BY sort, code", out, err);
}

enum st_status store_settings(struct store *st, struct wd_named_list *out, struct st_err *err)
{
	return named_list(st, "SELECT key, value, description FROM wardesk.setting_list ORDER BY key",
	                  out, err);
}

enum st_status store_setting_set(struct store *st, const char *key, const char *value,
                                 struct st_err *err)
{
	const char *params[] = { key, value };

	return st_call(st, "SELECT wardesk.setting_set($1, $2)", 2, params, err);
}
