/* store_notify.c - the queue row of a case notification (store.h, store_impl.h):
 * its decoder (outside input: any login of the ward can NOTIFY) and the
 * batched read by ids that confirms what a payload drew. */
#include "wardesk/wardesk.h"

#include "wardesk/store_impl.h"
#include "wardesk/store_json.h"
#include "wardesk/text.h"

/* The members of the payload's row (store_json.h: no object built). */
struct row {
	struct sj_member m[SJ_MEMBERS];
	size_t n;
};

/* A member of one kind; SJ_NONE when missing, null or of another kind. */
static struct sj member(const struct row *r, const char *key, enum sj_kind k)
{
	struct sj v = sj_get(r->m, r->n, key);

	if (v.kind != k)
		v.kind = SJ_NONE;
	return v;
}

static bool is_null(const struct row *r, const char *key)
{
	return sj_get(r->m, r->n, key).kind == SJ_NULL;
}

static bool is_missing(const struct row *r, const char *key)
{
	return sj_get(r->m, r->n, key).kind == SJ_NONE;
}

/* A string member as a heap copy: valid UTF-8 without NUL; a null (or,
 * when !need, a missing) member is NULL.  false: anything else. */
static bool str_of(const struct row *r, const char *key, bool need, char **out)
{
	struct sj v = member(r, key, SJ_STR);
	size_t n;
	char *s;

	*out = NULL;
	if (v.kind == SJ_NONE)
		return !need && (is_null(r, key) || is_missing(r, key));
	s = sj_strdup(v, &n);
	if (!s || strlen(s) != n || !text_valid_utf8(s, n, NULL)) {
		free(s);
		return false;
	}
	*out = s;
	return true;
}

/* An integer member in [lo, hi]; a null one is 0 when nullable. */
static bool int_of(const struct row *r, const char *key, int64_t lo, int64_t hi, bool nullable,
                   int64_t *out)
{
	struct sj v = member(r, key, SJ_NUM);

	*out = 0;
	if (v.kind == SJ_NONE)
		return nullable && is_null(r, key);
	if (!sj_int(v, out))   /* a fraction or an exponent: no integer */
		return false;
	return *out >= lo && *out <= hi;
}

static bool bool_of(const struct row *r, const char *key, bool *out)
{
	return sj_bool(member(r, key, SJ_BOOL), out);
}

/* One enum member by its SQL name (parse: wd_state_parse ...); a null or
 * missing one is dflt when nullable. */
static bool enum_of(const struct row *r, const char *key, int (*parse)(const char *),
                    bool nullable, int *out)
{
	struct sj v = member(r, key, SJ_STR);
	char *s;

	*out = 0;
	if (v.kind == SJ_NONE)
		return nullable && (is_null(r, key) || is_missing(r, key));
	s = sj_strdup(v, NULL);
	*out = s ? parse(s) : -1;
	free(s);
	return *out >= 0;
}

#define TIME_MAX_S 253402300799LL   /* 9999-12-31: any later is no deadline of ours */

static bool row_numbers(const struct row *r, struct wd_case *c)
{
	int64_t esc, dl, cl, wm;
	int st, ch, ln;
	bool wa, ak;

	if (!enum_of(r, "st", wd_state_parse, false, &st) ||
	    !enum_of(r, "ch", wd_channel_parse, false, &ch) ||
	    !enum_of(r, "ln", wd_line_parse, true, &ln) ||
	    !int_of(r, "esc", 0, 255, false, &esc) ||
	    !int_of(r, "dl", 1, TIME_MAX_S, false, &dl) ||
	    !int_of(r, "cl", 1, TIME_MAX_S, true, &cl) ||
	    !int_of(r, "wm", 0, INT32_MAX, true, &wm) ||
	    !bool_of(r, "wa", &wa) || !bool_of(r, "ak", &ak) || !bool_of(r, "cb", &c->callback) ||
	    !bool_of(r, "dup", &c->likely_dup) || !bool_of(r, "urg", &c->urgent))
		return false;
	c->state = (enum wd_state)st;
	c->channel = (enum wd_channel)ch;
	c->hotline_line = (enum wd_line)ln;
	c->escalation = (int)esc;
	c->deadline_at = (time_t)dl;
	c->closed_at = (time_t)cl;
	c->warn_min = (int)wm;
	c->warned_at = wa ? 1 : 0;
	c->ack_at = ak ? 1 : 0;
	return true;
}

bool st_case_payload(const struct sj_member *top, size_t ntop, struct wd_case *c)
{
	struct row r, t;
	int64_t id, v, ward;

	memset(c, 0, sizeof *c);
	if (ntop > SJ_MEMBERS)
		return false;
	memcpy(t.m, top, ntop * sizeof *top);
	t.n = ntop;
	if (!sj_members(member(&t, "row", SJ_OBJ), r.m, SJ_MEMBERS, &r.n) ||
	    !int_of(&t, "id", 1, INT64_MAX, false, &id) || !int_of(&t, "v", 1, INT32_MAX, false, &v) ||
	    !int_of(&t, "ward", 1, INT32_MAX, false, &ward))
		return false;
	c->id = id;
	c->version = (int32_t)v;
	c->ward_id = (int)ward;
	if (!row_numbers(&r, c) || !str_of(&r, "ref", true, &c->ref) || !c->ref[0] ||
	    !str_of(&r, "cat", true, &c->category) || !str_of(&r, "own", false, &c->owner) ||
	    !str_of(&r, "addr", false, &c->address) || !str_of(&r, "desc", false, &c->description) ||
	    !str_of(&r, "ph", false, &c->reporter_phone) || !str_of(&r, "nm", false, &c->reporter_name)) {
		wd_case_free(c);
		return false;
	}
	return true;
}

