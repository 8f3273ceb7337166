/* store_live.c - live updates (LISTEN/NOTIFY, store.h "Live updates"):
 * one drain for the case, alert and shift channels of the caller's ward
 * (wardesk_<kind>_<ward>_<token>, named by wardesk.my_channels()). */
#include "wardesk/wardesk.h"

#include "wardesk/store_impl.h"
#include "wardesk/store_json.h"

/* LISTEN to the caller's ward's channels of the kinds in kinds[] ("case",
 * "alert", "shift"; NULL-terminated): their names are secret (wardesk.my_channels(),
 * issue 13 item 10: any login may LISTEN to any channel, so a fixed name
 * would let every login of every ward hear them).  A login that is no
 * officer gets none and listens to nothing.  One statement for the names
 * and one for all the LISTENs, however many kinds (the console's start:
 * issue 14). */
static enum st_status st_listen_kinds(struct store *st, const char *const *kinds,
                                      struct st_err *err)
{
	struct strbuf arr = { 0 }, sql = { 0 };
	const char *params[1];
	PGresult *res;
	enum st_status rc = ST_OK;

	st_text_array(&arr, kinds);
	params[0] = arr.s;
	res = st_run(st, "SELECT kind, channel FROM wardesk.my_channels() WHERE kind = ANY ($1::text[])",
	             1, params, err);
	sb_free(&arr);
	sb_add(&sql, "", 0);
	if (!res && err && !strcmp(err->sqlstate, "42883") && store_ok(st)) {
		/* a database db init has not upgraded yet (no my_channels(): before
		 * 009): its triggers still send on the fixed names */
		memset(err, 0, sizeof *err);
		for (const char *const *k = kinds; *k; k++)
			sb_printf(&sql, "LISTEN wardesk_%s;", *k);
	} else if (!res) {
		sb_free(&sql);
		return err->status;
	}
	for (int r = 0; res && r < PQntuples(res); r++) {
		const char *name = PQgetvalue(res, r, 1);
		char *id = PQescapeIdentifier(st->conn, name, strlen(name));

		if (!id) {
			rc = st_seterr(err, ST_BADINPUT, NULL, _("cannot listen to %s: %s"),
			               PQgetvalue(res, r, 0),
			               PQerrorMessage(st->conn));
			break;
		}
		sb_printf(&sql, "LISTEN %s;", id);
		PQfreemem(id);
	}
	PQclear(res);
	if (rc == ST_OK && sql.len)
		rc = st_run_script(st, sql.s, err);
	sb_free(&sql);
	return rc;
}

enum st_status st_listen_kind(struct store *st, const char *kind, struct st_err *err)
{
	const char *kinds[] = { kind, NULL };

	return st_listen_kinds(st, kinds, err);
}

enum st_status store_listen_live(struct store *st, struct st_err *err)
{
	static const char *const kinds[] = { "case", "alert", "shift", NULL };

