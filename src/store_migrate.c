/* store_migrate.c - `wardesk db init` and `db demo`: the embedded SQL
 * files (sql/migrations/, sql/code/, sql/demo.sql) applied in order (see
 * store.h and sql/README.md). */
#include "wardesk/wardesk.h"

#include "wardesk/sqlfiles.h"
#include "wardesk/store_impl.h"

/* ---- migrations ------------------------------------------------------ */
/*
 * `wardesk db init` (see sql/README.md): one transaction, one initialiser at a
 * time (a session advisory lock), in which
 *   1. the versioned migrations "migrations/NNN_*.sql" not yet recorded in
 *      wardesk.schema_migrations run in order, each then recorded;
 *   2. the code files "code/NN_*.sql" (functions, views, triggers, policies)
 *      run in name order: every one when a migration ran, else from the first
 *      whose md5 differs from the one recorded in wardesk.schema_code on
 *      (a code file may depend on the ones before it); each then recorded.
 * A line "-- @apply code/NN_name.sql" in a migration runs that code file at
 * that point, with check_function_bodies off (tables its bodies read may come
 * in later migrations); step 2 runs it again, checked.
 */

#define SQL_MIGRATIONS_DIR "migrations/"
#define SQL_CODE_DIR "code/"
#define SQL_APPLY_MARK "-- @apply "

static bool sql_has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static const char *sqlfile_base(const char *name)
{
	const char *slash = strrchr(name, '/');

	return slash ? slash + 1 : name;
}

/* The version of "migrations/NNN_name.sql", else -1. */
static int migration_version(const char *name)
{
	if (!sql_has_prefix(name, SQL_MIGRATIONS_DIR))
		return -1;
	name += strlen(SQL_MIGRATIONS_DIR);
	if (strlen(name) < 5 || name[3] != '_')
		return -1;
	for (int i = 0; i < 3; i++)
		if (name[i] < '0' || name[i] > '9')
			return -1;
	return (name[0] - '0') * 100 + (name[1] - '0') * 10 + (name[2] - '0');
}

static const struct wd_sqlfile *sqlfile_find(const char *name, size_t len)
{
	for (size_t i = 0; i < wd_sqlfiles_count; i++)
		if (strlen(wd_sqlfiles[i].name) == len && !strncmp(wd_sqlfiles[i].name, name, len))
			return &wd_sqlfiles[i];
	return NULL;
}

/* "NAME: message" in err; returns rc. */
static enum st_status sqlfile_error(const char *name, enum st_status rc, struct st_err *err)
{
	if (err) {
		struct strbuf msg = { 0 };

		sb_printf(&msg, "%s: %s", name, err->msg);
		snprintf(err->msg, sizeof err->msg, "%s", msg.s);
		sb_free(&msg);
	}
	return rc;
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

/* A part of a SQL file: may be nothing but comments. */
static enum st_status exec_sql_part(struct store *st, const char *text, size_t len,
                                    struct st_err *err)
{
	char *part = xstrndup(text, len);
	PGresult *res = PQexec(st->conn, part);
	enum st_status rc = ST_OK;

	free(part);
	if (PQresultStatus(res) == PGRES_EMPTY_QUERY || PQresultStatus(res) == PGRES_COMMAND_OK
	    || PQresultStatus(res) == PGRES_TUPLES_OK)
		PQclear(res);
	else
		rc = result_error(st, res, err);
	return rc;
}

/* The code file named on a "-- @apply" line of a migration, unchecked. */
static enum st_status apply_code_early(struct store *st, const char *name, size_t len,
                                       struct st_err *err)
{
	const struct wd_sqlfile *f;
	enum st_status rc;

	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t' || name[len - 1] == '\r'))
		len--;
	f = sql_has_prefix(name, SQL_CODE_DIR) ? sqlfile_find(name, len) : NULL;
	if (!f)
		return st_seterr(err, ST_REFUSED, NULL, _("%.*s: no such code file in this build"),
		                 (int)len, name);
	rc = run_simple(st, "SET LOCAL check_function_bodies = off", err);
	if (rc == ST_OK)
		rc = exec_sql_part(st, f->text, strlen(f->text), err);
	if (rc == ST_OK)
		rc = run_simple(st, "RESET check_function_bodies", err);
	return rc == ST_OK ? ST_OK : sqlfile_error(f->name, rc, err);
}

/* A migration's text, with the code files its "-- @apply" lines name run
 * where they stand. */
static enum st_status exec_migration(struct store *st, const char *text, struct st_err *err)
{
	const char *from = text, *p = text;
	enum st_status rc = ST_OK;

