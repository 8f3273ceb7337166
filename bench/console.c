/* console.c - benchmarks 3 (a city-sized queue) and 4 (idle cost).
 *
 *   console city WARDESK HOME LOGIN [SMALL_LOGIN]
 *                                      the ward holds 100,000 open cases;
 *                                      SMALL_LOGIN: an officer of a ward of
 *                                      50 cases, for the memory floor
 *   console idle WARDESK HOME LOGIN SECONDS
 *
 * The bench data (bench/run.sh) gives open case number g (g = 1, 2, ...) the
 * g-th earliest deadline and an address starting with case_marker(g), so the
 * driver knows what row k of the "open" view shows and can wait for that
 * exact text in what the console writes.  At 80x24 the queue shows 19 rows.
 *
 * city: time from fork+exec to the 19th row's marker (first full screen):
 * five starts one after the other, their median (and the first start's, and
 * the slowest); the last one goes on: then keys, each timed from writing it to the pty until the console's
 * answer is complete: the expected text has arrived and no byte followed
 * for 15 ms (the time is that of the last byte, not of the silence).
 *   move:   Down x300 (expect the newly selected row's marker)
 *   view:   1..6 x20 (expect the view's tab title, redrawn highlighted)
 *   filter: "/" then 0 9 0 0 0 0 1 2 typed (filter as you type), Enter,
 *           "/", Backspace x7 (widening, one character at a time),
 *           Ctrl-U (every case again), Enter; x10
 * then VmRSS and VmHWM (peak) from /proc/PID/status.
 *
 * Floors, taken in the same run at the same scale:
 *   first screen: a libpq client connecting as the same officer and
 *     running the console's own first-page statement (the 200 most urgent
 *     of the 100,000 cases; page_queue_sql in src/store_cases.c), the
 *     median of 5;
 *   key: a program that echoes every byte on a pty of the same size,
 *     timed the same way (the answer, then 15 ms of quiet), 200 keys;
 *   memory: the same console on a ward of 50 cases (everything but the
 *     cases), printed here; bench/run.sh adds the bytes of text the
 *     model cannot do without (reference, address, folded search text).
 *
 * idle: first screen drawn, then SECONDS with no input: bytes the console
 * wrote to its terminal and utime+stime from /proc/PID/stat.
 *
 *   console sweepkeys WARDESK HOME LOGIN GOFILE STOPFILE
 *
 * sweepkeys (issue 14 item 4: keys while a catch-up sweep runs): the
 * console of LOGIN starts, and says "sweepkeys_live" on stdout once its
 * header says live; when GOFILE exists (the sweepers have started) it
 * switches views 1..5 over and over, one key every 20 ms, until STOPFILE
 * exists (the last sweeper is done).  Each key is timed from writing it to
 * the arrival of its view's tab title (drawn highlighted: a byte the key
 * alone causes), not to the quiet after it: the console repaints for the
 * sweep's notifications all the while.  The console sweeps too, as every
 * console does: a key that arrives during its own sweep call waits for it.
 * Floor, in the same moments: after each console key, a key to a pty that
 * echoes, timed to its echo. */
#include "bench.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <termios.h>

#define ROWS_SHOWN 19
#define FIRST_STARTS 5   /* the first screen's starts, and the floor's tries */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int64_t t_key;
static int64_t key_cpu;   /* the console's CPU time for the last key, ns (-1: unknown) */
static int64_t key_frame; /* the last key to the end of its first frame, ns (-1: unknown) */

/* CPU time the process's main thread has run, ns (/proc/PID/schedstat). */
static int64_t sched_ns(pid_t pid)
{
	char path[64];
	long long ns = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	if (fscanf(f, "%lld", &ns) != 1)
		ns = -1;
	fclose(f);
	return ns;
}

/* Write keys; wait for marker (NULL: any byte); then for 15 ms of quiet.
 * Returns the latency in ns to the last byte, or -1; key_frame: to the end
 * of the first frame, the bytes up to the marker and those following them
 * without a pause of FRAME_GAP_MS.  A typed filter's frame shows the first
 * screenful of its matches, and the count of them ("12/47" for "12/…")
 * comes after the scan of the whole ward, in slices between keys
 * (src/console.c, model_set_filter_soon); for every other key the two are
 * the same frame. */
