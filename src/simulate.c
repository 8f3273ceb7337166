/* simulate.c - `wardesk simulate`: realistic Vietnamese reports and phone
 * tickets at a steady rate, for demos and load.
 *
 * Every report goes through the real intake paths: app reports as one-item
 * Open311 feeds through store_import, phone tickets through store_report,
 * so flags, duplicate detection, audit and NOTIFY all happen as in real
 * life.  The sequence is deterministic for a given --seed (own PRNG, no
 * rand()); only the external ids carry the start time so that runs never
 * collide.  SIGINT/SIGTERM stop it between two reports. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <uninorm.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/deskclock.h"
#include "wardesk/intake_feed.h"
#include "wardesk/text.h"

/* ---- data (streets and places from ../shared/DOMAIN.md) -------------- */

static const struct street {
	const char *name;
	double lat, lon;
} streets[] = {
	{ "Xô Viết Nghệ Tĩnh", 10.8031, 106.7110 },
	{ "Điện Biên Phủ", 10.8005, 106.7180 },
	{ "Đinh Bộ Lĩnh", 10.8068, 106.7125 },
	{ "Bạch Đằng", 10.8007, 106.7003 },
	{ "Nguyễn Xí", 10.8150, 106.7080 },
	{ "Phan Đăng Lưu", 10.8030, 106.6900 },
	{ "Nơ Trang Long", 10.8102, 106.6987 },
	{ "Lê Quang Định", 10.8100, 106.6900 },
	{ "Nguyễn Hữu Cảnh", 10.7900, 106.7180 },
	{ "Ung Văn Khiêm", 10.8060, 106.7180 },
	{ "Bình Quới", 10.8200, 106.7270 },
};

static const char *const wards[] = {
	"Phường Bình Thạnh", "Phường Gia Định", "Phường Thạnh Mỹ Tây", "Phường Bình Lợi Trung",
};

/* A description is what happened, then " tại " / " trên đường " and the place. */
static const struct cat {
	const char *code;
	const char *what[3];
} cats[] = {
	{ "TTDT", { "Quán ăn lấn chiếm toàn bộ vỉa hè, người đi bộ phải xuống lòng đường,",
	            "Công trình xây dựng không phép, thi công cả ban đêm,",
	            "Hàng rong tụ tập bán trên vỉa hè gây cản trở lối đi," } },
	{ "MT", { "Rác thải sinh hoạt đổ bừa bãi, bốc mùi hôi thối,",
	          "Nước thải chảy tràn ra mặt đường, mùi rất khó chịu,",
	          "Karaoke gây tiếng ồn lớn sau 22 giờ," } },
	{ "ANTT", { "Nhóm thanh niên tụ tập, có dấu hiệu gây rối,",
	            "Nghi có đối tượng trộm xe máy trong hẻm,",
	            "Hai nhóm người cãi nhau to, có nguy cơ xô xát," } },
	{ "ATGT", { "Xe tải đậu dưới lòng đường gây ùn tắc giờ cao điểm,",
	            "Va chạm giữa xe máy và ô tô, có người bị thương nhẹ,",
	            "Đèn tín hiệu giao thông không hoạt động," } },
	{ "HT", { "Ổ gà lớn giữa đường, nguy hiểm cho xe máy,",
	          "Đèn đường hỏng nhiều cột liên tiếp, buổi tối rất tối,",
	          "Ngập nước sau cơn mưa, xe chết máy nhiều," } },
	{ "CX", { "Cây xanh gãy nhánh đổ xuống vỉa hè,",
	          "Cây nghiêng có nguy cơ ngã vào nhà dân,",
	          "Cành cây chạm vào đường dây điện," } },
};

static const char *const names[] = {
	"Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Văn Phúc", "Phạm Thị Hoa", "Hoàng Văn Nam",
	"Võ Thị Lan", "Đặng Văn Tâm", "Bùi Thị Thu", "Huỳnh Văn Lộc", "Ngô Thị Hằng",
	"Đỗ Minh Quân", "Dương Thị Ngọc",
};

/* ---- PRNG (splitmix64: same sequence everywhere) --------------------- */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static unsigned rng_below(unsigned n)
{
	return n ? (unsigned)(rng_next() % n) : 0;
}

