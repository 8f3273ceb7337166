/* model.c - the console's case model (src/model.c) alone, at city scale.
 *
 *   model [N [ROUNDS]]       default 100000 cases, 10 rounds
 *
 * Builds the same kind of ward as bench/run.sh (case g: the g-th earliest
 * deadline, Vietnamese description, address starting with case_marker(g),
 * 1 % resolved today) the way the console does (first page of 200, then a
 * full snapshot sweep, then malloc_trim), and times in-process what a key
 * costs in the model: filter typing (each round one of bench_filter_texts,
 * bench.h, one character at a time),
 * widening (Backspace back to empty), clearing (Ctrl-U), view switches and
 * a tick, plus an update and a removal of a row while filtered.  No
 * terminal, no database: this is the model's share of a key and the floor
 * for it is whatever the console adds.  Prints TSV lines:
 *   model_load  ms
 *   model_op    kind p50 p99 max n      (ms, wall clock)
 *   model_cpu   kind p50 p99 max n      (ms of this thread's CPU time: the
 *                                        same keys without the time other
 *                                        processes took the CPU away)
 *   model_mem   heap_kib rss_kib hwm_kib
 *   model_bytes struct_mcase_bytes text_arena_bytes_per_case
 * filter_first_screen / filter_rest: the same keys typed as the console
 * types them (model_set_filter_soon: before the key's frame, the whole
 * scan if it ends within MODEL_FILTER_ONCE_US, else the first 19 matching
 * rows; then model_filter_step to the end), from no cached set.
 * Built by bench/run.sh against the objects of make all. */
#include "wardesk/wardesk.h"

#include <malloc.h>

#include "wardesk/deskclock.h"
#include "wardesk/model.h"
#include "wardesk/model_impl.h"    /* model_arena: the text's bytes a case */
#include "bench.h"

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
	static char buf[8][256];
	static int k;
	va_list ap;

	k = (k + 1) % 8;
	va_start(ap, f);
	vsnprintf(buf[k], sizeof buf[k], f, ap);
	va_end(ap);
	return buf[k];
}

static const char *cats[] = { "TTDT", "MT", "ANTT", "ATGT", "HT", "CX", "KHAC" };

static void mkcase(struct wd_case *c, long g, long n, time_t now)
{
	char m[11];

	memset(c, 0, sizeof *c);
	case_marker(g, m);
	c->id = g;
	c->ref = fmt("CT-%ld", g);
	c->version = 1;
	c->channel = g % 3 == 0 ? WD_CH_APP : WD_CH_HOTLINE;
	c->category = (char *)cats[g % 7];
	c->description = fmt("Phản ánh số %ld: rác thải ùn ứ, nước ngập sau cơn mưa chiều, người dân đề nghị"
	                     " phường xử lý sớm tại khu vực hẻm %ld, gần chợ", g, g % 300);
	c->address = fmt("%s %ld đường Nguyễn Đình Chiểu", m, g % 200);
	c->reporter_name = fmt("Nguyễn Văn %ld", g);
	c->reporter_phone = fmt("09%08ld", g);
	c->deadline_at = now + (g - n / 2) * 30;
	c->received_at = c->deadline_at - 7200;
	c->warn_min = 30;
	if (g > n - n / 100) {
		c->state = WD_RESOLVED;
		c->owner = (char *)"bench_c002";
		c->closed_at = now - 60;
	} else {
		c->state = g % 10 == 3 || g % 10 == 7 ? WD_IN_PROGRESS : WD_NEW;
		c->owner = g % 10 == 3 ? (char *)"bench_c001" : g % 10 == 7 ? (char *)"bench_c002" : NULL;
		c->escalation = g % 50 == 11 ? 1 : 0;
		if (c->deadline_at <= now)
			c->escalation = 2;
		c->warned_at = c->ack_at = now;
	}
}

struct series {
	const char *name;
	int64_t *v, *cpu;
	size_t n, cap;
};

static int64_t cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void add(struct series *s, int64_t ns, int64_t cpu)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 256;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		s->cpu = realloc(s->cpu, s->cap * sizeof *s->cpu);
		if (!s->v || !s->cpu)
			bench_die("out of memory");
	}
	s->v[s->n] = ns;
	s->cpu[s->n++] = cpu;
}

static void report(struct series *s)
{
	printf("model_op\t%s\t%.3f\t%.3f\t%.3f\t%zu\n", s->name, pct_ms(s->v, s->n, 50),
	       pct_ms(s->v, s->n, 99), pct_ms(s->v, s->n, 100), s->n);
	printf("model_cpu\t%s\t%.3f\t%.3f\t%.3f\t%zu\n", s->name, pct_ms(s->cpu, s->n, 50),
	       pct_ms(s->cpu, s->n, 99), pct_ms(s->cpu, s->n, 100), s->n);
}

static size_t sink;