/* ---- the confirmation: one query for a batch of ids ---- */

/* A prepared statement, once per connection, over wardesk.case_rows
 * (15_views.sql): a PL/pgSQL function whose query keeps its generic plan
 * (cases_pkey) from the first call on (plan_cache_mode), where a statement
 * prepared over the view itself was planned again for each of its first
 * five executions, 2-5 ms of the backend's CPU each (the nine-way join of
 * case_list with its ward policies) and all of them within the first
 * seconds of live cases: at 200 consoles that was a second of the server's
 * CPU per wave of confirmations (bench/notes/live.md).  A database without
 * the function (not yet upgraded) gets the view, not prepared. */
#define IDS_STMT "wardesk_case_ids"

/* The statements' texts, made once (st_case_columns is not a literal). */
static const char *const *ids_sql(void)
{
	static char *sql[3];

	if (!sql[0]) {
		sql[0] = xasprintf("SELECT %s FROM wardesk.case_rows($1::bigint[])", st_case_columns);
		sql[1] = xasprintf("SELECT %s FROM wardesk.case_list WHERE id = ANY ($1::bigint[])",
		                   st_case_columns);
	}
	return (const char *const *)sql;
}

static bool undefined_function(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	return PQresultStatus(res) == PGRES_FATAL_ERROR && state && !strcmp(state, "42883");
}

static PGresult *exec_ids(struct store *st, const char *param, struct st_err *err)
{
	const char *params[1] = { param };
	PGresult *res;
	struct st_guard g;
	const char *state;

	if (st_ready(st, err) != ST_OK)
		return NULL;
	st_guard_begin(st, &g);
	res = PQexecPrepared(st->conn, IDS_STMT, 1, params, NULL, NULL, 0);
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (PQresultStatus(res) == PGRES_FATAL_ERROR && state && !strcmp(state, "26000")) {
		/* not prepared on this connection yet */
		PQclear(res);
		res = PQprepare(st->conn, IDS_STMT, ids_sql()[0], 1, NULL);
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			PQclear(res);
			res = PQexecPrepared(st->conn, IDS_STMT, 1, params, NULL, NULL, 0);
		}
	}
	if (undefined_function(res)) {   /* (its PREPARE, or since it was prepared) */
		PQclear(res);
		res = PQexecParams(st->conn, ids_sql()[1], 1, NULL, params, NULL, NULL, 0);
	}
	st_guard_end(&g);
	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		return res;
	result_error(st, res, err);
	return NULL;
}

enum st_status store_list_ids(struct store *st, const int64_t *ids, size_t n, st_case_fn fn,
                              void *ctx, struct st_err *err)
{
	struct strbuf sb = { 0 };
	PGresult *res;

	st_bigint_array(&sb, ids, n);
	res = exec_ids(st, sb.s, err);
	sb_free(&sb);
	if (!res)
		return err->status;
	for (int r = 0; r < PQntuples(res); r++) {
		struct wd_case c;

		if (st_case_from_row(res, r, &c))
			fn(ctx, &c);
		wd_case_free(&c);
	}
	PQclear(res);
	return ST_OK;
}

/* ---- the same, sent (store.h: background statements) ---- */

struct ids_send {
	st_case_fn row;
	st_ids_done_fn done;
	void (*free_ctx)(void *ctx);
	void *ctx;
};

static void ids_drop(void *ctx)
{
	struct ids_send *w = ctx;

	if (w->free_ctx)
		w->free_ctx(w->ctx);
	free(w);
}

static void ids_finish(PGresult *res, enum st_status s, const struct st_err *err, void *ctx)
{
	struct ids_send *w = ctx;

	for (int r = 0; res && r < PQntuples(res); r++) {
		struct wd_case c;

		if (st_case_from_row(res, r, &c))
			w->row(w->ctx, &c);
		wd_case_free(&c);
	}
	PQclear(res);
	w->done(w->ctx, s, err);
	ids_drop(w);
}

void store_list_ids_send(struct store *st, const int64_t *ids, size_t n, st_case_fn row,
                         st_ids_done_fn done, void (*free_ctx)(void *ctx), void *ctx)
{
	struct strbuf sb = { 0 };
	const char *params[1];
	struct ids_send *w = xmalloc(sizeof *w);
	struct st_asend a = { .tries = ids_sql(), .prepared = IDS_STMT, .n = 1, .params = params,
	                      .finish = ids_finish, .drop = ids_drop, .ctx = w };

	*w = (struct ids_send){ row, done, free_ctx, ctx };
	st_bigint_array(&sb, ids, n);
	params[0] = sb.s;
	st_async_send(st, &a);
	sb_free(&sb);
}
