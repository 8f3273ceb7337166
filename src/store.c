/* store.c - the typed door to the PostgreSQL case store (see store.h).
 *
 * Every statement here is a constant string with $n parameters.  The rules
 * live in the database (sql/); this file only calls them and turns their
 * refusals into st_status + a plain-words message. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <termios.h>
#include <unistd.h>

#include <json.h>

#include "wardesk/sqlfiles.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_impl.h"
#include "wardesk/text.h"

static const char *const state_names[WD_STATE_COUNT] = {
	"new", "in_progress", "resolved", "reopened",
};
static const char *const channel_names[WD_CH_COUNT] = {
	"app", "hotline", "walkin", "import",
};
static const char *const role_names[] = { "hotline", "officer", "chair" };

const char *wd_state_name(enum wd_state s) { return (unsigned)s < WD_STATE_COUNT ? state_names[s] : "?"; }
const char *wd_channel_name(enum wd_channel c) { return (unsigned)c < WD_CH_COUNT ? channel_names[c] : "?"; }
const char *wd_role_name(enum wd_role r) { return (unsigned)r < ARRAY_SIZE(role_names) ? role_names[r] : "none"; }

static int parse_name(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

int wd_state_parse(const char *s) { return parse_name(s, state_names, WD_STATE_COUNT); }
int wd_channel_parse(const char *s) { return parse_name(s, channel_names, WD_CH_COUNT); }
int wd_role_parse(const char *s) { return parse_name(s, role_names, ARRAY_SIZE(role_names)); }

/* ---- errors ---------------------------------------------------------- */

