/* store_impl.h - private to the store module family (src/store*.c).
 *
 * The store is one module split by subject: store_conn.c (connection,
 * errors, statement helpers), store_cases.c (cases, officers, actions),
 * store_migrate.c (db init), store_live.c (LISTEN/NOTIFY), and
 * store_<subject>.c files that add typed functions for later features.  Only these files include libpq and write
 * SQL; everything else uses store.h and its siblings. */
#ifndef WARDESK_STORE_IMPL_H
#define WARDESK_STORE_IMPL_H

#include <signal.h>

#include <libpq-fe.h>

#include "wardesk/store.h"

struct store {
	PGconn *conn;
	char *login;
	PGcancel *cancel;   /* made at connect, for PQcancel from a signal handler */
	size_t skipped;     /* rows the last list could not decode */
	char skipped_ref[32];   /* the first of them */
	struct st_stream *stream;   /* store_list_begin's list, until collected */
	struct st_async *async;     /* background statements (store_async.c) */
	unsigned long serial;       /* store_serial() */
	PGnotify *held;             /* read past a drain's budget: the next drain's first */
	bool drain_stop;            /* store_drain_stop: after this notification */
};

/* ---- background statements (store_async.c; the API: store.h) ---- */

/* A finished request, to its typed sender's wrapper: res is the result
 * (NULL unless s is ST_OK; finish clears it), err why not.  Never touches
 * the store (it may be closed by the owner's callback). */
typedef void (*st_afinish_fn)(PGresult *res, enum st_status s, const struct st_err *err,
                              void *ctx);
struct st_asend {
	/* statement texts: the next is tried when the one before is an
	 * undefined function (42883: a database not yet upgraded) */
	const char *const *tries;
	const char *prepared;       /* tries[0] prepared under this name (or NULL) */
	int n;
	const char *const *params;  /* copied */
	st_afinish_fn finish;
	void (*drop)(void *ctx);    /* the request went with its connection */
	void *ctx;
};
/* Queue a request (sent at once when the connection is free).  Without a
 * connection, finish is called at once with ST_OFFLINE. */
void st_async_send(struct store *st, const struct st_asend *a);
/* A synchronous statement is about to be sent: the one in flight is
 * finished (waited for ST_ASYNC_SETTLE_MS, then cancelled), its result
 * kept for store_async_step.  st_ready does it. */
void st_async_settle(struct store *st);
/* store_close: every request is dropped. */
void st_async_free(struct store *st);

/* A list begun with store_list_begin still sends rows: pass them all on
 * now (blocking), so the connection is free for another statement.  st_run
 * and store_list_each do it first. */
void st_stream_finish(struct store *st);

/* Fill err (may be NULL) and return status. */
enum st_status st_seterr(struct st_err *err, enum st_status status, const char *sqlstate,
                         const char *fmt, ...) WD_PRINTF(4, 5);
/* ---- timeouts and interrupts (store_guard.c) ---- */

enum st_timeout_kind {
	ST_T_LOCK,        /* lock_timeout of every statement: 3s */
	ST_T_STATEMENT,   /* statement_timeout of every statement: 10s */
	ST_T_LONG,        /* statement_timeout of long reads (snapshot, stats): 120s */
};
/* The setting as a PostgreSQL duration ("3s"), after the WARDESK_*_TIMEOUT
 * environment overrides. */
const char *st_timeout(enum st_timeout_kind k);
/* Session lock_timeout and statement_timeout, and jit off (store_open
 * does it). */
enum st_status st_set_timeouts(struct store *st, struct st_err *err);
/* Raise statement_timeout to ST_T_LONG for the next statement(s), then back.
 * Nothing happens inside a transaction. */
enum st_status st_long_begin(struct store *st, struct st_err *err);
void st_long_end(struct store *st);
/* st_run of one long read, under ST_T_LONG. */
PGresult *st_run_long(struct store *st, const char *sql, int n, const char *const *params,
                      struct st_err *err);

/* While a statement runs: SIGINT/SIGTERM (when at their default) cancel it. */
struct st_guard {
	bool has_int, has_term;
	struct sigaction old_int, old_term;
};
void st_guard_begin(struct store *st, struct st_guard *g);
void st_guard_end(struct st_guard *g);
/* A SIGINT/SIGTERM came during a statement: nothing more is sent. */
bool st_interrupted(void);
/* Whether a statement may be sent now: ST_OK, or ST_OFFLINE (no connection)
 * or ST_REFUSED (interrupted) with err filled. */
enum st_status st_ready(struct store *st, struct st_err *err);
/* Whether the process leaves SIGINT or SIGTERM to the store (the CLI). */
bool st_guard_wanted(void);
/* st_run for a statement that changes something: in the CLI, inside its own
 * transaction that is committed only when no interrupt came. */