#define FRAME_GAP_MS 1
static int64_t key_lat(struct con *c, const char *keys, const char *marker)
{
	long long before = c->bytes;
	int64_t at, cpu0 = sched_ns(c->pid), cpu1;

	con_forget(c);
	t_key = now_ns();
	con_write(c, keys);
	if (marker) {
		if (con_wait(c, marker, 3000) < 0) {
			fprintf(stderr, "bench: no \"%s\" after key %s\n", marker,
			        keys[0] == 033 ? "Down" : keys);
			if (getenv("BENCH_DEBUG"))
				fprintf(stderr, "bench: last bytes: %.*s\n", (int)c->ntail, c->tail);
			return -1;
		}
	} else {
		int64_t end = now_ns() + 3000000000LL;

		while (c->bytes == before && now_ns() < end) {
			struct pollfd p = { .fd = c->fd, .events = POLLIN };

			poll(&p, 1, 100);
			con_read(c, NULL, NULL);
		}
		if (c->bytes == before)
			return -1;
	}
	con_quiet(c, FRAME_GAP_MS, 3000);
	key_frame = c->last_ns - t_key;
	con_quiet(c, 15, 3000);
	at = c->last_ns;
	cpu1 = sched_ns(c->pid);
	key_cpu = cpu0 >= 0 && cpu1 >= cpu0 ? cpu1 - cpu0 : -1;
	return at - t_key;
}

struct series {
	const char *name;
	int64_t v[4096], cpu[4096], frame[4096];
	size_t n, ncpu, nframe;
	int fails;
};

/* A key's latency, and the console's CPU time for it (key_cpu). */
static void add(struct series *s, int64_t ns)
{
	if (ns < 0)
		s->fails++;
	else if (s->n < 4096)
		s->v[s->n++] = ns;
	if (ns >= 0 && key_cpu >= 0 && s->ncpu < 4096)
		s->cpu[s->ncpu++] = key_cpu;
	if (ns >= 0 && s->nframe < 4096)
		s->frame[s->nframe++] = key_frame;
}

static void print_series(struct series *s)
{
	printf("city_key\t%s\t%.3f\t%.3f\t%.3f\t%zu\t%d\n", s->name, pct_ms(s->v, s->n, 50),
	       pct_ms(s->v, s->n, 99), pct_ms(s->v, s->n, 100), s->n, s->fails);
	/* the program's own CPU time per key: what the key costs without the
	 * time other processes had the CPU */
	printf("city_cpu\t%s\t%.3f\t%.3f\t%.3f\t%zu\n", s->name, pct_ms(s->cpu, s->ncpu, 50),
	       pct_ms(s->cpu, s->ncpu, 99), pct_ms(s->cpu, s->ncpu, 100), s->ncpu);
	printf("city_frame\t%s\t%.3f\t%.3f\t%.3f\t%zu\n", s->name, pct_ms(s->frame, s->nframe, 50),
	       pct_ms(s->frame, s->nframe, 99), pct_ms(s->frame, s->nframe, 100), s->nframe);
}

static long status_kib(pid_t pid, const char *field)
{
	char path[64], line[256];
	FILE *f;
	long v = -1;
	size_t fl = strlen(field);

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, fl) && line[fl] == ':')
			v = atol(line + fl + 1);
	fclose(f);
	return v;
}

/* utime + stime in clock ticks. */
static long long cpu_ticks(pid_t pid)
{
	char path[64], buf[2048], *p;
	FILE *f;
	size_t n;
	unsigned long long ut = 0, st = 0;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
		return -1;
	return (long long)(ut + st);
}