	while (rc == ST_OK && *p) {
		const char *eol = strchr(p, '\n');
		const char *next = eol ? eol + 1 : p + strlen(p);

		if (sql_has_prefix(p, SQL_APPLY_MARK)) {
			const char *name = p + strlen(SQL_APPLY_MARK);

			rc = exec_sql_part(st, from, (size_t)(p - from), err);
			if (rc == ST_OK)
				rc = apply_code_early(st, name, (size_t)(next - name) - (eol ? 1 : 0), err);
			from = next;
		}
		p = next;
	}
	if (rc == ST_OK && *from)
		rc = exec_sql_part(st, from, strlen(from), err);
	return rc;
}

/* Inside db init's transaction: the migration f (version) unless recorded. */
static enum st_status apply_migration(struct store *st, const struct wd_sqlfile *f, int version,
                                      bool *applied, struct st_err *err)
{
	char vbuf[16];
	const char *params[2] = { vbuf, sqlfile_base(f->name) };
	PGresult *res;
	enum st_status rc;
	bool done;

	*applied = false;
	snprintf(vbuf, sizeof vbuf, "%d", version);
	res = st_run(st, "SELECT 1 FROM wardesk.schema_migrations WHERE version = $1", 1, params, err);
	if (!res)
		return sqlfile_error(f->name, err ? err->status : ST_REFUSED, err);
	done = PQntuples(res) > 0;
	PQclear(res);
	if (done)
		return ST_OK;
	if ((rc = exec_migration(st, f->text, err)) != ST_OK)
		return sqlfile_error(f->name, rc, err);
	res = st_run(st, "INSERT INTO wardesk.schema_migrations (version, name) VALUES ($1, $2)",
	             2, params, err);
	if (!res)
		return sqlfile_error(f->name, err ? err->status : ST_REFUSED, err);
	PQclear(res);
	*applied = true;
	return ST_OK;
}

/* Inside db init's transaction, after the migrations: the code files, all of
 * them (all) or from the first changed one on. */
static enum st_status apply_code(struct store *st, bool all, struct st_err *err)
{
	for (size_t i = 0; i < wd_sqlfiles_count; i++) {
		const struct wd_sqlfile *f = &wd_sqlfiles[i];
		const char *params[2] = { sqlfile_base(f->name), f->text };
		PGresult *res;
		enum st_status rc;

		if (!sql_has_prefix(f->name, SQL_CODE_DIR))
			continue;
		if (!all) {
			res = st_run(st, "SELECT checksum = md5($2) FROM wardesk.schema_code WHERE name = $1",
			             2, params, err);
			if (!res)
				return sqlfile_error(f->name, err ? err->status : ST_REFUSED, err);
			all = !(PQntuples(res) == 1 && !strcmp(PQgetvalue(res, 0, 0), "t"));
			PQclear(res);
			if (!all)
				continue;
		}
		if ((rc = exec_sql_part(st, f->text, strlen(f->text), err)) != ST_OK)
			return sqlfile_error(f->name, rc, err);
		res = st_run(st, "INSERT INTO wardesk.schema_code (name, checksum) VALUES ($1, md5($2))"
		             " ON CONFLICT (name) DO UPDATE"
		             " SET checksum = excluded.checksum, applied_at = now()",
		             2, params, err);
		if (!res)
			return sqlfile_error(f->name, err ? err->status : ST_REFUSED, err);
		PQclear(res);
	}
	return ST_OK;
}

enum st_status store_db_init(struct store *st, int *applied, struct st_err *err)
{
	enum st_status rc;

	*applied = 0;
	/* One initialiser at a time; the lock goes with the session. */
	/* Upgrades wait for each other and may run long: not an officer's action,
	 * so the connection's action timeouts (store_conn.c) do not apply. */
	if ((rc = st_exec_script(st, "SET lock_timeout = 0; SET statement_timeout = 0", err)))
		return rc;
	if ((rc = run_simple(st, "SELECT pg_advisory_lock(hashtext('wardesk.migrate'))", err)))
		return rc;
	/* read committed: each statement sees what an initialiser before us committed */
	rc = run_simple(st, "BEGIN ISOLATION LEVEL READ COMMITTED", err);
	if (rc == ST_OK)
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
	if (rc == ST_OK)
		rc = apply_code(st, *applied > 0, err);
	if (rc == ST_OK)
		rc = run_simple(st, "COMMIT", err);
	if (rc != ST_OK) {
		PQclear(PQexec(st->conn, "ROLLBACK"));
		*applied = 0;
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