static double rng_unit(void)
{
	return (double)(rng_next() >> 11) / 9007199254740992.0;
}

/* ---- signals --------------------------------------------------------- */

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static void sleep_until(const struct timespec *t)
{
	while (!stop_flag) {
		struct timespec now, d;

		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > t->tv_sec || (now.tv_sec == t->tv_sec && now.tv_nsec >= t->tv_nsec))
			return;
		d.tv_sec = t->tv_sec - now.tv_sec;
		d.tv_nsec = t->tv_nsec - now.tv_nsec;
		if (d.tv_nsec < 0) {
			d.tv_sec--;
			d.tv_nsec += 1000000000L;
		}
		if (d.tv_sec > 0) {   /* wake up at least every 200 ms to check the flag */
			d.tv_sec = 0;
			d.tv_nsec = 200000000L;
		} else if (d.tv_nsec > 200000000L) {
			d.tv_nsec = 200000000L;
		}
		nanosleep(&d, NULL);
	}
}

/* ---- arguments ------------------------------------------------------- */

/* "12/min", "12", "0.5/s", "300/h" -> reports per minute. */
static bool parse_rate(const char *s, double *per_min)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || !(v > 0) || v > 60000)
		return false;
	if (!*end || !strcmp(end, "/min") || !strcmp(end, "/m"))
		*per_min = v;
	else if (!strcmp(end, "/s"))
		*per_min = v * 60;
	else if (!strcmp(end, "/h"))
		*per_min = v / 60;
	else
		return false;
	return *per_min <= 60000;
}

/* "90", "90s", "5m", "1h" -> seconds. */
static bool parse_duration(const char *s, double *secs)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || v < 0 || v > 1e7)
		return false;
	if (!*end || !strcmp(end, "s"))
		*secs = v;
	else if (!strcmp(end, "m") || !strcmp(end, "min"))
		*secs = v * 60;
	else if (!strcmp(end, "h"))
		*secs = v * 3600;
	else
		return false;
	return true;
}

/* ---- one report ------------------------------------------------------ */

struct sim_report {
	const struct cat *cat;
	char *address, *description;
	double lat, lon;
};

static char *nfd(const char *s)
{
	size_t len = 0;
	uint8_t *r = u8_normalize(UNINORM_NFD, (const uint8_t *)s, strlen(s) + 1, NULL, &len);

	return r ? (char *)r : xstrdup(s);
}

static void make_report(struct sim_report *r, const struct sim_report *prev, size_t nprev)
{
	const struct street *sp;
	struct strbuf addr = { 0 }, desc = { 0 };
	unsigned num = 1 + rng_below(400), kind = rng_below(3);
	double angle, dist;

	/* about one in seven repeats a recent report: same category, a few metres away */
	if (nprev && rng_below(7) == 0) {
		const struct sim_report *p = &prev[rng_below((unsigned)nprev)];

		r->cat = p->cat;
		r->address = xstrdup(p->address);
		r->lat = p->lat + (rng_unit() - 0.5) * 0.0002;   /* about +-11 m */
		r->lon = p->lon + (rng_unit() - 0.5) * 0.0002;
		sb_printf(&desc, "%s %s (báo lại)", r->cat->what[rng_below(3)], r->address);
		r->description = sb_steal(&desc);
		return;
	}
	r->cat = &cats[rng_below(ARRAY_SIZE(cats))];
	sp = &streets[rng_below(ARRAY_SIZE(streets))];
	if (kind == 0)
		sb_printf(&addr, "%u %s", num, sp->name);
	else if (kind == 1)
		sb_printf(&addr, "%u/%u %s", num, 1 + rng_below(30), sp->name);
	else
		sb_printf(&addr, "Hẻm %u %s", num, sp->name);
	sb_printf(&addr, ", %s", wards[rng_below(ARRAY_SIZE(wards))]);
	r->address = sb_steal(&addr);
	angle = rng_unit() * 6.283185307179586;
	dist = rng_unit() * 0.004;   /* within about 450 m of the street's point */
	r->lat = sp->lat + dist * sin(angle);
	r->lon = sp->lon + dist * cos(angle);
	sb_printf(&desc, "%s tại %s.", r->cat->what[rng_below(3)], r->address);
	r->description = sb_steal(&desc);
}

