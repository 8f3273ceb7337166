/* console.c - benchmarks 3 (a city-sized queue) and 4 (idle cost).
 *
 *   console city WARDESK HOME LOGIN    the ward holds 100,000 open cases
 *   console idle WARDESK HOME LOGIN SECONDS
 *
 * The bench data (bench/run.sh) gives open case number g (g = 1, 2, ...) the
 * g-th earliest deadline and an address starting with case_marker(g), so the
 * driver knows what row k of the "open" view shows and can wait for that
 * exact text in what the console writes.  At 80x24 the queue shows 19 rows.
 *
 * city: time from fork+exec to the 19th row's marker (first full screen);
 * then keys, each timed from writing it to the pty until the console's
 * answer is complete: the expected text has arrived and no byte followed
 * for 15 ms (the time is that of the last byte, not of the silence).
 *   move:   Down x300 (expect the newly selected row's marker)
 *   view:   1..6 x20 (expect the view's tab title, redrawn highlighted)
 *   filter: "/" then 0 9 0 0 0 0 1 2 typed (filter as you type), Enter,
 *           "/" Ctrl-U Enter to clear; x10
 * then VmRSS and VmHWM (peak) from /proc/PID/status.
 *
 * idle: first screen drawn, then SECONDS with no input: bytes the console
 * wrote to its terminal and utime+stime from /proc/PID/stat. */
#include "bench.h"

#define ROWS_SHOWN 19

static int64_t t_key;

/* Write keys; wait for marker (NULL: any byte); then for 15 ms of quiet.
 * Returns the latency in ns, or -1. */
static int64_t key_lat(struct con *c, const char *keys, const char *marker)
{
	long long before = c->bytes;
	int64_t at;

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
	con_quiet(c, 15, 3000);
	at = c->last_ns;
	return at - t_key;
}

struct series {
	const char *name;
	int64_t v[4096];
	size_t n;
	int fails;
};

static void add(struct series *s, int64_t ns)
{
	if (ns < 0)
		s->fails++;
	else if (s->n < 4096)
		s->v[s->n++] = ns;
}

static void print_series(struct series *s)
{
	printf("city_key\t%s\t%.3f\t%.3f\t%.3f\t%zu\t%d\n", s->name, pct_ms(s->v, s->n, 50),
	       pct_ms(s->v, s->n, 99), pct_ms(s->v, s->n, 100), s->n, s->fails);
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

static int city(const char *bin, const char *home, const char *login)
{
	static struct series move = { .name = "move" }, view = { .name = "view" },
	                     filt = { .name = "filter" }, all = { .name = "all" };
	static const char *titles[6] = { "Incoming", "Mine", "Open", "Due", "Escalated", "Resolved" };
	struct con c;
	char m[11];
	int64_t t0, at;

	case_marker(ROWS_SHOWN, m);
	t0 = now_ns();
	con_spawn(&c, bin, login, home);
	at = con_wait(&c, m, 30000);
	if (at < 0)
		bench_die("city: the first screen never showed row %d (%s)", ROWS_SHOWN, m);
	printf("city_first\t%.3f\n", (double)(at - t0) / 1e6);
	fflush(stdout);
	/* let start-up work after the first screen (alerts) finish */
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
	for (int cyc = 0; cyc < 10; cyc++) {
		static const char typed[] = "09000012";
		int64_t ns = key_lat(&c, "/", "/");

		add(&filt, ns);
		add(&all, ns);
		for (const char *p = typed; *p; p++) {
			char key[2] = { *p, 0 };

			ns = key_lat(&c, key, key);
			add(&filt, ns);
			add(&all, ns);
		}
		ns = key_lat(&c, "\r", "shown");
		add(&filt, ns);
		add(&all, ns);
		ns = key_lat(&c, "/", "/");
		add(&filt, ns);
		add(&all, ns);
		ns = key_lat(&c, "\025", NULL);   /* C-u: empty filter, every case again */
		add(&filt, ns);
		add(&all, ns);
		ns = key_lat(&c, "\r", NULL);
		add(&filt, ns);
		add(&all, ns);
	}
	print_series(&move);
	print_series(&view);
	print_series(&filt);
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
	fflush(stdout);
	con_stop_all(&c, 1);
	return 0;
}

int main(int argc, char **argv)
{
	signal(SIGPIPE, SIG_IGN);
	if (argc == 5 && !strcmp(argv[1], "city"))
		return city(argv[2], argv[3], argv[4]);
	if (argc == 6 && !strcmp(argv[1], "idle"))
		return idle(argv[2], argv[3], argv[4], atoi(argv[5]));
	bench_die("usage: console city WARDESK HOME LOGIN | console idle WARDESK HOME LOGIN SECONDS");
	return 2;
}
