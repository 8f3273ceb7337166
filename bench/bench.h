/* bench.h - helpers shared by the benchmark drivers (live.c, takes.c, console.c).
 *
 * A console is a real `wardesk` started on its own pseudo-terminal
 * (forkpty, 80x24, TERM=xterm-256color, LANG=C.UTF-8); the driver reads
 * the master side with poll() and looks for an expected string in what the
 * program wrote, across read boundaries.  Everything is bounded in time. */
#ifndef WARDESK_BENCH_H
#define WARDESK_BENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define UNUSED __attribute__((unused))
#define TAILMAX 128

struct con {
	pid_t pid;
	int fd;
	char tail[TAILMAX];   /* last bytes read, for markers split across reads */
	size_t ntail;
	long long bytes;      /* everything read so far */
	int64_t last_ns;      /* when the last chunk arrived */
	int dead;
};

static UNUSED void bench_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

static UNUSED int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static UNUSED void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/* Start `bin` (the console: no arguments) as PGUSER=login on a new pty. */
static UNUSED void con_spawn(struct con *c, const char *bin, const char *login, const char *home)
{
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };
	char e_user[128], e_home[512], e_cfg[600], e_state[600];
	const char *pass[] = { "PGHOST", "PGPORT", "PGDATABASE", "PATH", NULL };
	char *envp[32];
	int n = 0;
	pid_t pid;

	memset(c, 0, sizeof *c);
	snprintf(e_user, sizeof e_user, "PGUSER=%s", login);
	snprintf(e_home, sizeof e_home, "HOME=%s", home);
	snprintf(e_cfg, sizeof e_cfg, "XDG_CONFIG_HOME=%s/config", home);
	snprintf(e_state, sizeof e_state, "XDG_STATE_HOME=%s/state", home);
	envp[n++] = e_user;
	envp[n++] = e_home;
	envp[n++] = e_cfg;
	envp[n++] = e_state;
	envp[n++] = "TERM=xterm-256color";
	envp[n++] = "LANG=C.UTF-8";
	envp[n++] = "TZ=Asia/Ho_Chi_Minh";
	for (int i = 0; pass[i]; i++) {
		const char *v = getenv(pass[i]);

		if (v) {
			size_t len = strlen(pass[i]) + strlen(v) + 2;
			char *s = malloc(len);

			if (!s)
				bench_die("out of memory");
			snprintf(s, len, "%s=%s", pass[i], v);
			envp[n++] = s;   /* leaked in the parent: a few bytes per console */
		}
	}
	envp[n] = NULL;
	pid = forkpty(&c->fd, NULL, NULL, &ws);
	if (pid < 0)
		bench_die("forkpty: %s", strerror(errno));
	if (pid == 0) {
		char *argv[] = { (char *)bin, NULL };

		execve(bin, argv, envp);
		_exit(127);
	}
	c->pid = pid;
	fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK);
	fcntl(c->fd, F_SETFD, FD_CLOEXEC);
	for (int i = 7; i < n; i++)
		free(envp[i]);
}

/* Whether buf holds marker: one text, or alternatives separated by '|'
 * ("Incoming|New": a view's title or its short one, whichever fits). */
static UNUSED int marker_in(const char *buf, size_t have, const char *marker)
{
	for (const char *m = marker; *m;) {
		const char *bar = strchr(m, '|');
		size_t n = bar ? (size_t)(bar - m) : strlen(m);

		if (n && memmem(buf, have, m, n))
			return 1;
		if (!bar)
			break;
		m = bar + 1;
	}
	return 0;
}

/* Read what is there (never blocks).  Returns 1 when marker (may be NULL;
 * alternatives: marker_in) appeared in the new bytes (or straddling the
 * previous read), with *at set to the arrival time of the chunk that
 * completed it. */
static UNUSED int con_read(struct con *c, const char *marker, int64_t *at)
{
	char buf[65536 + TAILMAX];
	size_t mlen = marker ? strlen(marker) : 0;
	int found = 0;

	for (;;) {
		ssize_t r;
		size_t have;

		memcpy(buf, c->tail, c->ntail);
		r = read(c->fd, buf + c->ntail, 65536);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (r == 0 || (errno != EAGAIN && errno != EWOULDBLOCK))
				c->dead = 1;   /* EIO: the program closed its terminal */
			break;
		}
		c->last_ns = now_ns();
		c->bytes += r;
		have = c->ntail + (size_t)r;
		if (!found && mlen && marker_in(buf, have, marker)) {
			found = 1;
			if (at)
				*at = c->last_ns;
		}
		if (found && mlen) {
			c->ntail = 0;   /* never find the same occurrence twice */
			continue;
		}
		c->ntail = have < TAILMAX - 1 ? have : TAILMAX - 1;
		memmove(c->tail, buf + have - c->ntail, c->ntail);
	}
	return found;
}

