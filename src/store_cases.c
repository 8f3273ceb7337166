/* store_cases.c - cases and officers in the store (see store.h): the
 * case row reader, listing (whole or streamed), one case with its history,
 * officers (a report and the state-machine actions: store_case_actions.c). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/refusals.h"
#include "wardesk/store_impl.h"
#include "wardesk/text.h"

static char **split_lines(const char *s)
{
	size_t n = 0, cap = 4;
	char **v = xcalloc(cap, sizeof *v);

	while (s && *s) {
		size_t len = strcspn(s, "\n");

		if (n + 2 > cap)
			v = xreallocarray(v, cap *= 2, sizeof *v);
		v[n++] = xstrndup(s, len);
		s += len + (s[len] == '\n');
	}
	v[n] = NULL;
	return v;
}

#define CASE_COLUMNS \
	"id, ref, version, state, channel, escalation, external_id, category," \
	" category_vi, category_en, deadline_min, warn_min, escalate_min, description," \
	" address, lat, lon, reporter_name, reporter_phone," \
	" array_to_string(media_urls, chr(10)), owner, owner_name, resolution_note," \
	" close_reason, duplicate_of_ref," \
	" extract(epoch FROM received_at), extract(epoch FROM deadline_at)," \
	" extract(epoch FROM updated_at), extract(epoch FROM closed_at)," \
	" ward_id, ward_code," \
	" extract(epoch FROM warned_at), extract(epoch FROM escalated_at)," \
	" extract(epoch FROM overdue_at), extract(epoch FROM ack_at)," \
	" ack_by, delay_reason, apology_note, hotline_line, callback_wanted," \
	" array_to_string(flags, chr(10)) LIKE '%likely_duplicate:%', priority"
const char st_case_columns[] = CASE_COLUMNS;
/* CASE_COLUMNS with only what the console's case model keeps (model_put,
 * live.c): the others NULL, so case_list's joins for them (the duplicate's
 * reference, the owner's name, the category's names) are not made. */
#define QUEUE_COLUMNS \
	"id, ref, version, state, channel, escalation, NULL, category," \
	" NULL, NULL, NULL, warn_min, NULL, description," \
	" address, NULL, NULL, reporter_name, reporter_phone," \
	" NULL, owner, NULL, NULL," \
	" NULL, NULL," \
	" extract(epoch FROM received_at), extract(epoch FROM deadline_at)," \
	" NULL, extract(epoch FROM closed_at)," \
	" NULL, NULL," \
	" extract(epoch FROM warned_at), NULL," \
	" NULL, extract(epoch FROM ack_at)," \
	" NULL, NULL, NULL, hotline_line, callback_wanted," \
	" array_to_string(flags, chr(10)) LIKE '%likely_duplicate:%', priority"

