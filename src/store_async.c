/* store_async.c - background statements, sent without waiting and read
 * when the socket is readable (store.h, store_impl.h).
 *
 * One request is in flight at a time, at the head of a FIFO.  Its life:
 * queued -> sent (PQsendQueryPrepared / PQsendQueryParams; or first
 * PQsendPrepare when its statement is not prepared on this connection) ->
 * its results read as they come (PQconsumeInput, PQisBusy: never a
 * blocking PQgetResult) -> done -> handed to its typed sender's finish by
 * store_async_step.  A broken connection ends the one in flight with
 * ST_OFFLINE; store_close drops them all (cancelling the one in flight). */
#include "wardesk/wardesk.h"

#include <poll.h>

#include "wardesk/store_impl.h"

#define ST_ASYNC_PARAMS 4

struct st_areq {
	struct st_areq *next;
	struct st_asend a;            /* (a.params unused: params below) */
	char *params[ST_ASYNC_PARAMS];
	int try_i;                    /* which of a.tries */
	bool in_flight;               /* sent, the end of its results not read yet */
	bool preparing;               /* what is in flight is its PREPARE */
	bool prepared_once;           /* the PREPARE was tried (once per request) */
	bool done;
	PGresult *res;                /* done: the first result */
	enum st_status status;
	struct st_err err;
};

struct st_async {
	struct st_areq *head, *tail;
};

unsigned long store_serial(const struct store *st)
{
	return st ? st->serial : 0;
}

static bool offline(struct store *st)
{
	return !st->conn || PQstatus(st->conn) != CONNECTION_OK;
}

/* Whether a statement may be sent now: nothing streams (store_list_begin),
 * no transaction is open, no other statement runs. */
static bool sendable(struct store *st)
{
	return !offline(st) && !st->stream && PQtransactionStatus(st->conn) == PQTRANS_IDLE;
}

static void done_with(struct st_areq *r, enum st_status s)
{
	r->done = true;
	r->in_flight = false;
	r->status = s;
}

static int nparams(const struct st_areq *r)
{
	return strstr(r->a.tries[r->try_i], "$1") ? r->a.n : 0;
}

/* Send the head request when the connection is free. */
static void send_head(struct store *st)
{
	struct st_areq *r = st->async ? st->async->head : NULL;
	const char *const *p;
	int ok;

	if (!r || r->in_flight || r->done)
		return;
	if (offline(st)) {
		done_with(r, result_error(st, NULL, &r->err));
		return;
	}
	if (!sendable(st))
		return;
	p = (const char *const *)r->params;
	if (r->preparing)
		ok = PQsendPrepare(st->conn, r->a.prepared, r->a.tries[0], r->a.n, NULL);
	else if (r->a.prepared && r->try_i == 0)
		ok = PQsendQueryPrepared(st->conn, r->a.prepared, r->a.n, p, NULL, NULL, 0);
	else
		ok = PQsendQueryParams(st->conn, r->a.tries[r->try_i], nparams(r), NULL, p, NULL, NULL,
		                       0);
	if (!ok)
		done_with(r, result_error(st, NULL, &r->err));
	else
		r->in_flight = true;
}

/* The end of r's results was read: done, or to be sent again (its
 * statement prepared first, or an older statement text). */
static void conclude(struct store *st, struct st_areq *r)
{
	PGresult *res = r->res;
	ExecStatusType rs = PQresultStatus(res);
	const char *ss = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	r->in_flight = false;
	r->res = NULL;
	if (r->preparing && rs == PGRES_COMMAND_OK) {
		PQclear(res);
		r->preparing = false;   /* now the statement itself */
		return;
	}
	if (rs == PGRES_TUPLES_OK || (rs == PGRES_COMMAND_OK && !r->preparing)) {
		r->res = res;
		done_with(r, ST_OK);
		return;
	}
	if (ss && !strcmp(ss, "26000") && r->a.prepared && !r->prepared_once && !r->preparing) {
		PQclear(res);   /* not prepared on this connection yet */
		r->preparing = r->prepared_once = true;
		return;
	}
	if (ss && !strcmp(ss, "42883") && r->a.tries[r->try_i + 1] && !offline(st)) {
		PQclear(res);   /* undefined function: a database not yet upgraded */
		r->try_i++;     /* (its PREPARE too: the next text, not prepared) */
		r->preparing = false;
		return;
	}
	done_with(r, result_error(st, res, &r->err));   /* (clears res) */
}

