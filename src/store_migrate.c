/* store_migrate.c - `wardesk db init` and `db demo`: the embedded SQL
 * files (sql/NNN_*.sql, sql/demo.sql) applied in order (see store.h). */
#include "wardesk/wardesk.h"

#include "wardesk/sqlfiles.h"
#include "wardesk/store_impl.h"

/* ---- migrations ------------------------------------------------------ */

static int migration_version(const char *name)
{
	if (strlen(name) < 5 || name[3] != '_')
		return -1;
	for (int i = 0; i < 3; i++)
		if (name[i] < '0' || name[i] > '9')
			return -1;
	return (name[0] - '0') * 100 + (name[1] - '0') * 10 + (name[2] - '0');
}

enum st_status st_exec_script(struct store *st, const char *text, struct st_err *err)
{
	PGresult *res = PQexec(st->conn, text);

	if (PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK) {
		PQclear(res);
		return ST_OK;
	}
	return result_error(st, res, err);
}

static enum st_status apply_migration(struct store *st, const struct wd_sqlfile *f, int version,
                                      bool *applied, struct st_err *err)
{
	char vbuf[16];
	const char *params[2] = { vbuf, f->name };
	PGresult *res;
	enum st_status rc;

	*applied = false;
	snprintf(vbuf, sizeof vbuf, "%d", version);
	if ((rc = run_simple(st, "BEGIN", err)) != ST_OK)
		return rc;
	res = st_run(st, "SELECT 1 FROM wardesk.schema_migrations WHERE version = $1", 1, params, err);
	if (!res)
		goto fail;
	if (PQntuples(res) > 0) {
		PQclear(res);
		return run_simple(st, "COMMIT", err);
	}
	PQclear(res);
	if (st_exec_script(st, f->text, err) != ST_OK)
		goto fail;
	res = st_run(st, "INSERT INTO wardesk.schema_migrations (version, name) VALUES ($1, $2)",
	          2, params, err);
	if (!res)
		goto fail;
	PQclear(res);
	if ((rc = run_simple(st, "COMMIT", err)) != ST_OK)
		return rc;
	*applied = true;
	return ST_OK;
fail:
	rc = err ? err->status : ST_REFUSED;
	PQclear(PQexec(st->conn, "ROLLBACK"));
	if (err) {
		struct strbuf msg = { 0 };

		sb_printf(&msg, "%s: %s", f->name, err->msg);
		snprintf(err->msg, sizeof err->msg, "%s", msg.s);
		sb_free(&msg);
	}
	return rc;
}

enum st_status store_db_init(struct store *st, int *applied, struct st_err *err)
{
	enum st_status rc;

	*applied = 0;
	/* One initialiser at a time; the lock goes with the session. */
	if ((rc = run_simple(st, "SELECT pg_advisory_lock(hashtext('wardesk.migrate'))", err)))
		return rc;
	rc = st_exec_script(st,
	    "CREATE SCHEMA IF NOT EXISTS wardesk;"
	    "CREATE TABLE IF NOT EXISTS wardesk.schema_migrations ("
	    " version int PRIMARY KEY, name text NOT NULL,"
	    " applied_at timestamptz NOT NULL DEFAULT now())", err);
	for (size_t i = 0; rc == ST_OK && i < wd_sqlfiles_count; i++) {
		int v = migration_version(wd_sqlfiles[i].name);
		bool done;

		if (v < 0)
			continue;
		rc = apply_migration(st, &wd_sqlfiles[i], v, &done, err);
		if (rc == ST_OK && done)
			(*applied)++;
	}
	PQclear(PQexec(st->conn, "SELECT pg_advisory_unlock(hashtext('wardesk.migrate'))"));
	return rc;
}

enum st_status store_db_demo(struct store *st, struct st_err *err)
{
	enum st_status rc;

	for (size_t i = 0; i < wd_sqlfiles_count; i++) {
		if (strcmp(wd_sqlfiles[i].name, "demo.sql"))
			continue;
		if ((rc = run_simple(st, "BEGIN", err)) != ST_OK)
			return rc;
		if ((rc = st_exec_script(st, wd_sqlfiles[i].text, err)) != ST_OK) {
			PQclear(PQexec(st->conn, "ROLLBACK"));
			return rc;
		}
		return run_simple(st, "COMMIT", err);
	}
	return st_seterr(err, ST_REFUSED, NULL, _("this build has no demo data"));
}