bool st_case_from_row(PGresult *res, int r, struct wd_case *c)
{
	int i = 0, v;
	bool ok = true;

	memset(c, 0, sizeof *c);
	c->id = st_col_ll(res, r, i++);
	c->ref = st_col_str(res, r, i++);
	c->version = (int32_t)st_col_ll(res, r, i++);
	v = wd_state_parse(PQgetvalue(res, r, i++));
	c->state = v < 0 ? WD_NEW : (enum wd_state)v;
	v = wd_channel_parse(PQgetvalue(res, r, i++));
	c->channel = v < 0 ? WD_CH_HOTLINE : (enum wd_channel)v;
	c->escalation = (int)st_col_ll(res, r, i++);
	c->external_id = st_col_str(res, r, i++);
	c->category = st_col_str(res, r, i++);
	c->category_vi = st_col_str(res, r, i++);
	c->category_en = st_col_str(res, r, i++);
	c->deadline_min = (int)st_col_ll(res, r, i++);
	c->warn_min = (int)st_col_ll(res, r, i++);
	c->escalate_min = (int)st_col_ll(res, r, i++);
	c->description = st_col_str(res, r, i++);
	c->address = st_col_str(res, r, i++);
	c->has_coords = !PQgetisnull(res, r, i);
	c->lat = st_col_dbl(res, r, i++);
	c->lon = st_col_dbl(res, r, i++);
	c->reporter_name = st_col_str(res, r, i++);
	c->reporter_phone = st_col_str(res, r, i++);
	c->media = split_lines(PQgetisnull(res, r, i) ? NULL : PQgetvalue(res, r, i));
	i++;
	c->owner = st_col_str(res, r, i++);
	c->owner_name = st_col_str(res, r, i++);
	c->resolution_note = st_col_str(res, r, i++);
	c->close_reason = st_col_str(res, r, i++);
	c->duplicate_of = st_col_str(res, r, i++);
	ok &= st_col_time(res, r, i++, &c->received_at);
	ok &= st_col_time(res, r, i++, &c->deadline_at);
	ok &= st_col_time(res, r, i++, &c->updated_at);
	ok &= st_col_time(res, r, i++, &c->closed_at);
	c->ward_id = (int)st_col_ll(res, r, i++);
	c->ward_code = st_col_str(res, r, i++);
	ok &= st_col_time(res, r, i++, &c->warned_at);
	ok &= st_col_time(res, r, i++, &c->escalated_at);
	ok &= st_col_time(res, r, i++, &c->overdue_at);
	ok &= st_col_time(res, r, i++, &c->ack_at);
	c->ack_by = st_col_str(res, r, i++);
	c->delay_reason = st_col_str(res, r, i++);
	c->apology_note = st_col_str(res, r, i++);
	v = wd_line_parse(PQgetisnull(res, r, i) ? NULL : PQgetvalue(res, r, i));
	c->hotline_line = v < 0 ? WD_LINE_NONE : (enum wd_line)v;
	i++;
	c->callback = !PQgetisnull(res, r, i) && PQgetvalue(res, r, i)[0] == 't';
	i++;
	c->likely_dup = !PQgetisnull(res, r, i) && PQgetvalue(res, r, i)[0] == 't';
	i++;
	c->urgent = !PQgetisnull(res, r, i) && !strcmp(PQgetvalue(res, r, i), "urgent");
	i++;
	return ok;
}

void wd_case_free(struct wd_case *c)
{
	if (!c)
		return;
	free(c->ref);
	free(c->external_id);
	free(c->category);
	free(c->category_vi);
	free(c->category_en);
	free(c->description);
	free(c->address);
	free(c->reporter_name);
	free(c->reporter_phone);
	for (char **m = c->media; m && *m; m++)
		free(*m);
	free(c->media);
	free(c->owner);
	free(c->owner_name);
	free(c->resolution_note);
	free(c->close_reason);
	free(c->duplicate_of);
	free(c->ward_code);
	free(c->ack_by);
	free(c->delay_reason);
	free(c->apology_note);
	memset(c, 0, sizeof *c);
}

