/* live.c - benchmark 1: live delivery of a new case to N consoles.
 *
 *   live WARDESK HOME REPORTER LOGIN_PREFIX NLOGINS N...
 *
 * Floor first: a bare libpq NOTIFY (payload of the size wardesk sends) from
 * one connection to another that LISTENs; time from the sender's PQexec
 * returning (the commit) to PQnotifies() handing it over on the listener;
 * and before each N > 1, the same to N listeners, until the slowest has it.
 *
 * Then for each N: N real consoles (`WARDESK` with no command, each on its
 * own pty, 80x24, each as one of the officers LOGIN_PREFIX001..NLOGINS,
 * round robin), the initial screens drawn and the consoles settled (their
 * connections idle for a second: settle() below), then rounds: REPORTER calls
 * wardesk.report() (implicit commit) with a received time in the past so
 * the new case has the earliest deadline and sorts to the top of every
 * console's first screen (an hour ago: 1 h left, no sweep step); t0 = when PQexec returns; for every console, the
 * time the case's address marker (bench.h case_marker style, unique per
 * round) has been written to its terminal.
 *
 * Then, for N <= BENCH_LIVE_CPU_MAX (default 1): the consoles' own CPU per
 * new case: BENCH_LIVE_CPU cases (default 200) reported 20 ms apart, no key
 * pressed, then 1.5 s for the confirmations and alerts; the consoles' CPU
 * time (/proc/PID/schedstat: on-CPU ns, user and system) over that span,
 * per case and console, and the bytes they wrote to their terminals.
 *
 * Prints TSV lines: "floor N p50 p99 max n", "live N p50 p99 max samples
 * missing" and "cpu N ms_per_case_per_console bytes_per_case_per_console cases".
 * BENCH_LIVE_ROUNDS overrides the number of rounds per N. */
#include "bench.h"

#include <libpq-fe.h>
#include <stdbool.h>

static PGconn *connect_as(const char *login)
{
	const char *keys[] = { "user", "fallback_application_name", NULL };
	const char *vals[] = { login, "wardesk-bench", NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);

	if (PQstatus(c) != CONNECTION_OK)
		bench_die("connect as %s: %s", login, PQerrorMessage(c));
	return c;
}