PGresult *st_write(struct store *st, const char *sql, int n, const char *const *params,
                   struct st_err *err);

/* LISTEN to every channel of kind ("case", "alert", "shift") that
 * wardesk.my_channels() gives the caller (store_live.c). */
enum st_status st_listen_kind(struct store *st, const char *kind, struct st_err *err);
/* Fill err from a failed result (or a dead connection) and clear res. */
enum st_status result_error(struct store *st, PGresult *res, struct st_err *err);
/* Run a constant statement without parameters; ST_OK or err's status. */
/* Members of a JSON document the database returned (json-c): the value of
 * key, NULL when o is NULL or has no such key; as a number, 0 for missing
 * or null. */
struct json_object;
struct json_object *st_jget(struct json_object *o, const char *key);
long st_jlong(struct json_object *o, const char *key);
/* Append ids as a PostgreSQL bigint[] literal ("{1,2,3}") to sb. */
void st_bigint_array(struct strbuf *sb, const int64_t *ids, size_t n);
/* text[] literal of a NULL-terminated vector: every element double-quoted,
 * with \ and " escaped. */
void st_text_array(struct strbuf *sb, const char *const *v);
/* o[key] when it is a string, else "" (never NULL). */
const char *st_jstr(struct json_object *o, const char *key);
enum st_status run_simple(struct store *st, const char *sql, struct st_err *err);
/* Statements with no parameters, separated by ";", in one round trip (the
 * simple protocol; no $n); like run_simple otherwise. */
enum st_status st_run_script(struct store *st, const char *sql, struct st_err *err);
/* Run a parameterised statement ($1..$n, text parameters, NULL = SQL NULL).
 * Returns the result (caller PQclear()s) or NULL with err filled. */
PGresult *st_run(struct store *st, const char *sql, int n, const char *const *params,
                 struct st_err *err);
/* Same, for statements whose result is not needed; checks every parameter
 * is valid UTF-8 first. */
enum st_status st_call(struct store *st, const char *sql, int n, const char *const *params,
                       struct st_err *err);
/* Run a constant multi-statement script without parameters (PQexec). */
enum st_status st_exec_script(struct store *st, const char *text, struct st_err *err);
/* bytes as a bytea parameter in hex form ("\\x..."), malloc'd
 * (store_cases.c). */
char *st_bytea_hex(const void *bytes, size_t len);
/* Refuse invalid UTF-8 with the offset ("WHAT is not valid UTF-8"). */
bool st_check_utf8(const char *what, const char *s, struct st_err *err);

/* Row readers: NULL/0 for SQL NULL.  col_str allocates. */
char *st_col_str(PGresult *res, int row, int col);
long long st_col_ll(PGresult *res, int row, int col);
double st_col_dbl(PGresult *res, int row, int col);
/* A time column as extract(epoch FROM ...) gives it; false when it is not
 * a finite time (then *out is 0). */
bool st_col_time(PGresult *res, int row, int col, time_t *out);

/* The list columns of wardesk.case_list, and the reader for them: false
 * when the row cannot be decoded (a time that is not finite); c is filled
 * as far as it goes either way (free it). */
extern const char st_case_columns[];
bool st_case_from_row(PGresult *res, int r, struct wd_case *c);
/* A list skips a row it cannot decode: count it on st (and in err->msg,
 * status left alone) instead of failing the whole list. */
void st_case_skipped(struct store *st, const struct wd_case *c, struct st_err *err);

/* The queue row a case notification carries (store_notify.c): decode the
 * "row" of the payload (its top-level members, store_json.h) into c (free with wd_case_free).  Only what
 * the console's model keeps (model_put): id, ref, version, state, channel,
 * escalation, category, owner, deadline_at, closed_at, warn_min,
 * warned_at/ack_at (1 when set: the payload says only whether), callback,
 * hotline_line, likely_dup, urgent, address, description, reporter_phone,
 * reporter_name, ward_id.  false (c zeroed): no row (the short form), or
 * anything missing, of the wrong type, out of range or not valid UTF-8:
 * the caller refetches.  Outside input: any login of the ward can NOTIFY. */
struct sj_member;
bool st_case_payload(const struct sj_member *top, size_t ntop, struct wd_case *c);
/* An alert notification's payload as the drain read it (store.h
 * st_alert_fn): its top-level members (sj_object: spans into the
 * notification, valid during the callback only) and where the caller's
 * login is among the n recipients of "to" (at: 1-based, 0: not there). */
struct st_alert_payload {
	const struct sj_member *m;
	size_t n;
	size_t at, count;
};

#endif