void wd_case_list_free(struct wd_case_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		wd_case_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

void wd_event_list_free(struct wd_event_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct wd_event *e = &l->v[i];

		free(e->actor);
		free(e->action);
		free(e->old_json);
		free(e->new_json);
		free(e->note);
		free(e->run_by);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void wd_officer_free(struct wd_officer *o)
{
	if (!o)
		return;
	free(o->login);
	free(o->full_name);
	free(o->ward_code);
	free(o->ward_name);
	memset(o, 0, sizeof *o);
}

void wd_officer_list_free(struct wd_officer_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		wd_officer_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- queries --------------------------------------------------------- */

/* The filter of a list, on the columns of wardesk.cases (so it can be
 * used on the table and on the view alike). */
#define LIST_FILTER \
    " ($1::text[] IS NULL OR state = ANY ($1::text[])" \
    "  OR ($2::bigint IS NOT NULL AND closed_at >= to_timestamp($2::bigint)))" \
    " AND ($3::text IS NULL OR owner = $3)" \
    " AND ($4::bigint IS NULL OR id = $4)" \
    " AND ($6::int IS NULL OR ward_id = $6)"
#define LIST_ORDER " ORDER BY priority = 'urgent' DESC, deadline_at, id"   /* urgent first (sql/014) */

static const char list_sql[] =
    "SELECT " CASE_COLUMNS " FROM wardesk.case_list WHERE" LIST_FILTER LIST_ORDER " LIMIT $5";

/* list_sql's rows with QUEUE_COLUMNS, in no order (the model sorts), from
 * wardesk.case_queue (case_list without the joins these columns do not
 * need: 15_views.sql). */
static const char queue_sql[] =
    "SELECT " QUEUE_COLUMNS " FROM wardesk.case_queue WHERE" LIST_FILTER " LIMIT $5";

/* The same rows as list_sql for one ward and a limit, by index: the most
 * urgent open cases of each priority (cases_open_priority: ward, priority,
 * deadline, id; the priorities are urgent and normal, cases_priority_check)
 * and the first resolved ones, at most $5 of each, then the page of the
 * view by id.  list_sql sorts every case of the ward with all the view's
 * columns for a page (about 300 ms for 100,000 cases; this: a few ms). */
#define PAGE_SQL(COLUMNS, VIEW) \
    "WITH k AS (" \
    " (SELECT id FROM wardesk.cases WHERE ward_id = $6 AND priority = 'urgent'" \
    "   AND state <> 'resolved' AND" LIST_FILTER " ORDER BY deadline_at, id LIMIT $5)" \
    " UNION ALL" \
    " (SELECT id FROM wardesk.cases WHERE ward_id = $6 AND priority = 'normal'" \
    "   AND state <> 'resolved' AND" LIST_FILTER " ORDER BY deadline_at, id LIMIT $5)" \
    " UNION ALL" \
    " (SELECT id FROM wardesk.cases WHERE ward_id = $6 AND state = 'resolved'" \
    "   AND" LIST_FILTER LIST_ORDER " LIMIT $5))" \
    "SELECT " COLUMNS " FROM " VIEW \
    " WHERE id = ANY (ARRAY(SELECT id FROM k)) AND" LIST_FILTER LIST_ORDER " LIMIT $5"
static const char page_sql[] = PAGE_SQL(CASE_COLUMNS, "wardesk.case_list");
/* page_sql with QUEUE_COLUMNS from wardesk.case_queue: the console's first
 * screen (live.c), planned and run by a new backend in about half the time
 * (no category, ward, holder or duplicate joins). */
static const char page_queue_sql[] = PAGE_SQL(QUEUE_COLUMNS, "wardesk.case_queue");
/* A page by index of at most this many rows (of each kind) runs under the
 * ordinary statement timeout, not the long one (stream_send). */
#define PAGE_SHORT_MAX 1000

/* The six parameters of list_sql and page_sql, as text, from a query. */
struct list_params {
	char states[128], since[32], id[32], limit[32], ward[16];
	const char *v[6];
	const char *sql;             /* list_sql, queue_sql, page_sql or page_queue_sql */
};

static void list_params(const struct st_query *q, struct list_params *p)
{
	memset(p, 0, sizeof *p);
	p->v[2] = q->owner;
	if (q->states) {
		size_t len = 0;

		p->states[len++] = '{';
		for (int s = 0; s < WD_STATE_COUNT; s++)
			if (q->states & (1u << s))
				len += (size_t)snprintf(p->states + len, sizeof p->states - len, "%s%s",
				                        len > 1 ? "," : "", wd_state_name((enum wd_state)s));
		snprintf(p->states + len, sizeof p->states - len, "}");
		p->v[0] = p->states;
	}
	if (q->closed_since) {
		snprintf(p->since, sizeof p->since, "%lld", (long long)q->closed_since);
		p->v[1] = p->since;
	}
	if (q->id) {
		snprintf(p->id, sizeof p->id, "%lld", (long long)q->id);
		p->v[3] = p->id;
	}
	if (q->limit > 0) {
		snprintf(p->limit, sizeof p->limit, "%d", q->limit);
		p->v[4] = p->limit;
	}
	if (q->ward_id > 0) {
		snprintf(p->ward, sizeof p->ward, "%d", q->ward_id);
		p->v[5] = p->ward;
	}
	if (q->limit > 0 && q->ward_id > 0)
		p->sql = q->queue_only ? page_queue_sql : page_sql;
	else
		p->sql = q->queue_only ? queue_sql : list_sql;
}

size_t store_skipped(struct store *st, const char **first_ref)
{
	if (first_ref)
		*first_ref = st ? st->skipped_ref : "";
	return st ? st->skipped : 0;
}

void st_case_skipped(struct store *st, const struct wd_case *c, struct st_err *err)
{
	if (!st->skipped++)
		snprintf(st->skipped_ref, sizeof st->skipped_ref, "%s", c->ref ? c->ref : "");
	if (err)
		snprintf(err->msg, sizeof err->msg,
		         ngettext("skipped %zu case that cannot be read (first: %s)",
		                  "skipped %zu cases that cannot be read (first: %s)", st->skipped),
		         st->skipped, st->skipped_ref[0] ? st->skipped_ref : "?");
}

/* Tell the one-shot CLI's user on stderr what a list skipped. */
static void report_skipped(struct store *st, const struct st_err *err)
{
	if (st && st->skipped && err && st_guard_wanted()) {
		char *safe = text_sanitize(err->msg, false);

		fprintf(stderr, "wardesk: %s\n", safe);
		free(safe);
	}
}

enum st_status store_list(struct store *st, const struct st_query *q, struct wd_case_list *out,
                          struct st_err *err)
{
	struct list_params p;
	PGresult *res;
	int n;

	memset(out, 0, sizeof *out);
	list_params(q, &p);
	if (st)
		st->skipped = 0;
	res = q->id ? st_run(st, p.sql, 6, p.v, err) : st_run_long(st, p.sql, 6, p.v, err);
	if (!res)
		return err->status;
	n = PQntuples(res);
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	out->cap = (size_t)n + 1;
	for (int r = 0; r < n; r++) {
		if (st_case_from_row(res, r, &out->v[out->n])) {
			out->n++;
		} else {
			st_case_skipped(st, &out->v[out->n], err);
			wd_case_free(&out->v[out->n]);
		}
	}
	PQclear(res);
	report_skipped(st, err);
	return ST_OK;
}

/* Single-row mode: one small PGresult at a time, so a 100,000-case
 * snapshot never sits in memory twice (PGresult + converted rows). */
struct st_stream {
	st_case_fn fn;
	void *ctx;
	bool done, is_long;
	enum st_status rc;
	struct st_err err;
};

/* Send the list query for stream s (rows to fn), in single-row mode. */
static enum st_status stream_send(struct store *st, const struct st_query *q, struct st_stream *s,
                                  struct st_err *err)
{
	struct list_params p;
	enum st_status rc;

	if ((rc = st_ready(st, err)) != ST_OK)
		return rc;
	st_stream_finish(st);   /* store_list_begin's, if one is under way */
	list_params(q, &p);
	st->skipped = 0;
	/* a long read (store_guard.c), but for one case, or a page by index
	 * (page_sql: at most three times the limit of rows by index; the
	 * console's first screen, without two round trips around it) */
	s->is_long = !q->id && !(q->ward_id > 0 && q->limit > 0 && q->limit <= PAGE_SHORT_MAX);
	if (s->is_long && (rc = st_long_begin(st, err)) != ST_OK)
		return rc;
	if (!PQsendQueryParams(st->conn, p.sql, 6, NULL, p.v, NULL, NULL, 0)) {
		rc = result_error(st, NULL, err);
		if (s->is_long)
			st_long_end(st);
		s->is_long = false;
		return rc;
	}
	PQsetSingleRowMode(st->conn);
	return ST_OK;
}

static void stream_end(struct store *st, struct st_stream *s)
{
	s->done = true;
	if (s->is_long)
		st_long_end(st);
	if (s->rc == ST_OK)
		report_skipped(st, &s->err);
}

/* Pass on at most max rows (0: all); without block, only those that have
 * arrived. */
static void stream_rows(struct store *st, struct st_stream *s, size_t max, bool block)
{
	size_t n = 0;
	PGresult *res;

	while (!s->done && (!max || n < max)) {
		ExecStatusType rs;

		if (!block && PQisBusy(st->conn))
			break;
		if (!(res = PQgetResult(st->conn))) {
			stream_end(st, s);
			break;
		}
		rs = PQresultStatus(res);
		if (rs == PGRES_SINGLE_TUPLE && s->rc == ST_OK) {
			struct wd_case c;

			if (st_case_from_row(res, 0, &c))
				s->fn(s->ctx, &c);
			else
				st_case_skipped(st, &c, &s->err);
			wd_case_free(&c);
			PQclear(res);
			n++;
		} else if (rs == PGRES_TUPLES_OK || rs == PGRES_SINGLE_TUPLE) {
			PQclear(res);
		} else if (s->rc == ST_OK) {
			s->rc = result_error(st, res, &s->err);   /* clears res; keep draining */
		} else {
			PQclear(res);
		}
	}
}

void st_stream_finish(struct store *st)
{
	if (st && st->stream && !st->stream->done)
		stream_rows(st, st->stream, 0, true);
}

enum st_status store_list_begin(struct store *st, const struct st_query *q, st_case_fn fn,
                                void *ctx, struct st_err *err)
{
	struct st_stream s = { .fn = fn, .ctx = ctx };
	enum st_status rc = stream_send(st, q, &s, err);

	if (rc != ST_OK)
		return rc;
	free(st->stream);   /* one nobody collected (the console collects its own) */
	st->stream = xmalloc(sizeof *st->stream);
	*st->stream = s;
	return ST_OK;
}

enum st_status store_list_step(struct store *st, size_t max_rows, bool *done, struct st_err *err)
{
	struct st_stream *s = st ? st->stream : NULL;
	enum st_status rc;

	*done = true;
	if (!s)
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	/* a broken connection: PQgetResult says so at once, without waiting */
	if (!s->done)
		stream_rows(st, s, max_rows, max_rows == 0 || !PQconsumeInput(st->conn));
	if (!(*done = s->done))
		return ST_OK;
	rc = s->rc;
	if (err)
		*err = s->err;
	FREE(&st->stream);
	return rc;
}

bool store_list_ready(struct store *st)
{
	return st && st->stream && (st->stream->done || !PQisBusy(st->conn));
}

enum st_status store_list_each(struct store *st, const struct st_query *q, st_case_fn fn,
                               void *ctx, struct st_err *err)
{
	struct st_stream s = { .fn = fn, .ctx = ctx };
	struct st_guard g;
	enum st_status rc = stream_send(st, q, &s, err);

	if (rc != ST_OK)
		return rc;
	st_guard_begin(st, &g);
	stream_rows(st, &s, 0, true);
	st_guard_end(&g);
	if (err)
		*err = s.err;
	return s.rc;
}

enum st_status store_get(struct store *st, const char *ref, int64_t id, struct wd_case *out,
                         struct wd_event_list *events, struct st_err *err)
{
	static const char sql[] =
	    "SELECT " CASE_COLUMNS " FROM wardesk.case_list"
	    " WHERE ($1::text IS NOT NULL AND upper(ref) = upper($1))"
	    "    OR ($1::text IS NULL AND id = $2::bigint)";
	/* run_by (015) through to_jsonb: a database not yet upgraded has no such column */
	static const char esql[] =
	    "SELECT id, extract(epoch FROM at)::bigint, actor, action, old::text, new::text, note,"
	    " to_jsonb(e) ->> 'run_by', wardesk.is_feed(e.actor)"
	    " FROM wardesk.case_events e WHERE case_id = $1 ORDER BY at, id";
	char idbuf[32];
	const char *params[2] = { ref, idbuf };
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (events)
		memset(events, 0, sizeof *events);
	if (!st_check_utf8(_("the reference"), ref, err))
		return err->status;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
	if (!(res = st_run(st, sql, 2, params, err)))
		return err->status;
	if (PQntuples(res) != 1) {
		PQclear(res);
		if (ref)
			return st_seterr(err, ST_REFUSED, "WD004", _("no case %s"), ref);
		return st_seterr(err, ST_REFUSED, "WD004", _("no case with id %lld"), (long long)id);
	}
	if (!st_case_from_row(res, 0, out)) {
		PQclear(res);
		st_seterr(err, ST_REFUSED, "22008", _("case %s has a time that is not a date;"
		          " it cannot be shown (ask the administrator to correct it)"),
		          out->ref ? out->ref : "?");
		wd_case_free(out);
		return err ? err->status : ST_REFUSED;
	}
	PQclear(res);
	if (!events)
		return ST_OK;
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)out->id);
	params[0] = idbuf;
	if (!(res = st_run(st, esql, 1, params, err))) {
		wd_case_free(out);
		return err->status;
	}
	events->n = events->cap = (size_t)PQntuples(res);
	events->v = xcalloc(events->n + 1, sizeof *events->v);
	for (size_t r = 0; r < events->n; r++) {
		struct wd_event *e = &events->v[r];
		int row = (int)r;

		e->id = st_col_ll(res, row, 0);
		e->at = (time_t)st_col_ll(res, row, 1);
		e->actor = st_col_str(res, row, 2);
		e->action = st_col_str(res, row, 3);
		e->old_json = st_col_str(res, row, 4);
		e->new_json = st_col_str(res, row, 5);
		e->note = st_col_str(res, row, 6);
		e->run_by = st_col_str(res, row, 7);
		e->feed = !strcmp(PQgetvalue(res, row, 8), "t");
	}
	PQclear(res);
	return ST_OK;
}

/* An officer's row; load: the open_cases column. */
#define OFFICER_SQL_LOAD(load) \
	"SELECT o.login, o.full_name, o.role, w.code, w.name, o.active," \
	" o.ward_id, " load \
	" FROM wardesk.officers o LEFT JOIN wardesk.wards w ON w.id = o.ward_id"
#define OFFICER_SQL OFFICER_SQL_LOAD("(SELECT count(*) FROM wardesk.cases c" \
	"   WHERE c.owner = o.login AND c.state = 'in_progress')")

