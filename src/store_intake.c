/* store_intake.c - intake in the case store (see store_intake.h).
 *
 * Calls the SQL functions of sql/002_intake.sql with $n parameters; the rules
 * (idempotence by external id, category mapping, flags, merge through the
 * state machine, audit) live there. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/refusals.h"
#include "wardesk/store_impl.h"
#include "wardesk/store_intake.h"
#include "wardesk/text.h"

/* Lines of a newline-joined text array, as a NULL-terminated vector. */
static char **lines_of(PGresult *res, int row, int col)
{
	const char *s = PQgetisnull(res, row, col) ? "" : PQgetvalue(res, row, col);
	size_t n = 0, cap = 4;
	char **v = xcalloc(cap, sizeof *v);

	while (*s) {
		size_t len = strcspn(s, "\n");

		if (n + 2 > cap)
			v = xreallocarray(v, cap *= 2, sizeof *v);
		v[n++] = xstrndup(s, len);
		s += len + (s[len] == '\n');
	}
	v[n] = NULL;
	return v;
}

static void strv_free(char **v)
{
	for (char **p = v; p && *p; p++)
		free(*p);
	free(v);
}

static const char *epoch_param(time_t t, char *buf, size_t sz)
{
	if (!t)
		return NULL;
	snprintf(buf, sz, "%lld", (long long)t);
	return buf;
}

/* ---- import ---------------------------------------------------------- */

static void rollback(struct store *st)
{
	if (store_ok(st))
		PQclear(PQexec(st->conn, "ROLLBACK"));
}

/* Requests per call of wardesk.import_requests: big enough that a call's
 * fixed costs (a round trip, the statement triggers) are small beside its
 * rows, small enough that progress moves a few times a second. */
#define IMPORT_BATCH 500

/* t as "2026-12-01T10:00:00Z" in buf (at least 32 bytes). */
static const char *utc_iso(time_t t, char buf[32])
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(buf, 32, "%s", "infinity");   /* out of range: the database refuses it */
	return buf;
}

static void jadd_str(struct json_object *o, const char *key, const char *s)
{
	if (s)
		json_object_object_add(o, key, json_object_new_string(s));
}

/* The JSON object of request r for import_requests; item: its 1-based
 * number in the whole import (the database names a refused item by it). */
static struct json_object *import_json(const struct wd_import_request *r, size_t item)
{
	struct json_object *o = json_object_new_object();
	char t[32];

	json_object_object_add(o, "item", json_object_new_int64((int64_t)item));
	jadd_str(o, "external_id", r->external_id);
	jadd_str(o, "service_code", r->service_code);
	jadd_str(o, "description", r->description);
	if (r->requested_at)
		json_object_object_add(o, "requested_at", json_object_new_string(utc_iso(r->requested_at, t)));
	jadd_str(o, "address", r->address);
	jadd_str(o, "service_name", r->service_name);
	jadd_str(o, "address_id", r->address_id);
	jadd_str(o, "zipcode", r->zipcode);
	if (r->has_coords) {
		json_object_object_add(o, "lat", json_object_new_double(r->lat));
		json_object_object_add(o, "lon", json_object_new_double(r->lon));
	}
	jadd_str(o, "media_url", r->media_url);
	jadd_str(o, "status", r->status);
	jadd_str(o, "status_notes", r->status_notes);
	if (r->updated_at)
		json_object_object_add(o, "updated_at", json_object_new_string(utc_iso(r->updated_at, t)));
	if (r->rating)
		json_object_object_add(o, "rating", json_object_new_int(r->rating));
	jadd_str(o, "rating_comment", r->rating_comment);
	return o;
}

/* The JSON array of v[from..to) for import_requests and import_problems
 * (caller json_object_put()s); NULL with err filled on text that is not
 * UTF-8. */