/* What the screen reads after a key: the count and the first screenful. */
static void screen(struct model *m)
{
	size_t n = model_visible(m);

	for (size_t i = 0; i < n && i < 19; i++)
		sink += (size_t)model_row(m, i)->id;
	sink += model_view_count(m, VIEW_OPEN);
}

#define TIMED(series, stmt) do { \
		int64_t t_ = now_ns(), c_ = cpu_ns(); \
		stmt; \
		screen(m); \
		add(series, now_ns() - t_, cpu_ns() - c_); \
	} while (0)

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int rounds = argc > 2 ? atoi(argv[2]) : 10;
	time_t now = desk_now();
	struct series type = { .name = "filter_type" }, widen = { .name = "filter_widen" }, clear = { .name = "filter_clear" },
	              view = { .name = "view" }, tick = { .name = "tick" }, upd = { .name = "update_filtered" },
	              rm = { .name = "remove_filtered" }, first = { .name = "filter_first_screen" },
	              rest = { .name = "filter_rest" };
	struct model *m;
	struct wd_case c;
	int64_t t0;

	t0 = now_ns();
	m = model_new("bench_c001");
	for (long g = 1; g <= 200 && g <= n; g++) {
		mkcase(&c, g, n, now);
		model_put(m, &c, 0);
	}
	model_sweep_begin(m);
	for (long g = 1; g <= n; g++) {
		mkcase(&c, g, n, now);
		model_put(m, &c, 0);
	}
	model_sweep_end(m);
	malloc_trim(0);
	screen(m);
	printf("model_load\t%.3f\n", (double)(now_ns() - t0) / 1e6);

	for (int r = 0; r < rounds; r++) {
		/* each round another text, none answered from an earlier
		 * round's cached sets (bench.h) */
		const char *typed = bench_filter_texts[r % BENCH_FILTER_TEXTS];
		char buf[16];
		size_t k;

		for (int v = 0; v < VIEW_COUNT; v++)
			TIMED(&view, model_set_view(m, (enum view_id)v));
		model_set_view(m, VIEW_OPEN);
		TIMED(&tick, model_tick(m, desk_now()));
		for (k = 1; k <= strlen(typed); k++) {
			memcpy(buf, typed, k);
			buf[k] = '\0';
			TIMED(&type, model_set_filter(m, buf));
			if (r == 0 && getenv("BENCH_DEBUG"))
				fprintf(stderr, "bench: filter \"%s\": %.3f ms (cpu %.3f ms), %zu shown\n",
				        buf, (double)type.v[type.n - 1] / 1e6,
				        (double)type.cpu[type.n - 1] / 1e6, model_visible(m));
		}
		/* a row changes and one goes away while filtered */
		mkcase(&c, 12 + r, n, now);
		c.version = 2 + r;
		c.owner = (char *)"bench_c001";
		c.state = WD_IN_PROGRESS;
		TIMED(&upd, model_put(m, &c, 0));
		TIMED(&rm, model_remove(m, 1000 + r));
		while (k-- > 1) {
			memcpy(buf, typed, k);
			buf[k] = '\0';
			TIMED(&widen, model_set_filter(m, k ? buf : NULL));
		}
		model_set_filter(m, typed);
		TIMED(&clear, model_set_filter(m, NULL));
		mkcase(&c, 1000 + r, n, now);
		model_put(m, &c, 0);
		/* typed as the console does (model_set_filter_soon): the key's
		 * first screenful, then the rest after its frame; from no cached
		 * set (a resync forgets them) */
		model_sweep_begin(m);
		model_sweep_abort(m);
		for (k = 1; k <= strlen(typed); k++) {
			memcpy(buf, typed, k);
			buf[k] = '\0';
			TIMED(&first, model_set_filter_soon(m, buf, 19));
			TIMED(&rest, model_filter_step(m, 0));
		}
		model_set_filter(m, NULL);
	}
	{
		struct series *all[] = { &type, &widen, &clear, &view, &tick, &upd, &rm, &first, &rest };

		for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
			report(all[i]);
			free(all[i]->v);
			free(all[i]->cpu);
		}
	}
	{
		struct mallinfo2 mi = mallinfo2();
		FILE *f = fopen("/proc/self/status", "r");
		char line[256];
		long rss = -1, hwm = -1;

		while (f && fgets(line, sizeof line, f)) {
			if (!strncmp(line, "VmRSS:", 6))
				rss = atol(line + 6);
			if (!strncmp(line, "VmHWM:", 6))
				hwm = atol(line + 6);
		}
		if (f)
			fclose(f);
		printf("model_mem\t%zu\t%ld\t%ld\n", (mi.uordblks + mi.hblkhd) / 1024, rss, hwm);
	}
	{
		size_t alen = 0;

		model_arena(m, &alen);
		printf("model_bytes\t%zu\t%.1f\n", sizeof(struct mcase), n > 0 ? (double)alen / (double)n : 0.0);
	}
	model_free(&m);
	return sink == 42;
}