static void officer_from_row(PGresult *res, int r, struct wd_officer *o)
{
	int role = wd_role_parse(PQgetvalue(res, r, 2));

	o->login = st_col_str(res, r, 0);
	o->full_name = st_col_str(res, r, 1);
	o->role = role < 0 ? WD_ROLE_NONE : (enum wd_role)role;
	o->ward_code = st_col_str(res, r, 3);
	o->ward_name = st_col_str(res, r, 4);
	o->active = !strcmp(PQgetvalue(res, r, 5), "t");
	o->ward_id = (int)st_col_ll(res, r, 6);
	o->open_cases = (int)st_col_ll(res, r, 7);
}

enum st_status store_desk_now(struct store *st, time_t *now, struct st_err *err)
{
	PGresult *res = st_run(st, "SELECT extract(epoch FROM wardesk.now())::bigint", 0, NULL, err);

	if (!res)
		return err->status;
	*now = (time_t)st_col_ll(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

enum st_status store_whoami(struct store *st, struct wd_officer *me, struct st_err *err)
{
	PGresult *res;

	memset(me, 0, sizeof *me);
	if (!(res = st_run(st, OFFICER_SQL_LOAD("-1") " WHERE o.login = session_user", 0, NULL, err)))
		return err->status;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return st_seterr(err, ST_REFUSED, "WD006",
		              _("login %s is not a wardesk officer (ask the ward chair to add it)"),
		              store_login(st));
	}
	officer_from_row(res, 0, me);
	PQclear(res);
	return ST_OK;
}

enum st_status store_desk_identity(struct store *st, char *buf, size_t n, struct st_err *err)
{
	PGresult *res = st_run(st, "SELECT wardesk.desk_identity()", 0, NULL, err);
	bool none;

