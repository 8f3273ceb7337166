/* store_live.c - live updates (LISTEN/NOTIFY, store.h "Live updates"):
 * one drain for the case, alert and shift channels of the caller's ward
 * (wardesk_<kind>_<ward>_<token>, named by wardesk.my_channels()). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/store_impl.h"

/* LISTEN to the caller's ward's channels of one kind ("case", "alert",
 * "shift"): their names are secret (wardesk.my_channels(), issue 13 item
 * 10: any login may LISTEN to any channel, so a fixed name would let every
 * login of every ward hear them).  A login that is no officer gets none and
 * listens to nothing. */
enum st_status st_listen_kind(struct store *st, const char *kind, struct st_err *err)
{
	const char *params[] = { kind };
	PGresult *res = st_run(st, "SELECT channel FROM wardesk.my_channels() WHERE kind = $1", 1,
	                       params, err);
	enum st_status rc = ST_OK;

	if (!res && err && !strcmp(err->sqlstate, "42883") && store_ok(st)) {
		/* a database db init has not upgraded yet (no my_channels(): before
		 * 009): its triggers still send on the fixed names */
		char *sql = xasprintf("LISTEN wardesk_%s", kind);

		memset(err, 0, sizeof *err);
		rc = run_simple(st, sql, err);
		free(sql);
		return rc;
	}
	if (!res)
		return err->status;
	for (int r = 0; r < PQntuples(res) && rc == ST_OK; r++) {
		const char *name = PQgetvalue(res, r, 0);
		char *id = PQescapeIdentifier(st->conn, name, strlen(name));
		char *sql;

		if (!id) {
			rc = st_seterr(err, ST_BADINPUT, NULL, _("cannot listen to %s: %s"), kind,
			               PQerrorMessage(st->conn));
			break;
		}
		sql = xasprintf("LISTEN %s", id);
		PQfreemem(id);
		rc = run_simple(st, sql, err);
		free(sql);
	}
	PQclear(res);
	return rc;
}

/* Whether the channel relname is of kind base ("wardesk_case"): the ward's
 * own wardesk_case_<ward>_<token>, or the fixed name of older databases. */
static bool channel_is(const char *relname, const char *base)
{
	size_t n = strlen(base);

	return !strncmp(relname, base, n) && (relname[n] == '\0' || relname[n] == '_');
}

enum st_status store_listen(struct store *st, struct st_err *err)
{
	return st_listen_kind(st, "case", err);
}

enum st_status store_drain(struct store *st, st_notify_fn fn, void *ctx, struct st_err *err)
{
	return store_drain_all(st, fn, NULL, NULL, ctx, err);   /* one parser: store_deadline.c */
}

enum st_status store_alert_listen(struct store *st, struct st_err *err)
{
	return st_listen_kind(st, "alert", err);
}

/* Whom an alert notification is for, as the callback wants one login: one
 * notification per event carries every recipient ("to":[...]): the caller's
 * own login when it is one of them, else the first; "to":null (a list too
 * long for a payload) may be for anyone: the caller's login, so it fetches.
 * A single "to":"login" (older databases) as it is. */
static const char *alert_to(struct store *st, struct json_object *o)
{
	struct json_object *v;
	size_t n;

	if (!o || !json_object_object_get_ex(o, "to", &v) || !v)
		return st->login ? st->login : "";
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	if (!json_object_is_type(v, json_type_array) || (n = json_object_array_length(v)) == 0)
		return "";
	for (size_t i = 0; i < n; i++) {
		struct json_object *e = json_object_array_get_idx(v, i);

		if (e && json_object_is_type(e, json_type_string) && st->login &&
		    !strcmp(json_object_get_string(e), st->login))
			return st->login;
	}
	v = json_object_array_get_idx(v, 0);
	return v && json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "";
}

/* A case notification: its queue row when it carries one (store_notify.c). */
static void drain_case(struct json_object *o, int64_t id, st_notify_fn case_fn, void *ctx)
{
	struct wd_case row;
	bool full = st_case_payload(o, &row);

	case_fn(ctx, id, (int32_t)st_jlong(o, "v"), (int)st_jlong(o, "ward"), st_jstr(o, "op"),
	        full ? &row : NULL);
	if (full)
		wd_case_free(&row);
}

/* A notification's JSON: one tokener kept for every one (json_tokener_parse
 * makes and frees one per call, a kilobyte and more: per notification it
 * sent malloc to consolidate its fast bins).  Per thread; only the loops
 * that drain (the console's, watch's) use it. */
static struct json_object *parse_payload(const char *s)
{
	static _Thread_local struct json_tokener *tok;
	struct json_object *o;

	if (!tok && !(tok = json_tokener_new()))
		return NULL;
	json_tokener_reset(tok);
	o = json_tokener_parse_ex(tok, s, -1);
	if (json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(o);
		o = NULL;
	}
	return o;
}

enum st_status store_drain_live(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                                void *ctx, struct st_err *err)
{
	return store_drain_all(st, case_fn, alert_fn, NULL, ctx, err);
}

enum st_status store_drain_all(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                               st_shift_fn shift_fn, void *ctx, struct st_err *err)
{
	return store_drain_for(st, case_fn, alert_fn, shift_fn, ctx, -1, NULL, err);
}

/* The thread's own CPU time: a drain's budget is work done, not time
 * waited for a CPU (200 consoles on 2 cores: a wall-clock slice held one
 * notification, and a frame followed each). */
static int64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

enum st_status store_drain_for(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                               st_shift_fn shift_fn, void *ctx, int max_ms, bool *more,
                               struct st_err *err)
{
	int64_t end = max_ms >= 0 ? cpu_ns() + (int64_t)max_ms * 1000000 : 0;
	PGnotify *n;

	if (more)
		*more = false;

	if (!st || !st->conn || PQstatus(st->conn) != CONNECTION_OK)
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	if (!PQconsumeInput(st->conn) || PQstatus(st->conn) != CONNECTION_OK)
		return st_seterr(err, ST_OFFLINE, NULL, _("lost the connection to the database: %s"),
		                 PQerrorMessage(st->conn));
	while ((n = PQnotifies(st->conn)) != NULL) {
		struct json_object *o = parse_payload(n->extra);
		int64_t id = st_jlong(o, "id");

		if (id > 0 && channel_is(n->relname, "wardesk_alert")) {
			if (alert_fn)
				alert_fn(ctx, id, st_jlong(o, "case"), st_jstr(o, "kind"), alert_to(st, o),
				         n->extra);
		} else if (id > 0 && channel_is(n->relname, "wardesk_case")) {
			if (case_fn)
				drain_case(o, id, case_fn, ctx);
		} else if (channel_is(n->relname, "wardesk_shift")) {
			if (shift_fn)
				shift_fn(ctx, n->extra);
		}
		json_object_put(o);
		PQfreemem(n);
		if (end && cpu_ns() >= end) {
			if (more)
				*more = true;
			break;
		}
	}
	return ST_OK;
}

/* ---- actions --------------------------------------------------------- */