static UNUSED void con_forget(struct con *c)
{
	c->ntail = 0;
}

/* Wait up to timeout_ms for marker; returns its arrival time or -1. */
static UNUSED int64_t con_wait(struct con *c, const char *marker, int timeout_ms)
{
	int64_t end = now_ns() + (int64_t)timeout_ms * 1000000, at = -1;

	for (;;) {
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		int64_t left = (end - now_ns()) / 1000000;

		if (con_read(c, marker, &at))
			return at;
		if (c->dead || left <= 0)
			return -1;
		poll(&p, 1, (int)left + 1);
	}
}

/* Read until no byte arrives for quiet_ms (at most max_ms in all). */
static UNUSED void con_quiet(struct con *c, int quiet_ms, int max_ms)
{
	int64_t end = now_ns() + (int64_t)max_ms * 1000000;

	for (;;) {
		struct pollfd p = { .fd = c->fd, .events = POLLIN };

		con_read(c, NULL, NULL);
		if (c->dead || now_ns() >= end)
			return;
		if (poll(&p, 1, quiet_ms) == 0)
			return;
	}
}

static UNUSED void con_write(struct con *c, const char *s)
{
	size_t len = strlen(s), off = 0;

	while (off < len) {
		ssize_t w = write(c->fd, s + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			bench_die("write to the console: %s", strerror(errno));
		off += (size_t)w;
	}
}

/* SIGTERM (the console quits cleanly), then SIGKILL after 3 s. */
static UNUSED void con_stop_all(struct con *v, int n)
{
	int64_t end = now_ns() + 3000000000LL;
	int left = 0;

	for (int i = 0; i < n; i++)
		if (v[i].pid > 0)
			kill(v[i].pid, SIGTERM);
	do {
		left = 0;
		for (int i = 0; i < n; i++) {
			if (v[i].pid <= 0)
				continue;
			con_read(&v[i], NULL, NULL);
			if (waitpid(v[i].pid, NULL, WNOHANG) == v[i].pid)
				v[i].pid = 0;
			else
				left++;
		}
		if (left)
			sleep_ms(5);
	} while (left && now_ns() < end);
	for (int i = 0; i < n; i++) {
		if (v[i].pid > 0) {
			kill(v[i].pid, SIGKILL);
			waitpid(v[i].pid, NULL, 0);
			v[i].pid = 0;
		}
		if (v[i].fd > 0)
			close(v[i].fd);
		v[i].fd = -1;
	}
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Percentile (nearest rank) of n samples in ns, as ms; sorts v. */
static UNUSED double pct_ms(int64_t *v, size_t n, double p)
{
	size_t k;

	if (!n)
		return -1;
	qsort(v, n, sizeof *v, cmp_i64);
	k = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return (double)v[k - 1] / 1e6;
}

/* Marker text for case number g (the address prefix the bench data uses):
 * letters at even positions, digits at odd ones (no two neighbours alike, so
 * curses never uses a repeat sequence), and the two alphabets of odd and even
 * g share no character: neighbouring rows differ in every cell, so curses
 * must write the whole marker whenever a row changes from one to the next.
 * Same formula as in bench/run.sh (SQL). */
static UNUSED void case_marker(long g, char out[11])
{
	long x = g;

	for (int j = 0; j < 5; j++) {
		out[2 * j] = (char)('A' + 13 * (g % 2) + x % 13);
		out[2 * j + 1] = (char)('0' + 5 * (g % 2) + j);
		x /= 13;
	}
	out[10] = '\0';
}

/* What the filter benchmarks type (bench/console.c city, bench/model.c),
 * 8 characters each: a phone, a reference, a street, a name, words of the
 * description.  They match 1 to 100,000 of the city's cases (bench/run.sh,
 * bench/model.c mkcase: the same texts); each starts with a character the
 * two before it do not. */
#define BENCH_FILTER_TEXTS 10
static UNUSED const char *const bench_filter_texts[BENCH_FILTER_TEXTS] = {
	"09000012", "ct-45678", "dinh chi", "van 7777", "mua chie",
	"so 31415", "ngap sau", "rac thai", "khu 1234", "phuong x",
};

#endif
