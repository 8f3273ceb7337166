/* takes.c - benchmark 2: contested takes.
 *
 *   takes WARD_CODE LOGIN_PREFIX NOFFICERS NCASES [NSOLO]
 *
 * NOFFICERS threads, each with its own connection as officer
 * LOGIN_PREFIX01..NN, race for each case WARD_CODE-1..NCASES in turn: a
 * barrier, then all call the statement the CLI and the console send
 * (store_take in src/store_case_actions.c: TAKE_SQL below, with $2 NULL; the store
 * turns a loss into the refusal WD102 naming the holder,
 * tests/cli/take_try.sh checks that both send the same text) at once.
 * Exactly one may win (won = t); every loser must be told the winner
 * (won = f, holder = the winner's login); any error counts as "other".
 * Then the floor, raced
 * the same way on a plain table: a single-statement
 * "UPDATE bench_cases SET owner = $1 WHERE id = $2 AND owner IS NULL".
 *
 * Prints TSV: "takes cases seconds rate wins_ok double lost other_err bad_loser_msg"
 * and "takes_floor cases seconds rate wins_ok double lost".
 *
 * With NSOLO, two more measurements (the bound of the race, not a target):
 * officer 01 takes the free cases WARD_CODE-(NCASES+1)..(NCASES+NSOLO)
 * one by one, nobody else racing ("takes_solo n p50_ms p90_ms": what one
 * uncontested take holds its transaction), then the floor's race is run
 * again with each winner holding its row that long, burning CPU as a take's
 * winner does (public.bench_hold, bench/run.sh): "takes_bound cases seconds
 * rate wins_ok double lost hold_ms".  That is the plain UPDATE race of the
 * floor with the one thing an audited take cannot shed: a winner that
 * commits only after its work, while 49 losers wait for that commit. */
#include "bench.h"

#include <pthread.h>
#include <stdatomic.h>

#include <libpq-fe.h>

#define TAKE_SQL "SELECT won, ref, holder, holder_name, version FROM wardesk.take_try($1, $2::int)"
/* the floor's UPDATE; its winner (only) then holds the row $3 ms */
#define BOUND_SQL                                                                              \
	"WITH u AS (UPDATE bench_cases SET owner = $1 WHERE id = $2 AND owner IS NULL RETURNING 1) " \
	"SELECT count(*) FROM u WHERE public.bench_hold($3::float8)"

enum mode { M_TAKE, M_FLOOR, M_BOUND };

static int nthreads, ncases, nsolo;
static enum mode mode;
static char hold_ms[32];         /* M_BOUND: the winner's hold, ms */
static const char *ward, *prefix;
static pthread_barrier_t bar, start;
static _Atomic int *wins;        /* per case */
static int *winner;              /* per case: thread index of the winner */
static unsigned char *named;     /* per case x thread: thread index + 1 the loser was told */
static _Atomic long other_err;

static PGconn *connect_as(const char *login)
{
	const char *keys[] = { "user", "fallback_application_name", NULL };
	const char *vals[] = { login, "wardesk-bench", NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);

	if (PQstatus(c) != CONNECTION_OK)
		bench_die("connect as %s: %s", login, PQerrorMessage(c));
	return c;
}

/* The thread index of officer LOGIN_PREFIXnn, or -1. */
static int login_index(const char *login)
{
	size_t plen = strlen(prefix);

	if (strncmp(login, prefix, plen) || !login[plen])
		return -1;
	return atoi(login + plen) - 1;
}