static void random_phone(char *buf, size_t sz)
{
	static const char *const prefixes[] = { "090", "091", "093", "097", "098", "032", "035",
	                                        "070", "077", "081", "086", "088" };

	snprintf(buf, sz, "%s.%03u.%04u", prefixes[rng_below(ARRAY_SIZE(prefixes))],
	         rng_below(1000), rng_below(10000));
}

/* ---- the command ----------------------------------------------------- */

struct sim {
	const struct cli_global *g;
	struct store *st;
	unsigned long long seed;
	time_t t0;                 /* start time: part of the external ids */
	double per_min, secs;      /* --rate, --duration (-1: none) */
	long count;                /* --count (-1: none) */
	bool quiet;
	struct sim_report hist[16];   /* the last reports, for repeats */
	size_t nhist, made, napp, nphone, nflag;
	struct timespec start, next;
};

/* The options; 0 to go on, else the usage error's exit status. */
static int sim_args(const struct cli_args *a, struct sim *s)
{
	const char *seed = cli_str(a, "seed"), *dur = cli_str(a, "duration");
	char *end;

	s->secs = -1;
	s->count = cli_int(a, "count", -1);
	s->quiet = cli_flag(a, "quiet");
	s->seed = 1;
	if (!parse_rate(cli_str(a, "rate"), &s->per_min))
		return cli_usage_error(a->cmd, _("--rate needs a number per minute, e.g. 12/min"));
	if (dur && !parse_duration(dur, &s->secs))
		return cli_usage_error(a->cmd, _("--duration needs a time like 90s, 5m or 1h"));
	if (seed) {
		errno = 0;
		s->seed = strtoull(seed, &end, 10);
		if (*end || end == seed || errno)
			return cli_usage_error(a->cmd, _("--seed needs a whole number"));
	}
	return 0;
}

/* An app report as a one-item Open311 feed; takes text and address. */
static void sim_app(struct sim *s, const struct sim_report *r, char *text, char *address,
                    char *ref, size_t refsz, bool *flagged, struct st_err *err)
{
	struct o311_feed feed = { 0 };
	struct o311_request q = { 0 };
	struct wd_import_item item;
	size_t bad;

	q.id = xasprintf("SIM-%llu-%lld-%zu", s->seed, (long long)s->t0, s->made + 1);
	q.service_code = xstrdup(r->cat->code);
	q.description = text;
	q.address = address;
	q.status = xstrdup("open");
	q.requested = desk_now();   /* the desk clock, as phone tickets get it */
	q.has_coords = true;
	q.lat = r->lat;
	q.lon = r->lon;
	q.media_url = xasprintf("https://example.invalid/sim/%zu.jpg", s->made + 1);
	o311_feed_add(&feed, &q);
	if (store_import(s->st, &feed, &item, &bad, NULL, NULL, err) == ST_OK) {
		snprintf(ref, refsz, "%s", item.ref);
		*flagged = item.flags && item.flags[0];
		wd_import_items_free(&item, 1);
	}
	o311_feed_free(&feed);
	s->napp++;
}

/* A phone ticket; takes text and address. */
static void sim_phone(struct sim *s, const struct sim_report *r, char *text, char *address,
                      char *ref, size_t refsz, struct st_err *err)
{
	struct wd_report w = { 0 };
	char phone[32];

	random_phone(phone, sizeof phone);
	w.category = r->cat->code;
	w.description = text;
	w.address = address;
	w.phone = phone;
	w.name = names[rng_below(ARRAY_SIZE(names))];
	w.channel = WD_CH_HOTLINE;
	store_report(s->st, &w, ref, refsz, err);
	free(text);
	free(address);
	s->nphone++;
}

static void sim_remember(struct sim *s, const struct sim_report *r)
{
	if (s->nhist == ARRAY_SIZE(s->hist)) {
		free(s->hist[0].address);
		free(s->hist[0].description);
		memmove(s->hist, s->hist + 1, (s->nhist - 1) * sizeof *s->hist);
		s->nhist--;
	}
	s->hist[s->nhist++] = *r;
}

