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
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <uninorm.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
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

int cmd_simulate(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rate", required_argument, NULL, 'r' },
		{ "duration", required_argument, NULL, 'd' },
		{ "count", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("simulate");
	double per_min = 0, secs = -1;
	long count = -1;
	unsigned long long seed = 1;
	bool quiet = false;
	struct sim_report hist[16];
	size_t nhist = 0, made = 0, napp = 0, nphone = 0, nflag = 0;
	struct sigaction sa;
	struct timespec start, next;
	struct store *st;
	struct st_err err = { 0 };
	time_t t0 = time(NULL);
	int c, rc = WD_EXIT_OK;
	char *end;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			if (!parse_rate(optarg, &per_min))
				return cli_usage_error(self, _("--rate needs a number per minute, e.g. 12/min"));
			break;
		case 'd':
			if (!parse_duration(optarg, &secs))
				return cli_usage_error(self, _("--duration needs a time like 90s, 5m or 1h"));
			break;
		case 'n':
			count = strtol(optarg, &end, 10);
			if (*end || end == optarg || count < 0)
				return cli_usage_error(self, _("--count needs a whole number"));
			break;
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 10);
			if (*end || end == optarg || errno)
				return cli_usage_error(self, _("--seed needs a whole number"));
			break;
		case 'q': quiet = true; break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
	if (per_min <= 0)
		return cli_usage_error(self, _("--rate is required"));
	rng_state = seed;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;   /* no SA_RESTART: a blocked sleep returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	st = cli_connect(g);
	clock_gettime(CLOCK_MONOTONIC, &start);
	next = start;
	while (!stop_flag && (count < 0 || (long)made < count)) {
		struct sim_report r;
		char ref[32] = "", phone[32], line[64];
		double elapsed;
		struct timespec now;
		bool app = rng_below(100) < 55, flagged = false;
		bool decomposed = rng_below(4) == 0;
		char *text, *address;

		clock_gettime(CLOCK_MONOTONIC, &now);
		elapsed = (double)(now.tv_sec - start.tv_sec) + (double)(now.tv_nsec - start.tv_nsec) / 1e9;
		if (secs >= 0 && elapsed >= secs)
			break;
		make_report(&r, hist, nhist);
		text = decomposed ? nfd(r.description) : xstrdup(r.description);
		address = decomposed ? nfd(r.address) : xstrdup(r.address);
		if (app) {
			struct o311_feed feed = { 0 };
			struct o311_request q = { 0 };
			struct wd_import_item item;
			size_t bad;

			q.id = xasprintf("SIM-%llu-%lld-%zu", seed, (long long)t0, made + 1);
			q.service_code = xstrdup(r.cat->code);
			q.description = text;
			q.address = address;
			q.status = xstrdup("open");
			q.requested = time(NULL);
			q.has_coords = true;
			q.lat = r.lat;
			q.lon = r.lon;
			q.media_url = xasprintf("https://example.invalid/sim/%zu.jpg", made + 1);
			o311_feed_add(&feed, &q);
			if (store_import(st, &feed, &item, &bad, &err) == ST_OK) {
				snprintf(ref, sizeof ref, "%s", item.ref);
				flagged = item.flags && item.flags[0];
				wd_import_items_free(&item, 1);
			}
			o311_feed_free(&feed);
			napp++;
		} else {
			struct wd_report w = { 0 };

			random_phone(phone, sizeof phone);
			w.category = r.cat->code;
			w.description = text;
			w.address = address;
			w.phone = phone;
			w.name = names[rng_below(ARRAY_SIZE(names))];
			w.channel = WD_CH_HOTLINE;
			store_report(st, &w, ref, sizeof ref, &err);
			free(text);
			free(address);
			nphone++;
		}
		if (!*ref) {
			rc = cli_fail(&err);
			free(r.address);
			free(r.description);
			break;
		}
		made++;
		nflag += flagged;
		if (!quiet) {
			snprintf(line, sizeof line, "%s\t%s\t%s%s", ref, app ? "app" : "hotline", r.cat->code,
			         flagged ? "\tflagged" : "");
			printf("%s\n", line);
			fflush(stdout);
		}
		/* keep the last reports for repeats */
		if (nhist == ARRAY_SIZE(hist)) {
			free(hist[0].address);
			free(hist[0].description);
			memmove(hist, hist + 1, (nhist - 1) * sizeof *hist);
			nhist--;
		}
		hist[nhist++] = r;

		/* the next report is due 60/per_min seconds after this one was */
		{
			double step = 60.0 / per_min;
			long long ns = (long long)(step * 1e9);

			next.tv_sec += (time_t)(ns / 1000000000LL);
			next.tv_nsec += (long)(ns % 1000000000LL);
			if (next.tv_nsec >= 1000000000L) {
				next.tv_sec++;
				next.tv_nsec -= 1000000000L;
			}
		}
		if (count >= 0 && (long)made >= count)
			break;
		if (secs >= 0) {
			struct timespec limit = start;

			limit.tv_sec += (time_t)secs;
			limit.tv_nsec += (long)((secs - (double)(time_t)secs) * 1e9);
			if (limit.tv_nsec >= 1000000000L) {
				limit.tv_sec++;
				limit.tv_nsec -= 1000000000L;
			}
			if (limit.tv_sec < next.tv_sec ||
			    (limit.tv_sec == next.tv_sec && limit.tv_nsec < next.tv_nsec)) {
				sleep_until(&limit);
				break;
			}
		}
		sleep_until(&next);
	}
	for (size_t i = 0; i < nhist; i++) {
		free(hist[i].address);
		free(hist[i].description);
	}
	store_close(&st);
	fprintf(stderr, _("wardesk: simulated %zu reports (%zu app, %zu phone, %zu flagged)%s\n"), made,
	        napp, nphone, nflag, stop_flag ? _(", stopped by a signal") : "");
	return rc;
}