enum st_status st_seterr(struct st_err *err, enum st_status status, const char *sqlstate,
                         const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	snprintf(err->sqlstate, sizeof err->sqlstate, "%s", sqlstate ? sqlstate : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	/* one line: libpq messages end with a newline */
	for (char *p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = (p[1] ? ' ' : '\0');
	return status;
}

static enum st_status status_of_sqlstate(const char *ss)
{
	if (!ss || !*ss)
		return ST_REFUSED;
	if (!strcmp(ss, "WD005"))
		return ST_BADINPUT;
	if (!strncmp(ss, "WD", 2))
		return ST_REFUSED;
	if (!strncmp(ss, "22", 2))      /* data exception: invalid UTF-8, bad value */
		return ST_BADINPUT;
	if (!strncmp(ss, "08", 2) || !strncmp(ss, "57P", 3) || !strcmp(ss, "53300"))
		return ST_OFFLINE;
	return ST_REFUSED;                  /* 23xxx constraints, 42501 privilege ... */
}

/* Fill err from a failed result (or a dead connection) and clear res. */
static enum st_status result_error(struct store *st, PGresult *res, struct st_err *err)
{
	const char *ss = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	enum st_status status;

	if (PQstatus(st->conn) == CONNECTION_BAD) {
		status = st_seterr(err, ST_OFFLINE, ss, _("lost the connection to the database: %s"),
		                PQerrorMessage(st->conn));
	} else {
		status = status_of_sqlstate(ss);
		if (ss && !strcmp(ss, "22021"))
			status = st_seterr(err, status, ss, _("text is not valid UTF-8"));
		else if (ss && !strcmp(ss, "42501"))
			status = st_seterr(err, status, ss, _("not allowed: %s"), msg ? msg : "");
		else
			status = st_seterr(err, status, ss, "%s",
			                msg ? msg : PQerrorMessage(st->conn));
	}
	PQclear(res);
	return status;
}

/* Run a parameterised statement.  Returns the result on success (caller
 * clears) or NULL with err filled. */
PGresult *st_run(struct store *st, const char *sql, int n, const char *const *params,
                 struct st_err *err)
{
	PGresult *res;
	ExecStatusType rs;

	if (!st || !st->conn || PQstatus(st->conn) != CONNECTION_OK) {
		st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
		return NULL;
	}
	res = PQexecParams(st->conn, sql, n, NULL, params, NULL, NULL, 0);
	rs = PQresultStatus(res);
	if (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK)
		return res;
	result_error(st, res, err);
	return NULL;
}

static enum st_status run_simple(struct store *st, const char *sql, struct st_err *err)
{
	PGresult *res = st_run(st, sql, 0, NULL, err);

	if (!res)
		return err ? err->status : ST_REFUSED;
	PQclear(res);
	return ST_OK;
}

/* Refuse invalid UTF-8 here, with the position, before the server does. */
bool st_check_utf8(const char *what, const char *s, struct st_err *err)
{
	size_t bad;

	if (!s || text_valid_utf8(s, strlen(s), &bad))
		return true;
	st_seterr(err, ST_BADINPUT, "22021", _("%s is not valid UTF-8 (bad byte at offset %zu)"),
	       what, bad);
	return false;
}

/* ---- connection ------------------------------------------------------ */

static void quiet_notices(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static char *ask_password(const char *login)
{
	struct termios old, noecho;
	char buf[256];
	FILE *tty = fopen("/dev/tty", "r+");
	bool restore = false;

	if (!tty)
		return NULL;
	fprintf(tty, _("Password for %s: "), login ? login : "");
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		noecho = old;
		noecho.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(fileno(tty), TCSAFLUSH, &noecho) == 0;
	}
	if (!fgets(buf, sizeof buf, tty))
		buf[0] = '\0';
	if (restore)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	buf[strcspn(buf, "\r\n")] = '\0';
	return xstrdup(buf);
}

static PGconn *connect_with(const char *conninfo, const char *password)
{
	const char *keys[] = {
		"dbname", "fallback_application_name", "client_encoding",
		"keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
		"password", NULL,
	};
	const char *vals[] = {
		conninfo, "wardesk", "UTF8", "1", "30", "10", "3", password, NULL,
	};

	if (!password)
		keys[7] = NULL;
	return PQconnectdbParams(keys, vals, 1);
}

/* A password typed once is kept for reconnects of the same process. */
static char *remembered_password;
static bool may_prompt = true;

void store_prompt_password(bool allowed)
{
	may_prompt = allowed;
}

struct store *store_open(const char *conninfo, struct st_err *err)
{
	struct store *st;
	PGconn *conn = connect_with(conninfo, remembered_password);

	if (PQstatus(conn) == CONNECTION_BAD && PQconnectionNeedsPassword(conn) &&
	    may_prompt && isatty(STDIN_FILENO)) {
		char *pw = ask_password(PQuser(conn));

		PQfinish(conn);
		conn = connect_with(conninfo, pw);
		if (PQstatus(conn) == CONNECTION_OK) {
			free(remembered_password);
			remembered_password = pw;
		} else if (pw) {
			memset(pw, 0, strlen(pw));
			free(pw);
		}
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		st_seterr(err, ST_OFFLINE, NULL, _("cannot reach the database: %s"),
		       PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, quiet_notices, NULL);
	st = xcalloc(1, sizeof *st);
	st->conn = conn;
	st->login = xstrdup(PQuser(conn));
	return st;
}

void store_close(struct store **stp)
{
	if (!stp || !*stp)
		return;
	PQfinish((*stp)->conn);
	free((*stp)->login);
	FREE(stp);
}

bool store_ok(struct store *st)
{
	return st && st->conn && PQstatus(st->conn) == CONNECTION_OK;
}

int store_socket(struct store *st)
{
	return st && st->conn ? PQsocket(st->conn) : -1;
}

const char *store_login(struct store *st)
{
	return st ? st->login : "";
}

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

/* ---- reading rows ---------------------------------------------------- */

char *st_col_str(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : xstrdup(PQgetvalue(res, row, col));
}

long long st_col_ll(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : strtoll(PQgetvalue(res, row, col), NULL, 10);
}

double st_col_dbl(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : strtod(PQgetvalue(res, row, col), NULL);
}

/* Lines of a newline-joined text array, as a NULL-terminated vector. */
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
	" extract(epoch FROM received_at)::bigint, extract(epoch FROM deadline_at)::bigint," \
	" extract(epoch FROM updated_at)::bigint, extract(epoch FROM closed_at)::bigint," \
	" ward_id, ward_code," \
	" extract(epoch FROM warned_at)::bigint, extract(epoch FROM escalated_at)::bigint," \
	" extract(epoch FROM overdue_at)::bigint, extract(epoch FROM ack_at)::bigint," \
	" ack_by, delay_reason, apology_note"
const char st_case_columns[] = CASE_COLUMNS;

void st_case_from_row(PGresult *res, int r, struct wd_case *c)
{
	int i = 0, v;

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
	c->received_at = (time_t)st_col_ll(res, r, i++);
	c->deadline_at = (time_t)st_col_ll(res, r, i++);
	c->updated_at = (time_t)st_col_ll(res, r, i++);
	c->closed_at = (time_t)st_col_ll(res, r, i++);
	c->ward_id = (int)st_col_ll(res, r, i++);
	c->ward_code = st_col_str(res, r, i++);
	c->warned_at = (time_t)st_col_ll(res, r, i++);
	c->escalated_at = (time_t)st_col_ll(res, r, i++);
	c->overdue_at = (time_t)st_col_ll(res, r, i++);
	c->ack_at = (time_t)st_col_ll(res, r, i++);
	c->ack_by = st_col_str(res, r, i++);
	c->delay_reason = st_col_str(res, r, i++);
	c->apology_note = st_col_str(res, r, i++);
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

static const char list_sql[] =
    "SELECT " CASE_COLUMNS " FROM wardesk.case_list"
    " WHERE ($1::text[] IS NULL OR state = ANY ($1::text[])"
    "        OR ($2::bigint IS NOT NULL AND closed_at >= to_timestamp($2::bigint)))"
    "   AND ($3::text IS NULL OR owner = $3)"
    "   AND ($4::bigint IS NULL OR id = $4)"
    " ORDER BY deadline_at, id"
    " LIMIT $5";

/* The five parameters of list_sql, as text, from a query. */
struct list_params {
	char states[128], since[32], id[32], limit[32];
	const char *v[5];
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
				                        len > 1 ? "," : "", state_names[s]);
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
}

enum st_status store_list(struct store *st, const struct st_query *q, struct wd_case_list *out,
                          struct st_err *err)
{
	struct list_params p;
	PGresult *res;
	int n;

	memset(out, 0, sizeof *out);
	list_params(q, &p);
	if (!(res = st_run(st, list_sql, 5, p.v, err)))
		return err->status;
	n = PQntuples(res);
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	out->cap = (size_t)n + 1;
	for (int r = 0; r < n; r++)
		st_case_from_row(res, r, &out->v[out->n++]);
	PQclear(res);
	return ST_OK;
}

/* Single-row mode: one small PGresult at a time, so a 100,000-case
 * snapshot never sits in memory twice (PGresult + converted rows). */
enum st_status store_list_each(struct store *st, const struct st_query *q, st_case_fn fn,
                               void *ctx, struct st_err *err)
{
	struct list_params p;
	PGresult *res;
	enum st_status rc = ST_OK;

	if (!store_ok(st))
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	list_params(q, &p);
	if (!PQsendQueryParams(st->conn, list_sql, 5, NULL, p.v, NULL, NULL, 0))
		return result_error(st, NULL, err);
	PQsetSingleRowMode(st->conn);
	while ((res = PQgetResult(st->conn)) != NULL) {
		ExecStatusType rs = PQresultStatus(res);

		if (rs == PGRES_SINGLE_TUPLE && rc == ST_OK) {
			struct wd_case c;

			st_case_from_row(res, 0, &c);
			fn(ctx, &c);
			wd_case_free(&c);
			PQclear(res);
		} else if (rs == PGRES_TUPLES_OK || rs == PGRES_SINGLE_TUPLE) {
			PQclear(res);
		} else if (rc == ST_OK) {
			rc = result_error(st, res, err);   /* clears res; keep draining */
		} else {
			PQclear(res);
		}
	}
	return rc;
}

enum st_status store_get(struct store *st, const char *ref, int64_t id, struct wd_case *out,
                         struct wd_event_list *events, struct st_err *err)
{
	static const char sql[] =
	    "SELECT " CASE_COLUMNS " FROM wardesk.case_list"
	    " WHERE ($1::text IS NOT NULL AND upper(ref) = upper($1))"
	    "    OR ($1::text IS NULL AND id = $2::bigint)";
	static const char esql[] =
	    "SELECT id, extract(epoch FROM at)::bigint, actor, action, old::text, new::text, note"
	    " FROM wardesk.case_events WHERE case_id = $1 ORDER BY at, id";
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
	st_case_from_row(res, 0, out);
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
	}
	PQclear(res);
	return ST_OK;
}

#define OFFICER_SQL \
	"SELECT o.login, o.full_name, o.role, w.code, w.name, o.active," \
	" o.ward_id, (SELECT count(*) FROM wardesk.cases c" \
	"   WHERE c.owner = o.login AND c.state = 'in_progress')" \
	" FROM wardesk.officers o LEFT JOIN wardesk.wards w ON w.id = o.ward_id"

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
	if (!(res = st_run(st, OFFICER_SQL " WHERE o.login = session_user", 0, NULL, err)))
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
enum st_status st_call(struct store *st, const char *sql, int n, const char *const *params,
                           struct st_err *err)
{
	PGresult *res;

	for (int i = 0; i < n; i++)
		if (!st_check_utf8(_("the text"), params[i], err))
			return err->status;
	if (!(res = st_run(st, sql, n, params, err)))
		return err->status;
	PQclear(res);
	return ST_OK;
}

enum st_status store_ward_add(struct store *st, const char *code, const char *name,
                              struct st_err *err)
{
	const char *params[] = { code, name };

	return st_call(st, "SELECT wardesk.ward_add($1, $2)", 2, params, err);
}

enum st_status store_officer_add(struct store *st, const char *login, const char *full_name,
                                 enum wd_role role, const char *ward_code, struct st_err *err)
{
	const char *params[] = { login, full_name, wd_role_name(role), ward_code };

	return st_call(st, "SELECT wardesk.officer_add($1, $2, $3, $4)", 4, params, err);
}

enum st_status store_report(struct store *st, const struct wd_report *r, char *ref, size_t refsz,
                            struct st_err *err)
{
	static const char sql[] =
	    "SELECT ref FROM wardesk.report("
	    " p_category => $1, p_description => $2, p_address => $3, p_phone => $4,"
	    " p_name => $5, p_channel => $6,"
	    " p_received_at => coalesce(to_timestamp($7::bigint), wardesk.now()),"
	    " p_lat => $8::float8, p_lon => $9::float8, p_media => $10::text[],"
	    " p_external_id => $11, p_hotline_line => $12, p_callback => $13::boolean)";
	char recv[32], lat[40], lon[40];
	struct strbuf media = { 0 };
	const char *params[13] = {
		r->category, r->description, r->address, r->phone, r->name,
		wd_channel_name(r->channel), NULL, NULL, NULL, NULL, r->external_id,
		r->hotline_line, r->callback ? "true" : "false",
	};
	PGresult *res;

	for (int i = 0; i < 12; i++)
		if (!st_check_utf8(_("the text"), params[i], err))
			return err->status;
	if (r->received_at) {
		snprintf(recv, sizeof recv, "%lld", (long long)r->received_at);
		params[6] = recv;
	}
	if (r->has_coords) {
		snprintf(lat, sizeof lat, "%.7f", r->lat);
		snprintf(lon, sizeof lon, "%.7f", r->lon);
		params[7] = lat;
		params[8] = lon;
	}
	/* text[] literal: every element double-quoted with \ and " escaped */
	sb_putc(&media, '{');
	for (const char *const *m = r->media; m && *m; m++) {
		if (!st_check_utf8(_("a media URL"), *m, err)) {
			sb_free(&media);
			return err->status;
		}
		sb_puts(&media, m == r->media ? "\"" : ",\"");
		for (const char *p = *m; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_putc(&media, '\\');
			sb_putc(&media, *p);
		}
		sb_putc(&media, '"');
	}
	sb_putc(&media, '}');
	params[9] = media.s;
	res = st_run(st, sql, 13, params, err);
	sb_free(&media);
	if (!res)
		return err->status;
	snprintf(ref, refsz, "%s", PQntuples(res) ? PQgetvalue(res, 0, 0) : "");
	PQclear(res);
	return ST_OK;
}

static const char *seen_param(int seen, char *buf, size_t bufsz)
{
	if (seen <= 0)
		return NULL;
	snprintf(buf, bufsz, "%d", seen);
	return buf;
}

enum st_status store_take(struct store *st, const char *ref, int seen, struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, seen_param(seen, sbuf, sizeof sbuf) };

	return st_call(st, "SELECT version FROM wardesk.take($1, $2::int)", 2, params, err);
}

enum st_status store_assign(struct store *st, const char *ref, const char *login, int seen,
                            struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, login, seen_param(seen, sbuf, sizeof sbuf) };

	return st_call(st, "SELECT version FROM wardesk.assign($1, $2, $3::int)", 3, params, err);
}

