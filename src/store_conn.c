/* store_conn.c - the store's connection, errors and statement helpers
 * (see store.h, store_impl.h): domain names, st_seterr and the SQLSTATE
 * mapping, st_run / st_call, row readers, store_open and friends.
 *
 * Every statement of the store is a constant string with $n parameters.  The
 * rules live in the database (sql/); the store only calls them and turns
 * their refusals into st_status + a plain-words message. */
#include "wardesk/wardesk.h"

#include <json.h>
#include <pwd.h>

#include <errno.h>
#include <termios.h>
#include <unistd.h>

#include "wardesk/refusals.h"
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
int wd_line_parse(const char *s)
{
	if (!s || !*s)
		return WD_LINE_NONE;
	return !strcmp(s, "police") ? WD_LINE_POLICE : !strcmp(s, "committee") ? WD_LINE_COMMITTEE : -1;
}

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
	if (!strcmp(ss, "WD005") || !strncmp(ss, "WD5", 3))   /* WD5nn: bad input */
		return ST_BADINPUT;
	if (!strncmp(ss, "WD", 2))
		return ST_REFUSED;
	if (!strncmp(ss, "22", 2))      /* data exception: invalid UTF-8, bad value */
		return ST_BADINPUT;
	if (!strncmp(ss, "08", 2) || !strncmp(ss, "57P", 3) || !strcmp(ss, "53300"))
		return ST_OFFLINE;
	return ST_REFUSED;                  /* 23xxx constraints, 42501 privilege ... */
}

/* The server's own words (a refusal without a row in refusals.c, a
 * privilege error) carry values from the data: made safe for a terminal
 * like every other text. */
static void msg_sanitise(struct st_err *err)
{
	char *safe;

	if (!err)
		return;
	safe = text_sanitize(err->msg, false);
	snprintf(err->msg, sizeof err->msg, "%s", safe);
	free(safe);
}

/* Fill err from a failed result (or a dead connection) and clear res. */
enum st_status result_error(struct store *st, PGresult *res, struct st_err *err)
{
	const char *ss = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	enum st_status status;
	char text[sizeof err->msg];

	if (PQstatus(st->conn) == CONNECTION_BAD) {
		status = st_seterr(err, ST_OFFLINE, ss, _("lost the connection to the database: %s"),
		                PQerrorMessage(st->conn));
	} else {
		status = status_of_sqlstate(ss);
		if (ss && !strcmp(ss, "55P03"))
			status = st_seterr(err, ST_REFUSED, ss,
			                   _("case busy, try again: another session is holding it"));
		else if (ss && !strcmp(ss, "57014") && st_interrupted())
			status = st_seterr(err, ST_REFUSED, ss, _("interrupted: nothing was changed"));
		else if (ss && !strcmp(ss, "57014"))
			status = st_seterr(err, ST_REFUSED, ss,
			                   _("busy, try again: the database did not answer in time"));
		else if (ss && !strcmp(ss, "22021"))
			status = st_seterr(err, status, ss, _("text is not valid UTF-8"));
		else if (ss && !strcmp(ss, "42501")) {
			status = st_seterr(err, status, ss, _("not allowed: %s"), msg ? msg : "");
			msg_sanitise(err);
		} else if (refusal_text(ss, PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL), text,
		                      sizeof text))
			status = st_seterr(err, status, ss, "%s", text);
		else {
			status = st_seterr(err, status, ss, "%s",
			                msg ? msg : PQerrorMessage(st->conn));
			msg_sanitise(err);
		}
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
	struct st_guard g;

	if (st_ready(st, err) != ST_OK)
		return NULL;
	st_stream_finish(st);
	st_guard_begin(st, &g);
	res = PQexecParams(st->conn, sql, n, NULL, params, NULL, NULL, 0);
	st_guard_end(&g);
	rs = PQresultStatus(res);
	if (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK)
		return res;
	result_error(st, res, err);
	return NULL;
}

struct json_object *st_jget(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	return o && json_object_object_get_ex(o, key, &v) ? v : NULL;
}

