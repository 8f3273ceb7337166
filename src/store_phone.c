/* store_phone.c - the chair's phone in the store (see store_phone.h). */
#include "wardesk/wardesk.h"

#include <inttypes.h>

#include "wardesk/store_impl.h"
#include "wardesk/store_phone.h"

enum st_status store_officer_mobile_set(struct store *st, const char *login, const char *mobile,
                                        char *out, size_t outsz, struct st_err *err)
{
	const char *params[] = { login, mobile && *mobile ? mobile : NULL };
	PGresult *res;

	if (!st_check_utf8("mobile", mobile, err))
		return err->status;
	if (!(res = st_write(st, "SELECT wardesk.officer_mobile_set($1, $2)", 2, params, err)))
		return err->status;
	snprintf(out, outsz, "%s", PQgetisnull(res, 0, 0) ? "" : PQgetvalue(res, 0, 0));
	PQclear(res);
	return ST_OK;
}

void wd_phone_msg_list_free(struct wd_phone_msg_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		struct wd_phone_msg *m = &l->v[i];

		free(m->recipient);
		free(m->number);
		free(m->kind);
		free(m->ref);
		free(m->category);
		free(m->address);
	}
	FREE(&l->v);
	l->n = 0;
}

enum st_status store_phone_claim(struct store *st, const struct st_phone_claim *q,
                                 struct wd_phone_msg_list *out, struct st_err *err)
{
	static const char sql[] =
		"SELECT id, attempt, recipient, number, kind, ref, category, address,"
		" extract(epoch FROM deadline_at), extract(epoch FROM now_at)"
		" FROM wardesk.phone_claim($1::int, $2::int, $3::int, $4::int)";
	char a[4][16];
	const char *params[4] = { a[0], a[1], a[2], a[3] };
	PGresult *res;
	int n;

	memset(out, 0, sizeof *out);
	snprintf(a[0], sizeof a[0], "%d", q->limit);
	snprintf(a[1], sizeof a[1], "%d", q->lease_s);
	snprintf(a[2], sizeof a[2], "%d", q->max_attempts);
	snprintf(a[3], sizeof a[3], "%d", q->max_age_s);
	if (!(res = st_write(st, sql, 4, params, err)))
		return err->status;
	n = PQntuples(res);
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	for (int r = 0; r < n; r++) {
		struct wd_phone_msg *m = &out->v[out->n++];

		m->id = st_col_ll(res, r, 0);
		m->attempt = (int)st_col_ll(res, r, 1);
		m->recipient = st_col_str(res, r, 2);
		m->number = st_col_str(res, r, 3);
		m->kind = st_col_str(res, r, 4);
		m->ref = st_col_str(res, r, 5);
		m->category = st_col_str(res, r, 6);
		m->address = st_col_str(res, r, 7);
		st_col_time(res, r, 8, &m->deadline_at);
		st_col_time(res, r, 9, &m->now);
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_phone_result(struct store *st, int64_t id, int attempt, bool ok,
                                  int exit_status, const char *error, long retry_s,
                                  char *outcome, size_t outsz, struct st_err *err)
{
	static const char sql[] =
		"SELECT wardesk.phone_result($1::bigint, $2::int, $3::boolean, $4::int, $5, $6::int)";
	char sid[24], satt[16], sexit[16], sretry[24];
	const char *params[6] = {
		sid, satt, ok ? "true" : "false", exit_status >= 0 ? sexit : NULL, error,
		retry_s >= 0 ? sretry : NULL,
	};
	PGresult *res;

	snprintf(sid, sizeof sid, "%" PRId64, id);
	snprintf(satt, sizeof satt, "%d", attempt);
	snprintf(sexit, sizeof sexit, "%d", exit_status);
	snprintf(sretry, sizeof sretry, "%ld", retry_s);
	if (!(res = st_write(st, sql, 6, params, err)))
		return err->status;
	snprintf(outcome, outsz, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return ST_OK;
}