static struct json_object *batch_json(const struct wd_import_request *v, size_t from, size_t to,
                                      struct st_err *err)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = from; i < to; i++) {
		const char *t[] = { v[i].external_id, v[i].service_code, v[i].description, v[i].address,
		                    v[i].media_url, v[i].status, v[i].status_notes, v[i].rating_comment };

		for (size_t k = 0; k < ARRAY_SIZE(t); k++)
			if (!st_check_utf8(_("the text"), t[k], err)) {
				char msg[sizeof err->msg];

				snprintf(msg, sizeof msg, "%s", err->msg);
				snprintf(err->msg, sizeof err->msg, _("item %zu (%s): %s"), i + 1,
				         v[i].external_id ? v[i].external_id : "?", msg);
				json_object_put(arr);
				return NULL;
			}
		json_object_array_add(arr, import_json(&v[i], i + 1));
	}
	return arr;
}

/* Import v[from..to) in one call; fills out[from..to). */
static enum st_status import_batch(struct store *st, const struct wd_import_request *v,
                                   size_t from, size_t to, struct wd_import_item *out,
                                   struct st_err *err)
{
	static const char sql[] =
	    "SELECT item, ref, created, array_to_string(flags, chr(10)), closed"
	    " FROM wardesk.import_requests($1::jsonb)";
	struct json_object *arr = batch_json(v, from, to, err);
	const char *params[1];
	PGresult *res;

	if (!arr)
		return err->status;
	params[0] = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN);
	res = st_run_long(st, sql, 1, params, err);
	json_object_put(arr);
	if (!res)
		return err->status;
	for (int r = 0; r < PQntuples(res); r++) {
		long item = atol(PQgetvalue(res, r, 0));
		struct wd_import_item *it;

		if (item < (long)from + 1 || item > (long)to)
			continue;
		it = &out[item - 1];
		snprintf(it->ref, sizeof it->ref, "%s", PQgetvalue(res, r, 1));
		it->created = !strcmp(PQgetvalue(res, r, 2), "t");
		it->flags = lines_of(res, r, 3);
		it->closed = !strcmp(PQgetvalue(res, r, 4), "t");
	}
	PQclear(res);
	return ST_OK;
}

/* A refused feed: every refused item of v[from..to) (wardesk.import_problems,
 * the rules import_requests applies) into out[].problem, translated as any
 * refusal; false when they cannot be read (the first refusal stands). */
static bool batch_problems(struct store *st, const struct wd_import_request *v, size_t from,
                           size_t to, struct wd_import_item *out)
{
	static const char sql[] =
	    "SELECT item, code, msg, detail FROM wardesk.import_problems($1::jsonb)";
	struct st_err err = { 0 };
	struct json_object *arr = batch_json(v, from, to, &err);
	const char *params[1];
	char text[sizeof err.msg];
	PGresult *res;

	if (!arr)
		return false;
	params[0] = json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN);
	res = st_run_long(st, sql, 1, params, &err);
	json_object_put(arr);
	if (!res)
		return false;
	for (int r = 0; r < PQntuples(res); r++) {
		long item = atol(PQgetvalue(res, r, 0));

		if (item < (long)from + 1 || item > (long)to)
			continue;
		if (!refusal_text(PQgetvalue(res, r, 1), PQgetisnull(res, r, 3) ? NULL : PQgetvalue(res, r, 3), text, sizeof text)) {
			char *safe = text_sanitize(PQgetvalue(res, r, 2), false);

			snprintf(text, sizeof text, "%s", safe ? safe : "?");
			free(safe);
		}
		free(out[item - 1].problem);
		out[item - 1].problem = xstrdup(text);
	}
	PQclear(res);
	return true;
}

/* After a refusal of a rule (a WD SQLSTATE), every refused item of the
 * whole feed, each batch checked on its own. */
static void list_problems(struct store *st, const struct wd_import_request *v, size_t n,
                          struct wd_import_item *out, const struct st_err *err)
{
	if (strncmp(err->sqlstate, "WD", 2) || err->status == ST_OFFLINE)
		return;
	for (size_t i = 0; i < n; i += IMPORT_BATCH)
		if (!batch_problems(st, v, i, i + IMPORT_BATCH < n ? i + IMPORT_BATCH : n, out))
			return;
}

