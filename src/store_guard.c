/* store_guard.c - no database action waits forever or applies after it was
 * interrupted (see store_impl.h).
 *
 * Timeouts: every connection gets lock_timeout (default 3 s) and
 * statement_timeout (default 10 s) as session settings right after
 * connecting; long reads (the console's snapshot, a whole list, the sweep,
 * statistics, export) raise statement_timeout for their one statement
 * (default 120 s).  WARDESK_LOCK_TIMEOUT, WARDESK_STATEMENT_TIMEOUT and
 * WARDESK_LONG_TIMEOUT override them: a PostgreSQL duration ("3s",
 * "500ms", "2min", a bare number is milliseconds, "0" = none).
 *
 * Interrupts: while a statement runs in a process that left SIGINT/SIGTERM
 * at their default (the one-shot CLI), a handler cancels it with PQcancel
 * (async-signal-safe; the PGcancel is made at connect) and remembers the
 * signal.  Every later statement of the process is then refused without
 * being sent, and st_write (the store's changing calls) runs its statement
 * in a transaction that is committed only when no signal came: an
 * interrupted action never applies later.  A process with handlers of its
 * own (the console, watch) keeps them and relies on the timeouts. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <signal.h>

#include "wardesk/store_impl.h"

/* ---- timeouts -------------------------------------------------------- */

/* A PostgreSQL duration: digits, then nothing, "ms", "s" or "min". */
static bool duration_ok(const char *s)
{
	size_t d = strspn(s, "0123456789");

	if (d == 0 || d > 9)
		return false;
	return !s[d] || !strcmp(s + d, "ms") || !strcmp(s + d, "s") || !strcmp(s + d, "min");
}

static const char *timeout_of(const char *env, const char *dflt)
{
	const char *v = getenv(env);

	return v && duration_ok(v) ? v : dflt;
}

const char *st_timeout(enum st_timeout_kind k)
{
	switch (k) {
	case ST_T_LOCK: return timeout_of("WARDESK_LOCK_TIMEOUT", "3s");
	case ST_T_STATEMENT: return timeout_of("WARDESK_STATEMENT_TIMEOUT", "10s");
	case ST_T_LONG: return timeout_of("WARDESK_LONG_TIMEOUT", "120s");
	}
	return "0";
}

enum st_status st_set_timeouts(struct store *st, struct st_err *err)
{
	const char *params[] = { st_timeout(ST_T_LOCK), st_timeout(ST_T_STATEMENT) };
	/* jit off: the desk's statements are short, and a plan the planner
	 * priced over jit_above_cost paid 40+ ms of compiling for a 1 ms
	 * query (alerts_seen on 80,000 alerts, issue 14) */
	PGresult *res = st_run(st, "SELECT set_config('lock_timeout', $1, false),"
	                           " set_config('statement_timeout', $2, false),"
	                           " set_config('jit', 'off', false)", 2, params, err);

	if (!res)
		return err ? err->status : ST_REFUSED;
	PQclear(res);
	return ST_OK;
}

static enum st_status statement_timeout(struct store *st, const char *v, struct st_err *err)
{
	const char *params[] = { v };
	PGresult *res;

	if (PQtransactionStatus(st->conn) != PQTRANS_IDLE)
		return ST_OK;   /* inside someone's transaction: leave the session alone */
	res = st_run(st, "SELECT set_config('statement_timeout', $1, false)", 1, params, err);
	if (!res)
		return err ? err->status : ST_REFUSED;
	PQclear(res);
	return ST_OK;
}

enum st_status st_long_begin(struct store *st, struct st_err *err)
{
	if (!store_ok(st))
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	return statement_timeout(st, st_timeout(ST_T_LONG), err);
}

void st_long_end(struct store *st)
{
	struct st_err ignore = { 0 };

	if (store_ok(st))
		statement_timeout(st, st_timeout(ST_T_STATEMENT), &ignore);
}

/* ---- interrupts ------------------------------------------------------ */

static PGcancel *volatile running;        /* the statement to cancel, while one runs */
static volatile sig_atomic_t caught;      /* SIGINT/SIGTERM seen during a statement */

static void on_signal(int sig)
{
	int saved = errno;
	PGcancel *c = running;
	char buf[256];

	caught = sig;
	if (c)
		PQcancel(c, buf, sizeof buf);
	errno = saved;
}

bool st_interrupted(void)
{
	return caught != 0;
}

enum st_status st_ready(struct store *st, struct st_err *err)
{
	if (!store_ok(st))
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	if (st_interrupted())
		return st_seterr(err, ST_REFUSED, "57014", _("interrupted: nothing was changed"));
	st_async_settle(st);   /* a background statement in flight first (store.h) */
	return ST_OK;
}

/* Whether sig is at its default disposition (nobody else handles it). */
static bool is_default(int sig, struct sigaction *old)
{
	return sigaction(sig, NULL, old) == 0 && !(old->sa_flags & SA_SIGINFO) &&
	       old->sa_handler == SIG_DFL;
}

bool st_guard_wanted(void)
{
	struct sigaction a, b;

	return is_default(SIGINT, &a) || is_default(SIGTERM, &b);
}

void st_guard_begin(struct store *st, struct st_guard *g)
{
	struct sigaction sa;

	memset(g, 0, sizeof *g);
	if (!st->cancel)
		return;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	running = st->cancel;
	g->has_int = is_default(SIGINT, &g->old_int);
	g->has_term = is_default(SIGTERM, &g->old_term);
	if (g->has_int)
		sigaction(SIGINT, &sa, NULL);
	if (g->has_term)
		sigaction(SIGTERM, &sa, NULL);
}

void st_guard_end(struct st_guard *g)
{
	if (g->has_int)
		sigaction(SIGINT, &g->old_int, NULL);
	if (g->has_term)
		sigaction(SIGTERM, &g->old_term, NULL);
	running = NULL;
}

/* ---- changing calls -------------------------------------------------- */

static void rollback(struct store *st)
{
	if (store_ok(st))
		PQclear(PQexec(st->conn, "ROLLBACK"));
}

PGresult *st_write(struct store *st, const char *sql, int n, const char *const *params,
                   struct st_err *err)
{
	PGresult *res;

	if (!store_ok(st) || PQtransactionStatus(st->conn) != PQTRANS_IDLE || !st_guard_wanted())
		return st_run(st, sql, n, params, err);
	if (run_simple(st, "BEGIN", err) != ST_OK)
		return NULL;
	res = st_run(st, sql, n, params, err);
	if (res && st_interrupted()) {
		PQclear(res);
		res = NULL;
		st_seterr(err, ST_REFUSED, "57014", _("interrupted: nothing was changed"));
	}
	if (!res) {
		rollback(st);
		return NULL;
	}
	if (run_simple(st, "COMMIT", err) != ST_OK) {   /* refused unsent when interrupted */
		rollback(st);
		PQclear(res);
		return NULL;
	}
	return res;
}

PGresult *st_run_long(struct store *st, const char *sql, int n, const char *const *params,
                      struct st_err *err)
{
	PGresult *res;

	if (st_long_begin(st, err) != ST_OK)
		return NULL;
	res = st_run(st, sql, n, params, err);
	st_long_end(st);
	return res;
}
