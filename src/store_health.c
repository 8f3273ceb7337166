/* store_health.c - the node the desk is on and its standbys (see store_health.h). */
#include "wardesk/wardesk.h"

#include "wardesk/store_impl.h"
#include "wardesk/store_health.h"

enum st_status store_db_status(struct store *st, struct st_db_status *out, struct st_err *err)
{
	static const char sql[] =
		"select not pg_is_in_recovery(), r.standbys, r.sync_standbys, r.max_lag_bytes, "
		"r.max_replay_lag_s from wardesk.replication_status() r";
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run(st, sql, 0, NULL, err)))
		return err->status;
	out->host = xstrdup(PQhost(st->conn) ? PQhost(st->conn) : "");
	out->port = xstrdup(PQport(st->conn) ? PQport(st->conn) : "");
	out->primary = !strcmp(PQgetvalue(res, 0, 0), "t");
	out->standbys = (int)st_col_ll(res, 0, 1);
	out->sync_standbys = (int)st_col_ll(res, 0, 2);
	out->lag_known = !PQgetisnull(res, 0, 3);
	out->max_lag_bytes = st_col_ll(res, 0, 3);
	out->max_lag_s = st_col_dbl(res, 0, 4);
	PQclear(res);
	return ST_OK;
}

void st_db_status_free(struct st_db_status *s)
{
	FREE(&s->host);
	FREE(&s->port);
}