	if (!res)
		return err->status;
	none = PQntuples(res) != 1 || PQgetisnull(res, 0, 0);
	snprintf(buf, n, "%s", none ? "" : PQgetvalue(res, 0, 0));
	PQclear(res);
	if (none)
		return st_seterr(err, ST_REFUSED, "WD006",
		                 _("login %s is not a wardesk officer (ask the ward chair to add it)"),
		                 store_login(st));
	return ST_OK;
}

enum st_status store_officers(struct store *st, struct wd_officer_list *out, struct st_err *err)
{
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, OFFICER_SQL " ORDER BY w.code, o.role, o.login", 0, NULL, err)))
		return err->status;
	out->n = out->cap = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t r = 0; r < out->n; r++)
		officer_from_row(res, (int)r, &out->v[r]);
	PQclear(res);
	return ST_OK;
}

/* Run a statement that changes something and returns nothing we need. */
enum st_status store_ward_add(struct store *st, const char *code, const char *name,
                              struct st_err *err)
{
	const char *params[] = { code, name };

	return st_call(st, "SELECT wardesk.ward_add($1, $2)", 2, params, err);
}

enum st_status store_officer_add(struct store *st, const char *login, const char *full_name,
                                 enum wd_role role, const char *ward_code, const char *mobile,
                                 struct st_err *err)
{
	const char *params[] = { login, full_name, wd_role_name(role), ward_code, mobile };

	return st_call(st, "SELECT wardesk.officer_add($1, $2, $3, $4, $5)", 5, params, err);
}

char *st_bytea_hex(const void *bytes, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = bytes;
	char *x = xmalloc(len * 2 + 3);

	x[0] = '\\';
	x[1] = 'x';
	for (size_t i = 0; i < len; i++) {
		x[2 + 2 * i] = hex[p[i] >> 4];
		x[3 + 2 * i] = hex[p[i] & 15];
	}
	x[2 + 2 * len] = '\0';
	return x;
}