/* The item a refusal names ("item N (ID): ...", in the user's language by
 * refusals.c, or the server's English words), 0-based; n when none. */
static size_t refused_item(const char *msg, size_t n)
{
	const char *forms[] = { _("item {item} ({label}): "), "item {item} ({label}): " };

	for (size_t f = 0; f < ARRAY_SIZE(forms); f++) {
		const char *at = strstr(forms[f], "{item}");
		size_t pre = at ? (size_t)(at - forms[f]) : 0;
		unsigned long long k;
		char *end;

		if (!at || strncmp(msg, forms[f], pre) || msg[pre] < '0' || msg[pre] > '9')
			continue;
		k = strtoull(msg + pre, &end, 10);
		if (k >= 1 && k <= n)
			return (size_t)k - 1;
	}
	return n;
}

enum st_status store_import_requests(struct store *st, const struct wd_import_request *v,
                                     size_t n, struct wd_import_item *out, size_t *bad_item,
                                     st_progress_fn progress, void *pctx, struct st_err *err)
{
	char msg[sizeof err->msg];
	size_t i;

	*bad_item = n;
	memset(out, 0, n * sizeof *out);
	/* every batch and the COMMIT (the deferred chain heads) get the long
	 * statement timeout, set before BEGIN: st_run_long leaves a session
	 * inside a transaction alone, so the batches ran under the 10 s one and
	 * a loaded server refused a big import as busy */
	if (st_long_begin(st, err) != ST_OK)
		return err->status;
	if (run_simple(st, "BEGIN", err) != ST_OK) {
		st_long_end(st);
		return err->status;
	}
	for (i = 0; i < n; i += IMPORT_BATCH) {
		if (import_batch(st, v, i, i + IMPORT_BATCH < n ? i + IMPORT_BATCH : n, out, err) != ST_OK)
			goto fail;
		if (progress)
			progress(pctx, i + IMPORT_BATCH < n ? i + IMPORT_BATCH : n, n);
	}
	if (run_simple(st, "COMMIT", err) != ST_OK)
		goto fail;
	st_long_end(st);
	return ST_OK;
fail:
	rollback(st);
	st_long_end(st);
	wd_import_items_free(out, n);
	list_problems(st, v, n, out, err);
	*bad_item = refused_item(err->msg, n);
	snprintf(msg, sizeof msg, "%s", err->msg);
	snprintf(err->msg, sizeof err->msg, _("%s; nothing was imported"), msg);
	return err->status;
}

void wd_import_items_free(struct wd_import_item *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		strv_free(v[i].flags);
		v[i].flags = NULL;
		FREE(&v[i].problem);
	}
}

const char *wd_flag_text(const char *flag, char *buf, size_t bufsz)
{
	static const struct { const char *key, *text; } names[] = {
		{ "unknown_service_code:", N_("unknown service code %s") },
		{ "likely_duplicate:", N_("likely duplicate of %s") },
	};

	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		size_t k = strlen(names[i].key);

		if (!strncmp(flag, names[i].key, k)) {
			snprintf(buf, bufsz, _(names[i].text), flag + k);
			return buf;
		}
	}
	snprintf(buf, bufsz, "%s", flag);
	return buf;
}

/* ---- export ---------------------------------------------------------- */

