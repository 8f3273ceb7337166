/* cli_progress.c - progress of long imports and exports on stderr (cli.h). */
#include "wardesk/wardesk.h"

#include <unistd.h>

#include "wardesk/cli.h"

#define PROGRESS_EVERY 0.25   /* seconds between two updates: at most 4 a second */
#define PROGRESS_BIG 1000     /* items: shown from the first step, however fast */

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(struct cli_progress *p, const char *what)
{
	memset(p, 0, sizeof *p);
	p->what = what;
	p->tty = isatty(STDERR_FILENO) == 1;
	p->t0 = p->last = mono_now();
}

static void draw(struct cli_progress *p, double now)
{
	double secs = now - p->t0;
	double rate = secs > 0 ? (double)p->done / secs : 0;
	unsigned pct = p->total ? (unsigned)(100.0 * (double)p->done / (double)p->total) : 100;
	char left[64] = "";

	if (p->done < p->total && rate > 0)
		snprintf(left, sizeof left, _(", %.0f s left"),
		         (double)(p->total - p->done) / rate + 0.5);
	/* \r and the erase-line sequence are ours, not data: written directly */
	fputs("\r\033[K", stderr);
	cli_fprintf(stderr, _("%s: %zu of %zu (%u%%), %.0f/s%s"), p->what, p->done, p->total, pct,
	            rate, left);
	fflush(stderr);
	p->shown = true;
	p->last = now;
}

void cli_progress_step(void *ctx, size_t done, size_t total)
{
	struct cli_progress *p = ctx;
	double now;

	p->done = done;
	p->total = total;
	if (!p->tty)
		return;
	now = mono_now();
	if (now - p->last >= PROGRESS_EVERY || (!p->shown && total >= PROGRESS_BIG))
		draw(p, now);
}

void cli_progress_end(struct cli_progress *p)
{
	if (!p->tty || !p->shown)
		return;
	draw(p, mono_now());
	fputs("\n", stderr);
	fflush(stderr);
	p->shown = false;
}