static void *racer(void *arg)
{
	int k = (int)(intptr_t)arg;
	char login[64], ref[32], idbuf[16];
	PGconn *c;

	snprintf(login, sizeof login, "%s%02d", prefix, k + 1);
	c = connect_as(login);
	pthread_barrier_wait(&start);
	for (int i = 0; i < ncases; i++) {
		PGresult *r;

		pthread_barrier_wait(&bar);
		if (mode == M_TAKE) {
			const char *params[2] = { ref, NULL };

			snprintf(ref, sizeof ref, "%s-%d", ward, i + 1);
			r = PQexecParams(c, TAKE_SQL, 2, NULL, params, NULL, NULL, 0);
			if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
				atomic_fetch_add(&other_err, 1);
			else if (!strcmp(PQgetvalue(r, 0, 0), "t")) {
				atomic_fetch_add(&wins[i], 1);
				winner[i] = k;
			} else
				named[(size_t)i * (size_t)nthreads + (size_t)k] =
				    (unsigned char)(login_index(PQgetvalue(r, 0, 2)) + 1);
		} else if (mode == M_FLOOR) {
			const char *params[2] = { login, idbuf };

			snprintf(idbuf, sizeof idbuf, "%d", i + 1);
			r = PQexecParams(c,
			                 "UPDATE bench_cases SET owner = $1 WHERE id = $2 AND owner IS NULL",
			                 2, NULL, params, NULL, NULL, 0);
			if (PQresultStatus(r) != PGRES_COMMAND_OK)
				atomic_fetch_add(&other_err, 1);
			else if (!strcmp(PQcmdTuples(r), "1")) {
				atomic_fetch_add(&wins[i], 1);
				winner[i] = k;
			}
		} else {
			const char *params[3] = { login, idbuf, hold_ms };

			snprintf(idbuf, sizeof idbuf, "%d", i + 1);
			r = PQexecParams(c, BOUND_SQL, 3, NULL, params, NULL, NULL, 0);
			if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
				atomic_fetch_add(&other_err, 1);
			else if (!strcmp(PQgetvalue(r, 0, 0), "1")) {
				atomic_fetch_add(&wins[i], 1);
				winner[i] = k;
			}
		}
		PQclear(r);
	}
	PQfinish(c);
	return NULL;
}