static void exec_ok(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		bench_die("%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
}

/* Wait until every listener has had one notification; false if one has
 * none after 5 s. */
static bool floor_collect(PGconn **lis, int nlis, char *got)
{
	struct pollfd *p = calloc((size_t)nlis, sizeof *p);
	int64_t end = now_ns() + 5000000000LL;
	int have = 0;

	memset(got, 0, (size_t)nlis);
	while (have < nlis && now_ns() < end) {
		int np = 0;

		for (int j = 0; j < nlis; j++) {
			PGnotify *nt;

			if (got[j])
				continue;
			PQconsumeInput(lis[j]);
			if ((nt = PQnotifies(lis[j])) != NULL) {
				PQfreemem(nt);
				got[j] = 1;
				have++;
				continue;
			}
			p[np].fd = PQsocket(lis[j]);
			p[np++].events = POLLIN;
		}
		if (have < nlis)
			poll(p, (nfds_t)np, 100);
	}
	free(p);
	return have == nlis;
}

/* The floor at NLIS listeners: a bare libpq NOTIFY (payload of the size
 * wardesk sends) from one connection to NLIS others that LISTEN on it, the
 * time from the sender's commit until the slowest listener has it.  Prints
 * "floor NLIS p50 p99 max n". */
static void floor_run(const char *login, int rounds, int nlis)
{
	PGconn *snd = connect_as(login), **lis = calloc((size_t)nlis, sizeof *lis);
	int64_t *v = calloc((size_t)rounds, sizeof *v);
	char *got = calloc((size_t)nlis, 1);
	int n = 0;

	for (int j = 0; j < nlis; j++) {
		lis[j] = connect_as(login);
		exec_ok(lis[j], "LISTEN bench_floor");
	}
	for (int i = 0; i < rounds + 10; i++) {
		char payload[96];
		const char *params[1] = { payload };
		PGresult *r;
		int64_t t0, t1;

		/* same shape and size as wardesk's {"id":..,"v":..,"ward":..,"op":"report"} */
		snprintf(payload, sizeof payload, "{\"id\":%d,\"v\":1,\"ward\":2,\"op\":\"report\"}",
		         100000 + i);
		r = PQexecParams(snd, "SELECT pg_notify('bench_floor', $1)", 1, NULL, params, NULL,
		                 NULL, 0);
		t0 = now_ns();
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			bench_die("notify: %s", PQerrorMessage(snd));
		PQclear(r);
		if (!floor_collect(lis, nlis, got))
			bench_die("floor: notification lost (%d listeners)", nlis);
		t1 = now_ns();
		if (i >= 10)   /* warm-up */
			v[n++] = t1 - t0;
		sleep_ms(nlis >= 50 ? 20 : 2);
	}
	printf("floor\t%d\t%.3f\t%.3f\t%.3f\t%d\n", nlis, pct_ms(v, (size_t)n, 50),
	       pct_ms(v, (size_t)n, 99), pct_ms(v, (size_t)n, 100), n);
	fflush(stdout);
	free(v);
	free(got);
	PQfinish(snd);
	for (int j = 0; j < nlis; j++)
		PQfinish(lis[j]);
	free(lis);
}

/* One round's marker: same alphabets trick as case_marker, keyed by round. */
static void round_marker(long r, char out[16])
{
	char m[11];

	case_marker(r, m);
	snprintf(out, 16, "%s", m);
}

static long round_no;
static time_t base_epoch;

/* Report one case; returns t0 (after the commit) or dies. */
static int64_t report(PGconn *rep, const char *marker)
{
	char recv[32], addr[64];
	const char *params[3] = { "bench live delivery", addr, recv };
	PGresult *r;
	int64_t t0;

	/* earlier than every case before: sorts to the top of the queue */
	/* an hour ago, one second earlier each round: with the category's 2 h
	 * deadline the case is neither due soon nor overdue (no sweep step, no
	 * escalation alerts during the run) */
	snprintf(recv, sizeof recv, "%lld", (long long)(base_epoch - 3600 - round_no));
	snprintf(addr, sizeof addr, "%s bench", marker);
	r = PQexecParams(rep,
	                 "SELECT ref FROM wardesk.report(p_category => 'MT', p_description => $1,"
	                 " p_address => $2, p_channel => 'hotline',"
	                 " p_received_at => to_timestamp($3::bigint))",
	                 3, NULL, params, NULL, NULL, 0);
	t0 = now_ns();
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		bench_die("report: %s", PQerrorMessage(rep));
	PQclear(r);
	return t0;
}

/* Wait until every console showed marker (or timeout); store latencies. */
static int collect(struct con *cons, int n, const char *marker, int64_t t0, int64_t *out,
                   int *nout)
{
	char *got = calloc((size_t)n, 1);
	struct pollfd *p = calloc((size_t)n, sizeof *p);
	int left = n, missing;
	int64_t end = t0 + 5000000000LL;

	while (left > 0 && now_ns() < end) {
		int np = 0;
		int *idx = calloc((size_t)n, sizeof *idx);

		for (int i = 0; i < n; i++) {
			int64_t at;

			if (got[i] || cons[i].dead)
				continue;
			if (con_read(&cons[i], marker, &at)) {
				got[i] = 1;
				left--;
				if (out)
					out[(*nout)++] = at - t0;
				continue;
			}
			p[np].fd = cons[i].fd;
			p[np].events = POLLIN;
			idx[np++] = i;
		}
		free(idx);
		if (left > 0)
			poll(p, (nfds_t)np, 50);
	}
	missing = left;
	if (left && getenv("BENCH_DEBUG"))
		for (int i = 0; i < n; i++)
			if (!got[i])
				fprintf(stderr, "bench: console %d missed %s; last bytes: %.*s\n", i, marker,
				        (int)cons[i].ntail, cons[i].tail);
	free(got);
	free(p);
	return missing;
}

/* BENCH_LIVE_TRACE=1: each round's slowest consoles, on stderr (where a
 * p99 of 50 consoles x 40 rounds comes from: the 20 slowest samples are
 * often one or two rounds). */
static void round_trace(int r, const int64_t *v, int n)
{
	int64_t *c = calloc((size_t)(n ? n : 1), sizeof *c);
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	memcpy(c, v, (size_t)n * sizeof *c);
	fprintf(stderr, "bench: round %d at :%06.3f: p50 %.3f, p90 %.3f, max %.3f ms (%d)\n", r,
	        (double)(ts.tv_sec % 60) + ts.tv_nsec / 1e9, pct_ms(c, (size_t)n, 50),
	        pct_ms(c, (size_t)n, 90), pct_ms(c, (size_t)n, 100), n);
	free(c);
}

/* Between rounds: Home on every console (the selection follows its case,
 * so without it the newest cases would scroll off the top after 19
 * rounds), then read whatever they write for ms. */
static void drain_all(struct con *cons, int n, int ms)
{
	int64_t end;

	for (int i = 0; i < n; i++)
		if (!cons[i].dead)
			con_write(&cons[i], "\033OH");
	end = now_ns() + (int64_t)ms * 1000000;

	while (now_ns() < end) {
		for (int i = 0; i < n; i++)
			con_read(&cons[i], NULL, NULL);
		sleep_ms(2);
	}
	for (int i = 0; i < n; i++)
		con_forget(&cons[i]);
}

/* After the consoles are up: until none of the officers' connections
 * (LOGIN_PREFIX...) has run a statement for a second, read from a
 * superuser's connection (pg_stat_activity), the consoles drained
 * meanwhile; at most 60 s.  A console's start goes on after its header
 * says live: its undelivered alerts (the cases of the smaller counts
 * alerted every duty officer: 150 consoles each loading and confirming
 * hundreds at once), its first sweep, its first confirmations.  The
 * rounds measure delivery to consoles that are up, not their start (the
 * first screen is measured in part 3).  Returns the seconds it took. */
static double settle(struct con *cons, int n, const char *prefix)
{
	PGconn *su = connect_as("postgres");
	char like[80];
	const char *params[1] = { like };
	int64_t t0 = now_ns(), end = t0 + 60000000000LL;
	int quiet = 0;

	snprintf(like, sizeof like, "%s%%", prefix);
	while (quiet < 10 && now_ns() < end) {
		PGresult *r = PQexecParams(su, "SELECT count(*) FROM pg_stat_activity"
		                               " WHERE usename LIKE $1 AND state <> 'idle'",
		                           1, NULL, params, NULL, NULL, 0);

		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			bench_die("settle: %s", PQerrorMessage(su));
		quiet = atoi(PQgetvalue(r, 0, 0)) == 0 ? quiet + 1 : 0;
		PQclear(r);
		drain_all(cons, n, 100);
	}
	PQfinish(su);
	return (double)(now_ns() - t0) / 1e9;
}

/* On-CPU time of a process so far (ns), user and system; 0 if unknown. */
static int64_t cpu_ns(pid_t pid)
{
	char path[64];
	long long ns = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%lld", &ns) != 1)
		ns = 0;
	fclose(f);
	return ns;
}

/* The consoles' own CPU per new case (no key pressed, cases 20 ms apart):
 * prints "cpu N ms_per_case_per_console bytes_per_case_per_console cases". */
static void cpu_run(PGconn *rep, struct con *cons, int n, int cases)
{
	int64_t before = 0, after = 0, end;
	long long bytes = 0;

	drain_all(cons, n, 300);
	for (int i = 0; i < n; i++) {
		before += cpu_ns(cons[i].pid);
		bytes -= cons[i].bytes;
	}
	for (int c = 0; c < cases; c++) {
		char m[16];

		round_marker(++round_no, m);
		report(rep, m);
		end = now_ns() + 20000000;
		while (now_ns() < end) {
			for (int i = 0; i < n; i++)
				con_read(&cons[i], NULL, NULL);
			sleep_ms(2);
		}
	}
	/* the last confirmation (within LIVE_CONFIRM_MS) and the alerts */
	end = now_ns() + 1500000000LL;
	while (now_ns() < end) {
		for (int i = 0; i < n; i++)
			con_read(&cons[i], NULL, NULL);
		sleep_ms(5);
	}
	for (int i = 0; i < n; i++) {
		after += cpu_ns(cons[i].pid);
		bytes += cons[i].bytes;
	}
	printf("cpu\t%d\t%.3f\t%.0f\t%d\n", n, (double)(after - before) / 1e6 / cases / n,
	       (double)bytes / cases / n, cases);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *bin, *home, *reporter, *prefix;
	int nlogins, cpu_cases = 200, cpu_max = 1;
	PGconn *rep;

	if (argc < 7)
		bench_die("usage: live WARDESK HOME REPORTER LOGIN_PREFIX NLOGINS N...");
	bin = argv[1];
	home = argv[2];
	reporter = argv[3];
	prefix = argv[4];
	nlogins = atoi(argv[5]);
	if (getenv("BENCH_LIVE_CPU"))
		cpu_cases = atoi(getenv("BENCH_LIVE_CPU"));
	if (getenv("BENCH_LIVE_CPU_MAX"))
		cpu_max = atoi(getenv("BENCH_LIVE_CPU_MAX"));
	signal(SIGPIPE, SIG_IGN);
	base_epoch = time(NULL);

	floor_run(reporter, 1000, 1);
	rep = connect_as(reporter);
	{
		/* below every case the ward already has, so each new case sorts first */
		PGresult *r = PQexec(rep, "SELECT extract(epoch FROM min(received_at))::bigint"
		                          " FROM wardesk.cases");

		if (PQresultStatus(r) == PGRES_TUPLES_OK && !PQgetisnull(r, 0, 0) &&
		    atoll(PQgetvalue(r, 0, 0)) < base_epoch)
			base_epoch = (time_t)atoll(PQgetvalue(r, 0, 0));
		PQclear(r);
	}

	for (int a = 6; a < argc; a++) {
		int n = atoi(argv[a]), rounds, nout = 0, missing = 0;
		struct con *cons = calloc((size_t)n, sizeof *cons);
		int64_t *lat;
		const char *env = getenv("BENCH_LIVE_ROUNDS");
		int64_t t_start = now_ns();

		rounds = n <= 1 ? 200 : n <= 10 ? 100 : n <= 50 ? 40 : 20;
		if (env && atoi(env) > 0)
			rounds = atoi(env);
		char *up = calloc((size_t)n, 1);

		/* the floor at this many listeners, before the consoles connect */
		if (n > 1)
			floor_run(reporter, rounds * 5, n);
		lat = calloc((size_t)rounds * (size_t)n, sizeof *lat);
		for (int i = 0; i < n; i++) {
			char login[64];

			snprintf(login, sizeof login, "%s%03d", prefix, i % nlogins + 1);
			con_spawn(&cons[i], bin, login, home);
			/* keep the earlier ones drained while the others start; the
			 * header says "live" once the snapshot is drawn */
			for (int j = 0; j < i; j++)
				if (!up[j] && con_read(&cons[j], "live", NULL))
					up[j] = 1;
				else if (up[j])
					con_read(&cons[j], NULL, NULL);
		}
		for (int i = 0; i < n; i++)
			if (!up[i] && con_wait(&cons[i], "live", 60000) < 0)
				bench_die("console %d (%d consoles) did not come up", i, n);
		free(up);
		drain_all(cons, n, 300);
		fprintf(stderr, "bench: %d consoles up in %.1f s\n", n, (double)(now_ns() - t_start) / 1e9);
		fprintf(stderr, "bench: %d consoles settled (their connections idle for 1 s) %.1f s later\n",
		        n, settle(cons, n, prefix));
		/* warm-up round: every console must show it */
		{
			char m[16];

			round_marker(++round_no, m);
			if (collect(cons, n, m, report(rep, m), NULL, NULL) > 0)
				bench_die("warm-up case did not reach every console (%d consoles)", n);
			drain_all(cons, n, 50);
		}
		for (int r = 0; r < rounds; r++) {
			char m[16];

			round_marker(++round_no, m);
			int before = nout;

			missing += collect(cons, n, m, report(rep, m), lat, &nout);
			if (getenv("BENCH_LIVE_TRACE"))
				round_trace(r, lat + before, nout - before);
			drain_all(cons, n, n >= 50 ? 60 : 20);
		}
		printf("live\t%d\t%.3f\t%.3f\t%.3f\t%d\t%d\n", n, pct_ms(lat, (size_t)nout, 50),
		       pct_ms(lat, (size_t)nout, 99), pct_ms(lat, (size_t)nout, 100), nout, missing);
		fflush(stdout);
		if (n <= cpu_max && cpu_cases > 0)
			cpu_run(rep, cons, n, cpu_cases);
		con_stop_all(cons, n);
		free(cons);
		free(lat);
	}
	PQfinish(rep);
	return 0;
}