static void app_request_from_row(PGresult *res, int r, struct wd_app_request *q)
{
	q->external_id = st_col_str(res, r, 0);
	q->status = st_col_str(res, r, 1);
	q->status_notes = st_col_str(res, r, 2);
	q->service_code = st_col_str(res, r, 3);
	q->service_name = st_col_str(res, r, 4);
	q->description = st_col_str(res, r, 5);
	q->agency = st_col_str(res, r, 6);
	q->requested_at = (time_t)st_col_ll(res, r, 7);
	q->updated_at = (time_t)st_col_ll(res, r, 8);
	q->expected_at = (time_t)st_col_ll(res, r, 9);
	q->address = st_col_str(res, r, 10);
	q->has_coords = !PQgetisnull(res, r, 11) && !PQgetisnull(res, r, 12);
	q->lat = st_col_dbl(res, r, 11);
	q->lon = st_col_dbl(res, r, 12);
	q->media_url = st_col_str(res, r, 13);
	q->address_id = st_col_str(res, r, 14);
	q->zipcode = st_col_str(res, r, 15);
}

/* How many requests the export will read (for its progress). */
static size_t app_requests_count(struct store *st, const char *const *params, struct st_err *err)
{
	PGresult *res = st_run_long(st, "SELECT count(*) FROM wardesk.app_requests(to_timestamp($1::bigint))",
	                            1, params, err);
	size_t n = 0;

	if (res) {
		n = (size_t)st_col_ll(res, 0, 0);
		PQclear(res);
	}
	return n;
}

/* Single-row mode, so that progress can follow the rows as they come. */
enum st_status store_app_requests(struct store *st, time_t since, struct wd_app_request_list *out,
                                  st_progress_fn progress, void *pctx, struct st_err *err)
{
	static const char sql[] =
	    "SELECT service_request_id, status, status_notes, service_code, service_name, description,"
	    " agency_responsible, floor(extract(epoch FROM requested_datetime))::bigint,"
	    " floor(extract(epoch FROM updated_datetime))::bigint,"
	    " floor(extract(epoch FROM expected_datetime))::bigint,"
	    " address, lat, lon, media_url, address_id, zipcode"
	    " FROM wardesk.app_requests(to_timestamp($1::bigint))";
	char sbuf[32];
	const char *params[1] = { epoch_param(since, sbuf, sizeof sbuf) };
	size_t total = progress ? app_requests_count(st, params, err) : 0, cap = 64;
	enum st_status rc = ST_OK;
	struct st_guard g;
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!store_ok(st))
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	if ((rc = st_long_begin(st, err)) != ST_OK)
		return rc;
	out->v = xcalloc(cap + 1, sizeof *out->v);
	if (!PQsendQueryParams(st->conn, sql, 1, NULL, params, NULL, NULL, 0)) {
		rc = result_error(st, NULL, err);
		st_long_end(st);
		wd_app_request_list_free(out);
		return rc;
	}
	PQsetSingleRowMode(st->conn);
	st_guard_begin(st, &g);
	while ((res = PQgetResult(st->conn)) != NULL) {
		ExecStatusType rs = PQresultStatus(res);

		if (rs == PGRES_SINGLE_TUPLE && rc == ST_OK) {
			if (out->n == cap)
				out->v = xreallocarray(out->v, (cap *= 2) + 1, sizeof *out->v);
			app_request_from_row(res, 0, &out->v[out->n++]);
			if (progress)
				progress(pctx, out->n, total > out->n ? total : out->n);
			PQclear(res);
		} else if (rs == PGRES_TUPLES_OK || rs == PGRES_SINGLE_TUPLE) {
			PQclear(res);
		} else if (rc == ST_OK) {
			rc = result_error(st, res, err);   /* clears res; keep draining */
		} else {
			PQclear(res);
		}
	}
	st_guard_end(&g);
	st_long_end(st);
	if (rc != ST_OK)
		wd_app_request_list_free(out);
	return rc;
}

void wd_app_request_list_free(struct wd_app_request_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct wd_app_request *q = &l->v[i];

		free(q->external_id);
		free(q->status);
		free(q->status_notes);
		free(q->service_code);
		free(q->service_name);
		free(q->description);
		free(q->agency);
		free(q->address);
		free(q->media_url);
		free(q->address_id);
		free(q->zipcode);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- actions --------------------------------------------------------- */

enum st_status store_rate(struct store *st, const char *ref, int score, const char *comment,
                          struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, sbuf, comment };

	snprintf(sbuf, sizeof sbuf, "%d", score);
	return st_call(st, "SELECT version FROM wardesk.rate($1, $2::int, $3)", 3, params, err);
}