long st_jlong(struct json_object *o, const char *key)
{
	struct json_object *v = st_jget(o, key);

	return v && !json_object_is_type(v, json_type_null) ? (long)json_object_get_int64(v) : 0;
}

void st_text_array(struct strbuf *sb, const char *const *v)
{
	sb_putc(sb, '{');
	for (const char *const *p = v; p && *p; p++) {
		sb_puts(sb, p == v ? "\"" : ",\"");
		for (const char *s = *p; *s; s++) {
			if (*s == '"' || *s == '\\')
				sb_putc(sb, '\\');
			sb_putc(sb, *s);
		}
		sb_putc(sb, '"');
	}
	sb_putc(sb, '}');
}

void st_bigint_array(struct strbuf *sb, const int64_t *ids, size_t n)
{
	sb_putc(sb, '{');
	for (size_t i = 0; i < n; i++)
		sb_printf(sb, "%s%lld", i ? "," : "", (long long)ids[i]);
	sb_putc(sb, '}');
}

const char *st_jstr(struct json_object *o, const char *key)
{
	struct json_object *v = st_jget(o, key);

	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "";
}

enum st_status run_simple(struct store *st, const char *sql, struct st_err *err)
{
	PGresult *res = st_run(st, sql, 0, NULL, err);

	if (!res)
		return err ? err->status : ST_REFUSED;
	PQclear(res);
	return ST_OK;
}

enum st_status st_run_script(struct store *st, const char *sql, struct st_err *err)
{
	PGresult *res;
	ExecStatusType rs;
	struct st_guard g;

	if (st_ready(st, err) != ST_OK)
		return err ? err->status : ST_REFUSED;
	st_stream_finish(st);
	st_guard_begin(st, &g);
	res = PQexec(st->conn, sql);   /* the simple protocol: several statements */
	st_guard_end(&g);
	rs = PQresultStatus(res);
	if (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK) {
		PQclear(res);
		return ST_OK;
	}
	return result_error(st, res, err);
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

/* Run a statement that changes something and returns nothing we need. */
enum st_status st_call(struct store *st, const char *sql, int n, const char *const *params,
                       struct st_err *err)
{
	PGresult *res;