/* A pty of the console's size whose program echoes every byte it reads. */
static void echo_spawn(struct con *c)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	pid_t pid;

	memset(c, 0, sizeof *c);
	pid = forkpty(&c->fd, NULL, NULL, &ws);
	if (pid < 0)
		bench_die("forkpty: %s", strerror(errno));
	if (pid == 0) {
		struct termios t;
		char buf[256];
		ssize_t n;

		if (tcgetattr(0, &t) == 0) {
			cfmakeraw(&t);
			tcsetattr(0, TCSANOW, &t);
		}
		while ((n = read(0, buf, sizeof buf)) > 0)
			if (write(1, buf, (size_t)n) < 0)
				break;
		_exit(0);
	}
	c->pid = pid;
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
	sleep_ms(100);   /* the child is in raw mode */
	con_read(c, NULL, NULL);
}

/* The console's first-page statement (page_queue_sql in src/store_cases.c:
 * the queue's columns, with the parameters of live.c's load_first_page:
 * open states, resolved since local midnight, the officer's ward, LIMIT
 * 200), over a fresh connection as the same officer.  Best of TRIES, in ms. */
#define FLOOR_FILTER \
	" ($1::text[] IS NULL OR state = ANY ($1::text[])" \
	"  OR ($2::bigint IS NOT NULL AND closed_at >= to_timestamp($2::bigint)))" \
	" AND ($3::text IS NULL OR owner = $3) AND ($4::bigint IS NULL OR id = $4)" \
	" AND ($6::int IS NULL OR ward_id = $6)"
#define FLOOR_ORDER " ORDER BY priority = 'urgent' DESC, deadline_at, id"

static double first_page_floor_n(const char *login, int tries)
{
	static const char sql[] =
	    "WITH k AS ("
	    " (SELECT id FROM wardesk.cases WHERE ward_id = $6 AND priority = 'urgent'"
	    "   AND state <> 'resolved' AND" FLOOR_FILTER " ORDER BY deadline_at, id LIMIT $5)"
	    " UNION ALL"
	    " (SELECT id FROM wardesk.cases WHERE ward_id = $6 AND priority = 'normal'"
	    "   AND state <> 'resolved' AND" FLOOR_FILTER " ORDER BY deadline_at, id LIMIT $5)"
	    " UNION ALL"
	    " (SELECT id FROM wardesk.cases WHERE ward_id = $6 AND state = 'resolved'"
	    "   AND" FLOOR_FILTER FLOOR_ORDER " LIMIT $5))"
	    "SELECT id, ref, version, state, channel, escalation, NULL, category,"
	    " NULL, NULL, NULL, warn_min, NULL, description,"
	    " address, NULL, NULL, reporter_name, reporter_phone,"
	    " NULL, owner, NULL, NULL, NULL, NULL,"
	    " extract(epoch FROM received_at), extract(epoch FROM deadline_at),"
	    " NULL, extract(epoch FROM closed_at), NULL, NULL,"
	    " extract(epoch FROM warned_at), NULL, NULL, extract(epoch FROM ack_at),"
	    " NULL, NULL, NULL, hotline_line, callback_wanted,"
	    " array_to_string(flags, chr(10)) LIKE '%likely_duplicate:%', priority"
	    " FROM wardesk.case_queue"
	    " WHERE id = ANY (ARRAY(SELECT id FROM k)) AND" FLOOR_FILTER FLOOR_ORDER " LIMIT $5";
	char conninfo[160], since[32], ward[16];
	time_t now = time(NULL), local = now + 7 * 3600;
	const char *params[6] = { "{new,in_progress,reopened}", since, NULL, NULL, "200", ward };
	double t[FIRST_STARTS];
	PGconn *wc;
	PGresult *wr;

	snprintf(conninfo, sizeof conninfo, "user=%s connect_timeout=10", login);
	snprintf(since, sizeof since, "%lld", (long long)(local - local % 86400 - 7 * 3600));
	/* the officer's ward, as the console knows it before its first page */
	wc = PQconnectdb(conninfo);
	wr = PQexec(wc, "SELECT ward_id FROM wardesk.officers WHERE login = session_user");
	if (PQresultStatus(wr) != PGRES_TUPLES_OK || PQntuples(wr) != 1)
		bench_die("first-page floor: %s", PQerrorMessage(wc));
	snprintf(ward, sizeof ward, "%s", PQgetvalue(wr, 0, 0));
	PQclear(wr);
	PQfinish(wc);
	for (int i = 0; i < tries; i++) {
		int64_t t0 = now_ns();
		PGconn *conn = PQconnectdb(conninfo);
		PGresult *res;
		double ms;

		if (PQstatus(conn) != CONNECTION_OK)
			bench_die("first-page floor: %s", PQerrorMessage(conn));
		res = PQexecParams(conn, sql, 6, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 200)
			bench_die("first-page floor: %s", PQerrorMessage(conn));
		ms = (double)(now_ns() - t0) / 1e6;
		PQclear(res);
		PQfinish(conn);
		t[i] = ms;
	}
	qsort(t, (size_t)tries, sizeof *t, cmp_double);
	return t[tries / 2];
}

