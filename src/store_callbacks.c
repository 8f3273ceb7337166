/* store_callbacks.c - call-backs in the store (see store_callbacks.h). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/store_callbacks.h"
#include "wardesk/store_impl.h"

static const char *const outcome_names[] = {
	[WD_CALL_REACHED] = "reached", [WD_CALL_NO_ANSWER] = "no_answer",
	[WD_CALL_WRONG_NUMBER] = "wrong_number",
};

const char *wd_call_outcome_name(enum wd_call_outcome o)
{
	return (size_t)o < ARRAY_SIZE(outcome_names) ? outcome_names[o] : "?";
}

void wd_callback_list_free(struct wd_callback_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct wd_callback *c = &l->v[i];

		free(c->ref);
		free(c->reporter);
		free(c->name);
		free(c->phone);
		free(c->channel);
		free(c->note);
	}
	FREE(&l->v);
	l->n = 0;
}

enum st_status store_callbacks(struct store *st, struct wd_callback_list *out, struct st_err *err)
{
	static const char sql[] =
		"SELECT ref, version, reporter, reporter_name, phone, channel,"
		" extract(epoch FROM resolved_at)::bigint, resolution_note, attempts,"
		" extract(epoch FROM last_at)::bigint, extract(epoch FROM next_try)::bigint, due, case_id"
		" FROM wardesk.callback_list()";
	PGresult *res;
	int n;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, sql, 0, NULL, err)))
		return err->status;
	n = PQntuples(res);
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	for (int r = 0; r < n; r++) {
		struct wd_callback *c = &out->v[out->n++];

		c->ref = st_col_str(res, r, 0);
		c->version = (int)st_col_ll(res, r, 1);
		c->reporter = st_col_str(res, r, 2);
		c->name = st_col_str(res, r, 3);
		c->phone = st_col_str(res, r, 4);
		c->channel = st_col_str(res, r, 5);
		c->resolved_at = (time_t)st_col_ll(res, r, 6);
		c->note = st_col_str(res, r, 7);
		c->attempts = (int)st_col_ll(res, r, 8);
		c->last_at = PQgetisnull(res, r, 9) ? 0 : (time_t)st_col_ll(res, r, 9);
		c->next_try = (time_t)st_col_ll(res, r, 10);
		c->due = !strcmp(PQgetvalue(res, r, 11), "t");
		c->id = st_col_ll(res, r, 12);
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_callback_record(struct store *st, const struct st_callback_call *q, int *attempt,
                                     time_t *next_at, struct st_err *err)
{
	static const char sql[] =
		"SELECT attempt, extract(epoch FROM next_at)::bigint"
		" FROM wardesk.callback_record($1, $2, $3::int, $4, $5, $6::int)";
	char rating[16], seen[16];
	const char *params[6] = {
		q->ref, wd_call_outcome_name(q->outcome), q->rating > 0 ? rating : NULL, q->comment,
		q->reporter, q->seen > 0 ? seen : NULL,
	};
	PGresult *res;

	snprintf(rating, sizeof rating, "%d", q->rating);
	snprintf(seen, sizeof seen, "%d", q->seen);
	if (!st_check_utf8(_("the reference"), q->ref, err) || !st_check_utf8(_("the reporter"), q->reporter, err) ||
	    !st_check_utf8(_("the comment"), q->comment, err))
		return err->status;
	if (!(res = st_write(st, sql, 6, params, err)))
		return err->status;
	*attempt = (int)st_col_ll(res, 0, 0);
	*next_at = PQgetisnull(res, 0, 1) ? 0 : (time_t)st_col_ll(res, 0, 1);
	PQclear(res);
	return ST_OK;
}

void wd_callback_stats_free(struct wd_callback_stats *s)
{
	FREE(&s->json);
}

/* A number, or -1 when missing or null. */
static double num(struct json_object *o, const char *key)
{
	struct json_object *v = st_jget(o, key);

	return v && !json_object_is_type(v, json_type_null) ? json_object_get_double(v) : -1;
}

enum st_status store_callback_stats(struct store *st, time_t from, time_t to, struct wd_callback_stats *out,
                                    struct st_err *err)
{
	static const char sql[] =
		"SELECT wardesk.callback_stats(to_timestamp($1::bigint), to_timestamp($2::bigint))";
	char f[32], t[32];
	const char *params[] = { f, t };
	struct json_object *doc;
	PGresult *res;

	memset(out, 0, sizeof *out);
	snprintf(f, sizeof f, "%lld", (long long)from);
	snprintf(t, sizeof t, "%lld", (long long)to);
	if (!(res = st_run_long(st, sql, 2, params, err)))
		return err->status;
	out->json = st_col_str(res, 0, 0);
	PQclear(res);
	if (!out->json || !(doc = json_tokener_parse(out->json))) {
		wd_callback_stats_free(out);
		return st_seterr(err, ST_REFUSED, NULL, _("the statistics could not be read"));
	}
	out->reporters = st_jlong(doc, "reporters");
	out->informed = st_jlong(doc, "informed_24h");
	out->rate = num(doc, "feedback_rate");
	out->phone_avg = num(st_jget(doc, "rating_phone"), "avg");
	out->phone_n = st_jlong(st_jget(doc, "rating_phone"), "count");
	out->app_avg = num(st_jget(doc, "rating_app"), "avg");
	out->app_n = st_jlong(st_jget(doc, "rating_app"), "count");
	out->list_n = st_jlong(st_jget(doc, "list"), "count");
	out->list_due = st_jlong(st_jget(doc, "list"), "due");
	out->oldest_secs = (long)num(st_jget(doc, "list"), "oldest_secs");
	json_object_put(doc);
	return ST_OK;
}
