/* store_audit.c - the audit chain and officer deactivation (issue 13); see
 * include/wardesk/store_audit.h. */
#include "wardesk/wardesk.h"

#include "wardesk/store_audit.h"
#include "wardesk/store_impl.h"

static time_t time_col(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : (time_t)st_col_ll(res, row, col);
}

void wd_chain_list_free(struct wd_chain_list *l)
{
	for (size_t i = 0; l && i < l->n; i++) {
		free(l->v[i].ward);
		free(l->v[i].head_hash);
		free(l->v[i].bad_ref);
		free(l->v[i].problem);
	}
	if (l) {
		free(l->v);
		l->v = NULL;
		l->n = 0;
	}
}

enum st_status store_audit_verify(struct store *st, const char *ward, struct wd_chain_list *out,
                                  struct st_err *err)
{
	const char *params[] = { ward };
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run_long(st, "SELECT ward_code, events, intact, head_seq, head_event, head_hash,"
	                        " bad_event, bad_ref, extract(epoch FROM bad_at)::bigint, problem"
	                        " FROM wardesk.audit_verify($1)", 1, params, err)))
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		struct wd_chain *c = &out->v[i];
		int r = (int)i;

		c->ward = st_col_str(res, r, 0);
		c->events = st_col_ll(res, r, 1);
		c->intact = !strcmp(PQgetvalue(res, r, 2), "t");
		c->head_seq = st_col_ll(res, r, 3);
		c->head_event = st_col_ll(res, r, 4);
		c->head_hash = st_col_str(res, r, 5);
		c->bad_event = st_col_ll(res, r, 6);
		c->bad_ref = st_col_str(res, r, 7);
		c->bad_at = time_col(res, r, 8);
		c->problem = st_col_str(res, r, 9);
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_audit_head(struct store *st, long long *event, char **hash, struct st_err *err)
{
	PGresult *res;

	*event = 0;
	*hash = NULL;
	if (!(res = st_run(st, "SELECT head_event, head_hash FROM wardesk.audit_head()", 0, NULL, err)))
		return err->status;
	if (PQntuples(res) == 1) {
		*event = st_col_ll(res, 0, 0);
		*hash = st_col_str(res, 0, 1);
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_handover_heads(struct store *st, int64_t id, long long *event, char **hash,
                                    long long *ack_event, char **ack_hash, struct st_err *err)
{
	char ib[32];
	const char *params[1];
	PGresult *res;

	*event = *ack_event = 0;
	*hash = *ack_hash = NULL;
	snprintf(ib, sizeof ib, "%lld", (long long)id);
	params[0] = ib;
	if (!(res = st_run(st, "SELECT chain_event, encode(chain_hash, 'hex'), ack_chain_event,"
	                   " encode(ack_chain_hash, 'hex') FROM wardesk.handovers WHERE id = $1::bigint",
	                   1, params, err)))
		return err->status;
	if (PQntuples(res) == 1) {
		*event = st_col_ll(res, 0, 0);
		*hash = st_col_str(res, 0, 1);
		*ack_event = st_col_ll(res, 0, 2);
		*ack_hash = st_col_str(res, 0, 3);
	}
	PQclear(res);
	return ST_OK;
}

void wd_held_list_free(struct wd_held_list *l)
{
	for (size_t i = 0; l && i < l->n; i++) {
		free(l->v[i].ref);
		free(l->v[i].state);
		free(l->v[i].description);
	}
	if (l) {
		free(l->v);
		l->v = NULL;
		l->n = 0;
	}
}

enum st_status store_officer_deactivate(struct store *st, const char *login, struct wd_held_list *out,
                                        struct st_err *err)
{
	const char *params[] = { login };
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!st_check_utf8("the login", login, err))
		return err->status;
	if (!(res = st_write(st, "SELECT ref, state, extract(epoch FROM deadline_at)::bigint, description"
	                     " FROM wardesk.officer_deactivate($1)", 1, params, err)))
		return err->status;
	out->n = (size_t)PQntuples(res);
	out->v = xcalloc(out->n + 1, sizeof *out->v);
	for (size_t i = 0; i < out->n; i++) {
		int r = (int)i;

		out->v[i].ref = st_col_str(res, r, 0);
		out->v[i].state = st_col_str(res, r, 1);
		out->v[i].deadline_at = time_col(res, r, 2);
		out->v[i].description = st_col_str(res, r, 3);
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_officer_activate(struct store *st, const char *login, struct st_err *err)
{
	const char *params[] = { login };

	return st_call(st, "SELECT login FROM wardesk.officer_activate($1)", 1, params, err);
}