/* The filter's rounds: each types one of bench_filter_texts (bench.h),
 * one key at a time, then deletes it again.  Each text starts with a
 * character the two rounds before it did not type, so no round is answered
 * from the match sets the model cached on earlier rounds (MFILTER_LEVELS,
 * 8 per round): every round pays its full scans, and with FILTER_ROUNDS
 * rounds the p99 of the typed keys is a p99 of keys that scan the whole
 * ward, not its single slowest key. */
#define FILTER_ROUNDS 50

static int city(const char *bin, const char *home, const char *login, const char *small_login)
{
	static struct series move = { .name = "move" }, view = { .name = "view" },
	                     filt = { .name = "filter" }, all = { .name = "all" },
	                     ftype = { .name = "filter_type" }, fwiden = { .name = "filter_widen" },
	                     echo = { .name = "floor_echo" };
	/* a title or its short one (screen_queue_tabs.c), whichever fits */
	static const char *titles[6] = { "Incoming|New", "Mine", "Open", "Due", "Escalated|Escal.",
	                                 "Resolved|Done" };
	struct con c;
	char m[11];
	int64_t t0, at;

	if (small_login) {
		/* memory floor: the same console with (almost) no cases */
		con_spawn(&c, bin, small_login, home);
		case_marker(ROWS_SHOWN, m);
		if (con_wait(&c, m, 30000) < 0)
			bench_die("city: the small ward's first screen never came");
		con_quiet(&c, 1000, 10000);
		printf("city_mem_floor\t%ld\t%ld\n", status_kib(c.pid, "VmRSS"),
		       status_kib(c.pid, "VmHWM"));
		con_stop_all(&c, 1);
	}
	/* key floor: a pty that echoes */
	echo_spawn(&c);
	for (int k = 0; k < 200; k++) {
		char key[2] = { (char)('a' + k % 26), 0 };

		add(&echo, key_lat(&c, key, key));
	}
	con_stop_all(&c, 1);
	print_series(&echo);
	printf("city_first_floor\t%.3f\n", first_page_floor_n(login, FIRST_STARTS));
	fflush(stdout);

	/* FIRST_STARTS starts, one after the other; the last one goes on */
	case_marker(ROWS_SHOWN, m);
	{
		double t[FIRST_STARTS], first = 0;

		for (int i = 0; i < FIRST_STARTS; i++) {
			if (i)
				con_stop_all(&c, 1);
			t0 = now_ns();
			con_spawn(&c, bin, login, home);
			at = con_wait(&c, m, 30000);
			if (at < 0)
				bench_die("city: the first screen never showed row %d (%s)", ROWS_SHOWN, m);
			t[i] = (double)(at - t0) / 1e6;
			if (!i)
				first = t[0];
		}
		qsort(t, FIRST_STARTS, sizeof *t, cmp_double);
		printf("city_first\t%.3f\t%.3f\t%.3f\n", t[FIRST_STARTS / 2], first, t[FIRST_STARTS - 1]);
	}
	fflush(stdout);
	/* the rest of the ward streams in after the first screen (between
	 * keys); the keys below are timed once it is all in: the header says
	 * "live" (tests/ui/big_ward.sh checks keys during the load) */
	at = con_wait(&c, "live", 60000);
	if (at >= 0)
		printf("city_live\t%.3f\n", (double)(at - t0) / 1e6);
	fflush(stdout);
	/* let start-up work after that (alerts) finish */
	con_quiet(&c, 1000, 10000);

	for (int k = 1; k <= 300; k++) {
		int64_t ns;

		case_marker(k + 1, m);
		ns = key_lat(&c, "\033OB", m);
		add(&move, ns);
		add(&all, ns);
	}
	for (int cyc = 0; cyc < 20; cyc++)
		for (int v = 0; v < 6; v++) {
			char key[2] = { (char)('1' + v), 0 };
			/* the last tab may be cut off at 80 columns: any answer will do */
			int64_t ns = key_lat(&c, key, v < 5 ? titles[v] : NULL);

			add(&view, ns);
			add(&all, ns);
		}
	key_lat(&c, "3", "Open");
	for (int cyc = 0; cyc < FILTER_ROUNDS; cyc++) {
		const char *typed = bench_filter_texts[cyc % BENCH_FILTER_TEXTS];
		int64_t ns = key_lat(&c, "/", "/");

		add(&filt, ns);
		add(&all, ns);
		for (const char *p = typed; *p; p++) {
			char key[2] = { *p, 0 };

			ns = key_lat(&c, key, key);
			add(&filt, ns);
			add(&ftype, ns);
			add(&all, ns);
		}
		ns = key_lat(&c, "\r", "shown");
		add(&filt, ns);
		add(&all, ns);
		ns = key_lat(&c, "/", "/");
		add(&filt, ns);
		add(&all, ns);
		for (int b = 0; b < 7; b++) {   /* Backspace: one character less, more cases */
			ns = key_lat(&c, "\177", NULL);
			add(&filt, ns);
			add(&fwiden, ns);
			add(&all, ns);
		}
		ns = key_lat(&c, "\025", NULL);   /* C-u: empty filter, every case again */
		add(&filt, ns);
		add(&fwiden, ns);
		add(&all, ns);
		ns = key_lat(&c, "\r", NULL);
		add(&filt, ns);
		add(&all, ns);
	}
	print_series(&move);
	print_series(&view);
	print_series(&filt);
	print_series(&ftype);
	print_series(&fwiden);
	print_series(&all);
	printf("city_mem\t%ld\t%ld\n", status_kib(c.pid, "VmRSS"), status_kib(c.pid, "VmHWM"));
	fflush(stdout);
	con_stop_all(&c, 1);
	return 0;
}