enum st_status store_merge(struct store *st, const char *dup, const char *into, const char *note,
                           struct st_err *err)
{
	const char *params[] = { dup, into, note };

	return st_call(st, "SELECT version FROM wardesk.merge($1, $2, $3)", 3, params, err);
}

enum st_status store_add_reporter(struct store *st, const char *ref, const char *name,
                                  const char *phone, const char *note, struct st_err *err)
{
	const char *params[] = { ref, name, phone, note };

	return st_call(st, "SELECT version FROM wardesk.add_reporter($1, $2, $3, $4)", 4, params, err);
}

/* ---- duplicates ------------------------------------------------------ */

enum st_status store_dupes(struct store *st, const char *ref, struct wd_dupe_list *out,
                           struct st_err *err)
{
	static const char sql[] =
	    "SELECT ref, state, extract(epoch FROM received_at)::bigint, distance_m, same_address,"
	    " address, description, same_phone, earlier FROM wardesk.likely_duplicates($1)";
	const char *params[] = { ref };
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!st_check_utf8(_("the reference"), ref, err))
		return err->status;
	if (!(res = st_run(st, sql, 1, params, err)))
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		struct wd_dupe *d = &out->v[i];
		int r = (int)i, s = wd_state_parse(PQgetvalue(res, r, 1));

		d->ref = st_col_str(res, r, 0);
		d->state = s < 0 ? WD_NEW : (enum wd_state)s;
		d->received_at = (time_t)st_col_ll(res, r, 2);
		d->distance_m = PQgetisnull(res, r, 3) ? -1 : st_col_dbl(res, r, 3);
		d->same_address = !strcmp(PQgetvalue(res, r, 4), "t");
		d->address = st_col_str(res, r, 5);
		d->description = st_col_str(res, r, 6);
		d->same_phone = !strcmp(PQgetvalue(res, r, 7), "t");
		d->earlier = !strcmp(PQgetvalue(res, r, 8), "t");
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_phone_names(struct store *st, const char *ref, struct wd_phone_name_list *out,
                                 struct st_err *err)
{
	static const char sql[] =
	    "SELECT ref, reporter_name, extract(epoch FROM received_at)::bigint"
	    " FROM wardesk.phone_other_names($1)";
	const char *params[] = { ref };
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!st_check_utf8(_("the reference"), ref, err))
		return err->status;
	if (!(res = st_run(st, sql, 1, params, err)))
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		out->v[i].ref = st_col_str(res, (int)i, 0);
		out->v[i].name = st_col_str(res, (int)i, 1);
		out->v[i].at = (time_t)st_col_ll(res, (int)i, 2);
	}
	PQclear(res);
	return ST_OK;
}

void wd_phone_name_list_free(struct wd_phone_name_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].ref);
		free(l->v[i].name);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

void wd_dupe_list_free(struct wd_dupe_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].ref);
		free(l->v[i].address);
		free(l->v[i].description);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* ---- repeat callers -------------------------------------------------- */

enum st_status store_cases_by_phone(struct store *st, const char *phone, int limit,
                                    struct wd_case_list *out, struct st_err *err)
{
	char sql[2048], lim[16];
	const char *params[] = { phone, lim };
	PGresult *res;
	int n;