static void run(enum mode md)
{
	pthread_t *t = calloc((size_t)nthreads, sizeof *t);
	long ok = 0, dbl = 0, lost = 0, badmsg = 0;
	int64_t t0, t1;

	mode = md;
	other_err = 0;
	for (int i = 0; i < ncases; i++)
		wins[i] = 0;
	memset(named, 0, (size_t)ncases * (size_t)nthreads);
	pthread_barrier_init(&bar, NULL, (unsigned)nthreads);
	pthread_barrier_init(&start, NULL, (unsigned)nthreads + 1);
	for (int k = 0; k < nthreads; k++)
		pthread_create(&t[k], NULL, racer, (void *)(intptr_t)k);
	/* every connection is made before the start barrier; time from there */
	pthread_barrier_wait(&start);
	t0 = now_ns();
	for (int k = 0; k < nthreads; k++)
		pthread_join(t[k], NULL);
	t1 = now_ns();
	pthread_barrier_destroy(&bar);
	pthread_barrier_destroy(&start);
	for (int i = 0; i < ncases; i++) {
		int w = wins[i];

		if (w == 1)
			ok++;
		else if (w > 1)
			dbl++;
		else
			lost++;
		if (md == M_TAKE && w == 1)
			for (int k = 0; k < nthreads; k++)
				if (k != winner[i] &&
				    named[(size_t)i * (size_t)nthreads + (size_t)k] != winner[i] + 1)
					badmsg++;
	}
	if (md == M_TAKE)
		printf("takes\t%d\t%.3f\t%.1f\t%ld\t%ld\t%ld\t%ld\t%ld\n", ncases, (double)(t1 - t0) / 1e9,
		       ncases / ((double)(t1 - t0) / 1e9), ok, dbl, lost, (long)other_err, badmsg);
	else
		printf("%s\t%d\t%.3f\t%.1f\t%ld\t%ld\t%ld\t%ld%s%s\n",
		       md == M_FLOOR ? "takes_floor" : "takes_bound", ncases,
		       (double)(t1 - t0) / 1e9, ncases / ((double)(t1 - t0) / 1e9), ok, dbl, lost,
		       (long)other_err, md == M_BOUND ? "\t" : "", md == M_BOUND ? hold_ms : "");
	fflush(stdout);
	free(t);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The median round trip of NSOLO "SELECT 1" on C, ns. */
static long long trip_ns(PGconn *c, long long *ns)
{
	for (int i = 0; i < nsolo; i++) {
		int64_t t0 = now_ns();
		PGresult *r = PQexec(c, "SELECT 1");

		ns[i] = now_ns() - t0;
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			bench_die("SELECT 1: %s", PQresultErrorMessage(r));
		PQclear(r);
	}
	qsort(ns, (size_t)nsolo, sizeof *ns, cmp_ll);
	return ns[nsolo / 2];
}

/* Officer 01 takes NSOLO free cases one by one; sets hold_ms to the
 * median less the median round trip of "SELECT 1" (what the server holds
 * the take's transaction, about) and prints "takes_solo n p50_ms p90_ms
 * trip_ms". */
static void solo(void)
{
	char login[64], ref[32];
	long long *ns = calloc((size_t)nsolo, sizeof *ns), trip;
	PGconn *c;

	if (!ns)
		bench_die("out of memory");
	snprintf(login, sizeof login, "%s01", prefix);
	c = connect_as(login);
	trip = trip_ns(c, ns);
	for (int i = 0; i < nsolo; i++) {
		const char *params[2] = { ref, NULL };
		int64_t t0 = now_ns();
		PGresult *r;

		snprintf(ref, sizeof ref, "%s-%d", ward, ncases + i + 1);
		r = PQexecParams(c, TAKE_SQL, 2, NULL, params, NULL, NULL, 0);
		ns[i] = now_ns() - t0;
		if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1 ||
		    strcmp(PQgetvalue(r, 0, 0), "t"))
			bench_die("solo take of %s: %s", ref, PQresultErrorMessage(r));
		PQclear(r);
	}
	PQfinish(c);
	qsort(ns, (size_t)nsolo, sizeof *ns, cmp_ll);
	snprintf(hold_ms, sizeof hold_ms, "%.3f",
	         (double)(ns[nsolo / 2] > trip ? ns[nsolo / 2] - trip : 0) / 1e6);
	printf("takes_solo\t%d\t%.3f\t%.3f\t%.3f\n", nsolo, (double)ns[nsolo / 2] / 1e6,
	       (double)ns[nsolo * 9 / 10] / 1e6, (double)trip / 1e6);
	fflush(stdout);
	free(ns);
}

/* The floor's table free again, for the bound's race. */
static void floor_reset(void)
{
	char login[64];
	PGconn *c;
	PGresult *r;

	snprintf(login, sizeof login, "%s01", prefix);
	c = connect_as(login);
	r = PQexec(c, "UPDATE bench_cases SET owner = NULL");
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		bench_die("reset bench_cases: %s", PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
}

int main(int argc, char **argv)
{
	if (argc != 5 && argc != 6)
		bench_die("usage: takes WARD_CODE LOGIN_PREFIX NOFFICERS NCASES [NSOLO]");
	ward = argv[1];
	prefix = argv[2];
	nthreads = atoi(argv[3]);
	ncases = atoi(argv[4]);
	nsolo = argc == 6 ? atoi(argv[5]) : 0;
	if (nthreads < 2 || nthreads > 250 || ncases < 1 || nsolo < 0)
		bench_die("bad arguments");
	wins = calloc((size_t)ncases, sizeof *wins);
	winner = calloc((size_t)ncases, sizeof *winner);
	named = calloc((size_t)ncases * (size_t)nthreads, 1);
	if (!wins || !winner || !named)
		bench_die("out of memory");
	run(M_FLOOR);   /* floor first: the plain table */
	run(M_TAKE);
	if (nsolo > 0) {
		solo();
		floor_reset();
		run(M_BOUND);
	}
	return 0;
}