	for (int i = 0; i < n; i++)
		if (!st_check_utf8(_("the text"), params[i], err))
			return err->status;
	if (!(res = st_write(st, sql, n, params, err)))
		return err->status;
	PQclear(res);
	return ST_OK;
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

/* Defaults for what the conninfo (or its service file, or the environment)
 * leaves unset: a dead server, or a primary lost in a failover, is noticed
 * within seconds (keepalives: 5 s idle, then 3 probes 2 s apart; unacked data
 * for 10 s), and a host that does not answer at all is given up after 10 s
 * so that libpq tries the next one of a multi-host conninfo. */
static const char *const conn_defaults[][2] = {
	{ "keepalives", "1" }, { "keepalives_idle", "5" }, { "keepalives_interval", "2" },
	{ "keepalives_count", "3" }, { "tcp_user_timeout", "10000" }, { "connect_timeout", "10" },
};

/* Which of conn_defaults are set by the conninfo, a service file or the
 * environment: libpq resolves all three when it parses the options, so ask
 * libpq to start a connection with them and with one option it refuses
 * (target_session_attrs "-"): it parses and resolves everything, refuses the
 * value while it checks the options, before it opens any socket, and returns
 * the connection, failed, with the options readable.  (A probe that started
 * for real made the server start a backend for nothing.) */
static void conn_set_options(const char *conninfo, bool set[ARRAY_SIZE(conn_defaults)])
{
	const char *keys[] = { "dbname", "target_session_attrs", NULL };
	const char *vals[] = { conninfo, "-", NULL };
	PGconn *probe = PQconnectStartParams(keys, vals, 1);
	PQconninfoOption *opts = probe ? PQconninfo(probe) : NULL;

	for (size_t i = 0; i < ARRAY_SIZE(conn_defaults); i++)
		set[i] = false;
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		for (size_t i = 0; i < ARRAY_SIZE(conn_defaults); i++)
			if (o->val && *o->val && !strcmp(o->keyword, conn_defaults[i][0]))
				set[i] = true;
	if (opts)
		PQconninfoFree(opts);
	if (probe)
		PQfinish(probe);
}

/* An error the server itself sent while the connection was made (libpq
 * writes "SEVERITY:  words"), not one of reaching it. */
static bool conn_server_said(const char *msg)
{
	return strstr(msg, ":  ") != NULL;
}

static PGconn *connect_with(const char *conninfo, const char *password)
{
	const char *keys[8 + ARRAY_SIZE(conn_defaults)];
	const char *vals[8 + ARRAY_SIZE(conn_defaults)];
	bool set[ARRAY_SIZE(conn_defaults)];
	size_t n = 0;
	PGconn *conn;

	conn_set_options(conninfo, set);
	keys[n] = "dbname", vals[n++] = conninfo;
	keys[n] = "fallback_application_name", vals[n++] = "wardesk";
	keys[n] = "client_encoding", vals[n++] = "UTF8";
	for (size_t i = 0; i < ARRAY_SIZE(conn_defaults); i++)
		if (!set[i])
			keys[n] = conn_defaults[i][0], vals[n++] = conn_defaults[i][1];
	if (password)
		keys[n] = "password", vals[n++] = password;
	keys[n] = NULL, vals[n] = NULL;
	conn = PQconnectdbParams(keys, vals, 1);
	if (!conn)
		die(EXIT_FAILURE, "out of memory (connecting)");
	if (PQstatus(conn) == CONNECTION_OK || !conn_server_said(PQerrorMessage(conn)))
		return conn;
	/* The server refused.  Its refusal of a login (28000, 28P01) must be
	 * told from any other, in any server language: that needs the
	 * SQLSTATE, which libpq only puts in the message when the error
	 * verbosity is VERBOSE, and that can only be set on a PGconn.  So start
	 * one, set it, and let PQreset make the connection again with libpq's
	 * own blocking logic (connect_timeout, several hosts,
	 * target_session_attrs).  The started attempt is closed before it sends
	 * anything.  Only refusals pay for this; an unreachable server is not
	 * waited for twice. */
	PQfinish(conn);
	conn = PQconnectStartParams(keys, vals, 1);
	if (!conn)
		die(EXIT_FAILURE, "out of memory (connecting)");
	PQsetErrorVerbosity(conn, PQERRORS_VERBOSE);
	PQreset(conn);
	PQsetErrorVerbosity(conn, PQERRORS_DEFAULT);
	return conn;
}

/* "... failed: FATAL:  28P01: password authentication failed ..." (a
 * verbose message): the SQLSTATE into ss ("" when there is none, as for a
 * server that cannot be reached) and where the server's own words start. */
static const char *conn_sqlstate(const char *msg, char ss[6])
{
	ss[0] = '\0';
	for (const char *p = strstr(msg, ":  "); p; p = strstr(p + 1, ":  ")) {
		const char *c = p + 3;
		size_t n = strspn(c, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

		if (n == 5 && c[5] == ':' && c[6] == ' ') {
			memcpy(ss, c, 5);
			ss[5] = '\0';
			return c + 7;
		}
	}
	return NULL;
}

/* A verbose connection error, for people: without the SQLSTATE and the
 * LOCATION line (source file and line of the server). */
static void conn_words(const char *msg, char *out, size_t outsz)
{
	struct strbuf sb = { 0 };
	char ss[6];
	const char *words = conn_sqlstate(msg, ss);

	sb_add(&sb, "", 0);
	if (words)
		sb_add(&sb, msg, (size_t)(words - msg - 7));   /* up to the SQLSTATE */
	sb_puts(&sb, words ? words : msg);
	for (char *l; (l = strstr(sb.s, "LOCATION:")) != NULL;) {
		char *nl = strchr(l, '\n');

		if (nl)
			memmove(l, nl + 1, strlen(nl + 1) + 1);
		else
			*l = '\0';
	}
	snprintf(out, outsz, "%s", sb.s);
	sb_free(&sb);
}

/* Why a connection failed: a login the server does not accept (unknown,
 * wrong password, NOLOGIN, not in pg_hba.conf, no CONNECT privilege, or
 * no password to give) is bad input, exit 2: the caller must change the
 * login or the password, and trying again will not help.  Anything else
 * means the database cannot be reached (exit 3: try again later). */
static enum st_status conn_error(PGconn *conn, struct st_err *err)
{
	const char *msg = PQerrorMessage(conn);
	const char *login = PQuser(conn) ? PQuser(conn) : "";
	char ss[6], words[400], server[400] = "";
	const char *own = conn_sqlstate(msg, ss);

	conn_words(msg, words, sizeof words);
	if (own) {
		snprintf(server, sizeof server, "%s", own);
		server[strcspn(server, "\n")] = '\0';
	}
	if (!strcmp(ss, "28000") || !strcmp(ss, "28P01"))
		return st_seterr(err, ST_BADINPUT, ss,
		                 _("not allowed: login %s is not known or the password is wrong (%s)"),
		                 login, server);
	if (!strcmp(ss, "42501"))
		return st_seterr(err, ST_BADINPUT, ss, _("not allowed: %s"), server);
	if (!*ss && PQconnectionNeedsPassword(conn))
		return st_seterr(err, ST_BADINPUT, NULL,
		                 _("not allowed: login %s needs a password (PGPASSWORD, ~/.pgpass, "
		                   "or run wardesk on a terminal to type it)"), login);
	return st_seterr(err, ST_OFFLINE, ss, _("cannot reach the database: %s"), words);
}

/* A password typed once is kept for reconnects of the same process. */
static char *remembered_password;
static bool may_prompt = true;
static unsigned long serials;   /* store_serial(): one per store_open */

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
		conn_error(conn, err);
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, quiet_notices, NULL);
	st = xcalloc(1, sizeof *st);
	st->conn = conn;
	st->serial = ++serials;
	st->login = xstrdup(PQuser(conn));
	st->cancel = PQgetCancel(conn);
	if (st_set_timeouts(st, err) == ST_OFFLINE) {
		store_close(&st);
		return NULL;
	}
	return st;
}

void store_close(struct store **stp)
{
	if (!stp || !*stp)
		return;
	st_async_free(*stp);   /* (cancels a background statement in flight) */
	if ((*stp)->cancel)
		PQfreeCancel((*stp)->cancel);
	free((*stp)->stream);
	PQfreemem((*stp)->held);   /* (store_live.c) */
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

void store_conninfo_user(const char *conninfo, char *buf, size_t n)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo ? conninfo : "", NULL);
	const char *user = NULL;
	struct passwd *pw;

	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (!strcmp(o->keyword, "user") && o->val && *o->val)
			user = o->val;
	if (!user || !*user)
		user = getenv("PGUSER");
	if ((!user || !*user) && (pw = getpwuid(geteuid())))
		user = pw->pw_name;   /* what libpq itself would use */
	snprintf(buf, n, "%s", user ? user : "");
	PQconninfoFree(opts);
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

/* Seconds since the epoch as extract(epoch FROM t) prints them: digits,
 * maybe a fraction.  "Infinity", "-Infinity", "NaN" or anything else give
 * false (the row cannot be shown); NULL is 0. */
bool st_col_time(PGresult *res, int row, int col, time_t *out)
{
	const char *s = PQgetvalue(res, row, col);
	const char *p = s + (*s == '-');
	size_t d = strspn(p, "0123456789");

	*out = 0;
	if (PQgetisnull(res, row, col))
		return true;
	if (d == 0 || d > 15 || (p[d] && (p[d] != '.' || p[d + 1 + strspn(p + d + 1, "0123456789")])))
		return false;
	*out = (time_t)strtoll(s, NULL, 10);
	return true;
}

double st_col_dbl(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? 0 : strtod(PQgetvalue(res, row, col), NULL);
}

/* Lines of a newline-joined text array, as a NULL-terminated vector. */