static double elapsed_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void ts_add(struct timespec *t, time_t sec, long nsec)
{
	t->tv_sec += sec;
	t->tv_nsec += nsec;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

/* One report.  1: made, 0: --duration is over, -1: the database refused. */
static int sim_one(struct sim *s, struct st_err *err)
{
	struct sim_report r;
	char ref[32] = "";
	bool app = rng_below(100) < 55, flagged = false;
	bool decomposed = rng_below(4) == 0;
	char *text, *address;

	if (s->secs >= 0 && elapsed_since(&s->start) >= s->secs)
		return 0;
	make_report(&r, s->hist, s->nhist);
	text = decomposed ? nfd(r.description) : xstrdup(r.description);
	address = decomposed ? nfd(r.address) : xstrdup(r.address);
	if (app)
		sim_app(s, &r, text, address, ref, sizeof ref, &flagged, err);
	else
		sim_phone(s, &r, text, address, ref, sizeof ref, err);
	if (!*ref) {
		free(r.address);
		free(r.description);
		return -1;
	}
	s->made++;
	s->nflag += flagged;
	if (!s->quiet) {
		char line[64];

		snprintf(line, sizeof line, "%s\t%s\t%s%s", ref, app ? "app" : "hotline", r.cat->code,
		         flagged ? "\tflagged" : "");
		cli_printf("%s\n", line);
		fflush(stdout);
	}
	sim_remember(s, &r);
	return 1;
}

/* Sleep until the next report is due: 60/per_min seconds after the last
 * one was.  false: stop (--count or --duration reached). */
static bool sim_wait(struct sim *s)
{
	long long ns = (long long)(60.0 / s->per_min * 1e9);

	ts_add(&s->next, (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL));
	if (s->count >= 0 && (long)s->made >= s->count)
		return false;
	if (s->secs >= 0) {
		struct timespec limit = s->start;

		ts_add(&limit, (time_t)s->secs, (long)((s->secs - (double)(time_t)s->secs) * 1e9));
		if (limit.tv_sec < s->next.tv_sec ||
		    (limit.tv_sec == s->next.tv_sec && limit.tv_nsec < s->next.tv_nsec)) {
			sleep_until(&limit);
			return false;
		}
	}
	sleep_until(&s->next);
	return true;
}

/* App requests are stamped with the desk clock (wardesk.now(): a desk PC
 * whose clock is off, or the test clock), like phone tickets. */
static bool sim_sync_clock(struct sim *s, struct st_err *err)
{
	time_t local = time(NULL), db;

	if (store_desk_now(s->st, &db, err) != ST_OK)
		return false;
	desk_clock_sync(db, local);
	return true;
}

int cmd_simulate(const struct cli_global *g, const struct cli_args *a)
{
	struct sim s = { .g = g, .t0 = time(NULL) };
	struct sigaction sa;
	struct st_err err = { 0 };
	int rc;

	if ((rc = sim_args(a, &s)))
		return rc;
	rng_state = s.seed;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;   /* no SA_RESTART: a blocked sleep returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	s.st = cli_connect(g);
	if (!sim_sync_clock(&s, &err)) {
		store_close(&s.st);
		return cli_fail(&err);
	}
	clock_gettime(CLOCK_MONOTONIC, &s.start);
	s.next = s.start;
	while (!stop_flag && (s.count < 0 || (long)s.made < s.count)) {
		int made = sim_one(&s, &err);

		if (made < 0)
			rc = cli_fail(&err);
		if (made <= 0 || !sim_wait(&s))
			break;
	}
	for (size_t i = 0; i < s.nhist; i++) {
		free(s.hist[i].address);
		free(s.hist[i].description);
	}
	store_close(&s.st);
	cli_fprintf(stderr, _("wardesk: simulated %zu reports (%zu app, %zu phone, %zu flagged)%s\n"),
	        s.made, s.napp, s.nphone, s.nflag, stop_flag ? _(", stopped by a signal") : "");
	return rc;
}