/* Read r's results as far as they have come, without waiting. */
static void read_some(struct store *st, struct st_areq *r)
{
	PGresult *res;

	if (!offline(st))
		PQconsumeInput(st->conn);
	if (offline(st)) {   /* (PQisBusy may stay true on a dead connection) */
		PQclear(r->res);
		r->res = NULL;
		done_with(r, result_error(st, NULL, &r->err));
		return;
	}
	while (r->in_flight && !PQisBusy(st->conn)) {
		if (!(res = PQgetResult(st->conn))) {
			conclude(st, r);
			return;
		}
		if (!r->res)
			r->res = res;
		else
			PQclear(res);
	}
}

void st_async_send(struct store *st, const struct st_asend *a)
{
	struct st_areq *r;

	if (!st) {
		if (a->drop)
			a->drop(a->ctx);
		return;
	}
	if (!st->async)
		st->async = xcalloc(1, sizeof *st->async);
	r = xcalloc(1, sizeof *r);
	r->a = *a;
	r->a.params = NULL;
	for (int i = 0; i < a->n && i < ST_ASYNC_PARAMS; i++)
		r->params[i] = a->params[i] ? xstrdup(a->params[i]) : NULL;
	if (st->async->tail)
		st->async->tail->next = r;
	else
		st->async->head = r;
	st->async->tail = r;
	send_head(st);
}

static void req_free(struct st_areq *r, bool drop)
{
	PQclear(r->res);
	for (int i = 0; i < ST_ASYNC_PARAMS; i++)
		free(r->params[i]);
	if (drop && r->a.drop)
		r->a.drop(r->a.ctx);
	free(r);
}

bool store_async_ready(struct store *st)
{
	struct st_areq *r = st && st->async ? st->async->head : NULL;

	if (!r)
		return false;
	if (r->done || offline(st))
		return true;
	if (r->in_flight)
		return !PQisBusy(st->conn);
	return sendable(st);
}

bool store_async_step(struct store *st)
{
	struct st_areq *r = st && st->async ? st->async->head : NULL;
	st_afinish_fn finish;
	void *ctx;

	if (!r)
		return false;
	if (r->in_flight)
		read_some(st, r);
	if (!r->in_flight && !r->done)
		send_head(st);   /* (a failed send is done at once) */
	if (!r->done)
		return false;
	st->async->head = r->next;
	if (!r->next)
		st->async->tail = NULL;
	finish = r->a.finish;
	ctx = r->a.ctx;
	/* the owner's callback may close st: nothing of it is used after */
	finish(r->res, r->status, &r->err, ctx);
	r->res = NULL;   /* (finish cleared it) */
	req_free(r, false);
	return true;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool was_cancelled(const PGresult *res)
{
	const char *ss = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	return ss && !strcmp(ss, "57014");
}

/* The statement ended before the cancel reached it: the cancel's signal
 * may still wait in the backend (not yet run on a busy machine; a backend
 * ignores it only when it takes it while idle) and would cancel the next
 * statement, the officer's action.  A statement of our own takes it. */
static void absorb_cancel(struct store *st)
{
	PQclear(PQexec(st->conn, "SELECT 1"));
}

void st_async_settle(struct store *st)
{
	struct st_areq *r = st && st->async ? st->async->head : NULL;
	int64_t until = now_ms() + ST_ASYNC_SETTLE_MS;
	PGresult *res;
	char buf[256];

	if (!r || !r->in_flight)
		return;
	while (r->in_flight) {
		struct pollfd p = { .fd = PQsocket(st->conn), .events = POLLIN };
		int64_t left;

		read_some(st, r);
		left = until - now_ms();
		if (!r->in_flight || left <= 0)
			break;
		poll(&p, 1, (int)left);
	}
	if (!r->in_flight)
		return;
	/* still running (a lock, a saturated server): cancelled; one
	 * transaction, so nothing of it applies; its owner sends it again */
	if (st->cancel)
		PQcancel(st->cancel, buf, sizeof buf);
	while ((res = PQgetResult(st->conn)) != NULL) {
		if (!r->res)
			r->res = res;
		else
			PQclear(res);
	}
	if (!offline(st) && !was_cancelled(r->res))
		absorb_cancel(st);
	if (offline(st)) {
		PQclear(r->res);
		r->res = NULL;
		done_with(r, result_error(st, NULL, &r->err));
		return;
	}
	conclude(st, r);
}

void st_async_free(struct store *st)
{
	struct st_areq *r, *next;
	char buf[256];

	if (!st->async)
		return;
	r = st->async->head;
	if (r && r->in_flight && !offline(st) && st->cancel)
		PQcancel(st->cancel, buf, sizeof buf);   /* nothing of it applies after we are gone */
	for (; r; r = next) {
		next = r->next;
		req_free(r, true);
	}
	FREE(&st->async);
}