enum st_status store_escalate(struct store *st, const char *ref, int seen, const char *note,
                              struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, seen_param(seen, sbuf, sizeof sbuf), note };

	return st_call(st, "SELECT version FROM wardesk.escalate($1, $2::int, $3)", 3, params, err);
}

enum st_status store_close_case(struct store *st, const char *ref, int seen, const char *note,
                                const char *reason, const char *duplicate_of, struct st_err *err)
{
	char sbuf[16];
	const char *params[] = {
		ref, seen_param(seen, sbuf, sizeof sbuf), note, reason ? reason : "done", duplicate_of,
	};

	return st_call(st, "SELECT version FROM wardesk.close($1, $2::int, $3, $4, $5)", 5, params,
	            err);
}

enum st_status store_reopen(struct store *st, const char *ref, int seen, const char *note,
                            struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, seen_param(seen, sbuf, sizeof sbuf), note };

	return st_call(st, "SELECT version FROM wardesk.reopen($1, $2::int, $3)", 3, params, err);
}

/* ---- live ------------------------------------------------------------ */

enum st_status store_listen(struct store *st, struct st_err *err)
{
	return run_simple(st, "LISTEN wardesk_case", err);
}

enum st_status store_drain(struct store *st, st_notify_fn fn, void *ctx, struct st_err *err)
{
	return store_drain_all(st, fn, NULL, NULL, ctx, err);   /* one parser: store_deadline.c */
}