static int idle(const char *bin, const char *home, const char *login, int seconds)
{
	struct con c;
	char m[11];
	long long b0, t0c, t1c;
	int64_t t0, end;
	long hz = sysconf(_SC_CLK_TCK);

	case_marker(ROWS_SHOWN, m);
	con_spawn(&c, bin, login, home);
	if (con_wait(&c, m, 30000) < 0)
		bench_die("idle: the first screen never showed row %d", ROWS_SHOWN);
	con_quiet(&c, 500, 5000);
	b0 = c.bytes;
	t0c = cpu_ticks(c.pid);
	t0 = now_ns();
	end = t0 + (int64_t)seconds * 1000000000LL;
	while (now_ns() < end && !c.dead) {
		struct pollfd p = { .fd = c.fd, .events = POLLIN };
		int64_t left = (end - now_ns()) / 1000000;

		poll(&p, 1, left > 1000 ? 1000 : (int)left + 1);
		con_read(&c, NULL, NULL);
	}
	t1c = cpu_ticks(c.pid);
	{
		double secs = (double)(now_ns() - t0) / 1e9;
		double cpu = (double)(t1c - t0c) / (double)hz;
		long long bytes = c.bytes - b0;

		printf("idle\t%.1f\t%lld\t%.0f\t%.3f\t%.3f\n", secs, bytes, (double)bytes * 60.0 / secs,
		       cpu, cpu / secs * 100.0);
	}
	/* the console's own cost with (almost) no cases: the memory floor */
	printf("idle_mem\t%ld\t%ld\n", status_kib(c.pid, "VmRSS"), status_kib(c.pid, "VmHWM"));
	fflush(stdout);
	con_stop_all(&c, 1);
	return 0;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static int sweepkeys(const char *bin, const char *home, const char *login, const char *go,
                     const char *stop)
{
	static struct series keys = { .name = "sweep" }, echo = { .name = "sweep_echo" };
	static const char *titles[5] = { "Incoming|New", "Mine", "Open", "Due", "Escalated|Escal." };
	struct con c, e;
	int v = 0;

	con_spawn(&c, bin, login, home);
	if (con_wait(&c, "live", 60000) < 0)
		bench_die("sweepkeys: the console never said live");
	con_quiet(&c, 500, 5000);
	printf("sweepkeys_live\n");
	fflush(stdout);
	echo_spawn(&e);
	while (!exists(go)) {
		con_quiet(&c, 20, 100);
		if (c.dead)
			bench_die("sweepkeys: the console died before the sweep");
	}
	while (!exists(stop) && !c.dead && keys.n < 4096) {
		char key[2] = { (char)('1' + (v + 1) % 5), 0 };
		int64_t t0, at;

		v = (v + 1) % 5;
		con_forget(&c);
		t0 = now_ns();
		con_write(&c, key);
		at = con_wait(&c, titles[v], 3000);
		key_cpu = -1;
		add(&keys, at < 0 ? -1 : at - t0);
		key[0] = (char)('a' + keys.n % 26);
		con_forget(&e);
		t0 = now_ns();
		con_write(&e, key);
		at = con_wait(&e, key, 3000);
		add(&echo, at < 0 ? -1 : at - t0);
		sleep_ms(20);
		con_read(&c, NULL, NULL);
	}
	printf("sweep_key\t%.3f\t%.3f\t%.3f\t%zu\t%d\t%.3f\n", pct_ms(keys.v, keys.n, 50),
	       pct_ms(keys.v, keys.n, 99), pct_ms(keys.v, keys.n, 100), keys.n, keys.fails,
	       pct_ms(echo.v, echo.n, 99));
	fflush(stdout);
	con_stop_all(&e, 1);
	con_stop_all(&c, 1);
	return 0;
}

/* first: the first screen N times, each beside the floor's statement over
 * a fresh connection (one at a time, alternated), for before/after runs on
 * a kept cluster; prints "first_pair FLOOR_MS CONSOLE_MS" per pair. */
static int first_pairs(const char *bin, const char *home, const char *login, int n)
{
	char m[11];

	case_marker(ROWS_SHOWN, m);
	for (int i = 0; i < n; i++) {
		struct con c;
		double floor_ms = first_page_floor_n(login, 1);
		int64_t t0 = now_ns(), at;

		con_spawn(&c, bin, login, home);
		at = con_wait(&c, m, 30000);
		if (at < 0)
			bench_die("first: the first screen never showed row %d", ROWS_SHOWN);
		printf("first_pair\t%.3f\t%.3f\n", floor_ms, (double)(at - t0) / 1e6);
		fflush(stdout);
		con_stop_all(&c, 1);
	}
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "city"))
		return city(argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL);
	if (argc == 6 && !strcmp(argv[1], "idle"))
		return idle(argv[2], argv[3], argv[4], atoi(argv[5]));
	if (argc == 6 && !strcmp(argv[1], "first"))
		return first_pairs(argv[2], argv[3], argv[4], atoi(argv[5]));
	if (argc == 7 && !strcmp(argv[1], "sweepkeys"))
		return sweepkeys(argv[2], argv[3], argv[4], argv[5], argv[6]);
	bench_die("usage: console city WARDESK HOME LOGIN [SMALL_LOGIN] | console idle WARDESK HOME LOGIN SECONDS"
	          " | console sweepkeys WARDESK HOME LOGIN GOFILE STOPFILE");
	return 2;
}