	return st_listen_kinds(st, kinds, err);
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

/* A notification's payload: its top-level members (store_json.h: nothing
 * built; a payload that is no JSON object has none). */
struct payload {
	struct sj_member m[SJ_MEMBERS];
	size_t n;
};

static void payload_read(const char *s, struct payload *pl)
{
	if (!sj_object(s, pl->m, SJ_MEMBERS, &pl->n))
		pl->n = 0;
}

/* A member as st_jlong read it: an integer, else 0. */
static int64_t p_int(const struct payload *pl, const char *key)
{
	int64_t v;

	return sj_int(sj_get(pl->m, pl->n, key), &v) ? v : 0;
}

/* A string member decoded (a heap copy: free it), "" when it is none. */
static char *p_str(const struct payload *pl, const char *key)
{
	char *s = sj_strdup(sj_get(pl->m, pl->n, key), NULL);

	return s ? s : xstrdup("");
}

/* Whom an alert notification is for, as the callback wants one login: one
 * notification per event carries every recipient ("to":[...]): the caller's
 * own login when it is one of them (and *hint its own alert, read from the
 * where in "to" it is, for store_alert_hint), else the first; "to":null (a list too long for a payload) may be for anyone: the
 * caller's login, so it fetches.  A single "to":"login" (older databases)
 * as it is.  A heap copy. */
static char *alert_to(struct store *st, const struct payload *pl, struct st_alert_payload *ap)
{
	struct sj v = sj_get(pl->m, pl->n, "to"), e;
	size_t pos = 0;
	char *first;

	*ap = (struct st_alert_payload){ pl->m, pl->n, 0, 0 };
	if (v.kind == SJ_NONE || v.kind == SJ_NULL)
		return xstrdup(st->login ? st->login : "");
	if (v.kind == SJ_STR)
		return p_str(pl, "to");
	if (st->login && v.kind == SJ_ARR) {
		/* one walk: where the login is and how many there are ("ids") */
		ap->count = sj_find_str(v, st->login, &ap->at, true);
		if (ap->at)
			return xstrdup(st->login);
	}
	if (!sj_next(v, &pos, &e))
		return xstrdup("");
	first = sj_strdup(e, NULL);   /* the first element: a string, or "" */
	return first ? first : xstrdup("");
}

/* A case notification: its queue row when it carries one (store_notify.c). */
static void drain_case(const struct payload *pl, int64_t id, st_notify_fn case_fn, void *ctx)
{
	struct wd_case row;
	bool full = st_case_payload(pl->m, pl->n, &row);
	char *op = p_str(pl, "op");

	case_fn(ctx, id, (int32_t)p_int(pl, "v"), (int)p_int(pl, "ward"), op, full ? &row : NULL);
	free(op);
	if (full)
		wd_case_free(&row);
}

static void drain_alert(struct store *st, const struct payload *pl, int64_t id,
                        st_alert_fn alert_fn, void *ctx)
{
	struct st_alert_payload ap;
	char *kind = p_str(pl, "kind"), *to = alert_to(st, pl, &ap);

	alert_fn(ctx, id, p_int(pl, "case"), kind, to, &ap);
	free(kind);
	free(to);
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

/* The next notification: one a drain held back, else libpq's next. */
static PGnotify *next_notify(struct store *st)
{
	PGnotify *n = st->held;

	if (!n)
		return PQnotifies(st->conn);
	st->held = NULL;
	return n;
}

void store_drain_stop(struct store *st)
{
	if (st)
		st->drain_stop = true;
}

enum st_status store_drain_for(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                               st_shift_fn shift_fn, void *ctx, int max_ms, bool *more,
                               struct st_err *err)
{
	/* the budget counts from the second notification: a thread's CPU
	 * clock is a system call, and most drains hold one notification */
	int64_t end = 0;
	int k = 0;
	PGnotify *n;

	if (more)
		*more = false;

	if (!st || !st->conn || PQstatus(st->conn) != CONNECTION_OK)
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	if (!PQconsumeInput(st->conn) || PQstatus(st->conn) != CONNECTION_OK)
		return st_seterr(err, ST_OFFLINE, NULL, _("lost the connection to the database: %s"),
		                 PQerrorMessage(st->conn));
	st->drain_stop = false;
	while ((n = next_notify(st)) != NULL) {
		struct payload pl;
		int64_t id;

		if (max_ms >= 0 && k++ == 1)
			end = cpu_ns() + (int64_t)max_ms * 1000000;
		payload_read(n->extra, &pl);
		id = p_int(&pl, "id");
		if (id > 0 && channel_is(n->relname, "wardesk_alert")) {
			if (alert_fn)
				drain_alert(st, &pl, id, alert_fn, ctx);
		} else if (id > 0 && channel_is(n->relname, "wardesk_case")) {
			if (case_fn)
				drain_case(&pl, id, case_fn, ctx);
		} else if (channel_is(n->relname, "wardesk_shift")) {
			if (shift_fn)
				shift_fn(ctx, n->extra);
		}
		PQfreemem(n);
		if (st->drain_stop || (end && cpu_ns() >= end)) {
			st->drain_stop = false;
			/* more waits only when one does (held: the next drain's
			 * first): a drain of exactly its budget's notifications
			 * said more, and the console slept for it and drew a frame
			 * after it for nothing (issue 14) */
			st->held = PQnotifies(st->conn);
			if (more)
				*more = st->held != NULL;
			break;
		}
	}
	return ST_OK;
}

/* ---- actions --------------------------------------------------------- */