	memset(out, 0, sizeof *out);
	snprintf(lim, sizeof lim, "%d", limit > 0 ? limit : 20);
	snprintf(sql, sizeof sql,
	         "WITH p AS (SELECT wardesk.normalize_phone($1) AS phone),"
	         " me AS (SELECT ward_id FROM wardesk.officers WHERE login = session_user),"
	         " d0 AS (SELECT date_trunc('day', wardesk.now() AT TIME ZONE 'Asia/Ho_Chi_Minh')"
	         "               AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at)"
	         " SELECT %s FROM wardesk.case_list"
	         " WHERE (reporter_phone = (SELECT phone FROM p)"
	         "        OR id IN (SELECT r.case_id FROM wardesk.case_reporters r"
	         "                   WHERE r.reporter_phone = (SELECT phone FROM p)))"
	         "   AND received_at >= (SELECT at FROM d0)"
	         "   AND (NOT EXISTS (SELECT FROM me) OR ward_id = (SELECT ward_id FROM me))"
	         " ORDER BY received_at DESC, id DESC LIMIT $2::int",
	         st_case_columns);
	if (!st_check_utf8(_("the phone number"), phone, err))
		return err->status;
	if (!(res = st_run(st, sql, 2, params, err)))
		return err->status;
	n = PQntuples(res);
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	out->cap = (size_t)n + 1;
	for (int r = 0; r < n; r++)
		if (st_case_from_row(res, r, &out->v[out->n]))
			out->n++;
		else
			wd_case_free(&out->v[out->n]);   /* an earlier case that cannot be read */
	PQclear(res);
	return ST_OK;
}

/* ---- show ------------------------------------------------------------ */

enum st_status store_case_intake(struct store *st, int64_t case_id, struct wd_case_intake *out,
                                 struct st_err *err)
{
	static const char csql[] =
	    "SELECT rating, rating_comment, service_code, array_to_string(flags, chr(10))"
	    " FROM wardesk.cases WHERE id = $1::bigint";
	static const char rsql[] =
	    "SELECT r.reporter_name, r.reporter_phone, r.channel, r.external_id, f.ref,"
	    " extract(epoch FROM r.added_at)::bigint"
	    " FROM wardesk.case_reporters r LEFT JOIN wardesk.cases f ON f.id = r.from_case_id"
	    " WHERE r.case_id = $1::bigint ORDER BY r.id";
	char idbuf[32];
	const char *params[] = { idbuf };
	PGresult *res;

	memset(out, 0, sizeof *out);
	snprintf(idbuf, sizeof idbuf, "%lld", (long long)case_id);
	if (!(res = st_run(st, csql, 1, params, err)))
		return err->status;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return st_seterr(err, ST_REFUSED, "WD004", _("no case with id %lld"), (long long)case_id);
	}
	out->rating = (int)st_col_ll(res, 0, 0);
	out->rating_comment = st_col_str(res, 0, 1);
	out->service_code = st_col_str(res, 0, 2);
	out->flags = lines_of(res, 0, 3);
	PQclear(res);
	if (!(res = st_run(st, rsql, 1, params, err))) {
		wd_case_intake_free(out);
		return err->status;
	}
	out->nreporters = (size_t)PQntuples(res);
	out->reporters = xcalloc(out->nreporters + 1, sizeof *out->reporters);
	for (size_t i = 0; i < out->nreporters; i++) {
		struct wd_reporter *p = &out->reporters[i];
		int r = (int)i;

		p->name = st_col_str(res, r, 0);
		p->phone = st_col_str(res, r, 1);
		p->channel = st_col_str(res, r, 2);
		p->external_id = st_col_str(res, r, 3);
		p->from_ref = st_col_str(res, r, 4);
		p->added_at = (time_t)st_col_ll(res, r, 5);
	}
	PQclear(res);
	return ST_OK;
}

void wd_case_intake_free(struct wd_case_intake *x)
{
	free(x->rating_comment);
	free(x->service_code);
	strv_free(x->flags);
	for (size_t i = 0; i < x->nreporters; i++) {
		free(x->reporters[i].name);
		free(x->reporters[i].phone);
		free(x->reporters[i].channel);
		free(x->reporters[i].external_id);
		free(x->reporters[i].from_ref);
	}
	free(x->reporters);
	memset(x, 0, sizeof *x);
}
