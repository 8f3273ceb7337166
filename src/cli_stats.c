/* cli_stats.c - `wardesk stats`: the period's figures as a table, CSV or
 * JSON (the numbers come from the database: store_stats). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_callbacks.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/stats.h"
#include "wardesk/words.h"
#include "wardesk/store_shift.h"
#include "wardesk/timefmt.h"

/* ---- stats ----------------------------------------------------------- */

static void csv_cell(const char *s, bool last)
{
	cli_csv_cell(stdout, s, last);
}

/* Numbers for CSV: "" when unknown (negative). */
static const char *csv_num(char *buf, size_t sz, double v, int decimals)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, sz, "%.*f", decimals, v);
	return buf;
}

/* One CSV row: every figure -1 when it does not apply (an empty cell). */
struct csv_fig {
	long received, resolved, open, on_time;
	double median_secs, p90_secs, rating_avg;
	long rating_count;
	double delay_secs;
	long merged, reopened, closed_in_app;
	double fc_median_secs, fc_p90_secs;
	long taken;
	double on_duty_secs;
};
static const struct csv_fig csv_none = {
	.received = -1, .resolved = -1, .open = -1, .on_time = -1, .median_secs = -1,
	.p90_secs = -1, .rating_avg = -1, .rating_count = -1, .delay_secs = -1, .merged = -1,
	.reopened = -1, .closed_in_app = -1, .fc_median_secs = -1, .fc_p90_secs = -1,
	.taken = -1, .on_duty_secs = -1,
};

static double csv_min(double secs)
{
	return secs < 0 ? -1 : secs / 60.0;
}

static void csv_row(const char *section, const char *key, const char *name, const struct csv_fig *f)
{
	char b[40];
	const struct { double v; int decimals; } cells[] = {
		{ (double)f->received, 0 }, { (double)f->resolved, 0 }, { (double)f->open, 0 },
		{ (double)f->on_time, 0 },
		{ f->resolved > 0 && f->on_time >= 0 ? (double)f->on_time / (double)f->resolved : -1, 4 },
		{ csv_min(f->median_secs), 2 }, { csv_min(f->p90_secs), 2 }, { f->rating_avg, 2 },
		{ (double)f->rating_count, 0 }, { csv_min(f->delay_secs), 1 }, { (double)f->merged, 0 },
		{ (double)f->reopened, 0 }, { (double)f->closed_in_app, 0 },
		{ csv_min(f->fc_median_secs), 2 }, { csv_min(f->fc_p90_secs), 2 },
		{ (double)f->taken, 0 }, { csv_min(f->on_duty_secs), 0 },
	};

	csv_cell(section, false);
	csv_cell(key, false);
	csv_cell(name, false);
	for (size_t i = 0; i < ARRAY_SIZE(cells); i++)
		csv_cell(csv_num(b, sizeof b, cells[i].v, cells[i].decimals), i + 1 == ARRAY_SIZE(cells));
}

static void csv_groups(const char *section, const struct wd_stats_group *g, size_t n, bool officer)
{
	for (size_t i = 0; i < n; i++) {
		const struct wd_stats_group *x = &g[i];
		struct csv_fig f = csv_none;

		f.received = officer ? -1 : x->received;
		f.resolved = x->resolved;
		f.on_time = x->on_time;
		f.median_secs = x->median_secs;
		f.rating_avg = x->rating_avg;
		if (officer) {
			f.rating_count = x->rating_count;
			f.merged = x->merged;
			f.reopened = x->reopened;
			f.taken = x->taken;
			f.fc_median_secs = x->first_contact_median_secs;
			f.on_duty_secs = x->on_duty_secs;
		}
		csv_row(section, x->key ? x->key : "", x->name ? x->name : "", &f);
	}
}

/* The heat strip: a row per category and local hour of the day (key the
 * category's code, name the hour), its received cases. */
static void heat_csv(const struct wd_stats *s)
{
	for (size_t i = 0; i < s->n_heat; i++)
		for (int h = 0; h < WD_STATS_HOURS_OF_DAY; h++) {
			char hour[8];
			struct csv_fig f = csv_none;

			f.received = s->heat[i].hours[h];
			snprintf(hour, sizeof hour, "%02d", h);
			csv_row("category_hour", s->heat[i].code ? s->heat[i].code : "", hour, &f);
		}
}

/* The heat strip as text: per category, received per hour of the day. */
static void heat_table(const struct wd_stats *s)
{
	int max = wd_stats_heat_max(s);

	if (!s->n_heat)
		return;
	cli_printf("\n");
	cli_printf(_("Received by hour of the day, per category (0-23h; █ = %d)\n"), max);
	for (size_t i = 0; i < s->n_heat; i++) {
		char *strip = stats_heat(s->heat[i].hours, WD_STATS_HOURS_OF_DAY, max);
		long n = 0;

		for (int h = 0; h < WD_STATS_HOURS_OF_DAY; h++)
			n += s->heat[i].hours[h];
		cli_label(stdout, s->heat[i].name ? s->heat[i].name : "", 20);
		cli_printf("|%s| %ld\n", strip, n);
		free(strip);
	}
}

static void stats_csv(const struct wd_stats *s)
{
	struct csv_fig t = csv_none;

	t.received = s->received;
	t.resolved = s->resolved;
	t.open = s->open;
	t.on_time = s->on_time;
	t.median_secs = s->median_secs;
	t.p90_secs = s->p90_secs;
	t.rating_avg = s->rating_avg;
	t.rating_count = s->rating_count;
	t.merged = s->merged;
	t.reopened = s->reopened;
	t.closed_in_app = s->closed_in_app;
	t.fc_median_secs = s->first_contact_median_secs;
	t.fc_p90_secs = s->first_contact_p90_secs;
	fputs("section,key,name,received,resolved,open,on_time,on_time_rate,median_min,p90_min,"
	      "rating_avg,rating_count,delay_min,merged,reopened,closed_in_app,"
	      "first_contact_median_min,first_contact_p90_min,taken,on_duty_min\n", stdout);
	csv_row("total", "", "", &t);
	csv_groups("category", s->by_category, s->n_category, false);
	csv_groups("channel", s->by_channel, s->n_channel, false);
	csv_groups("officer", s->by_officer, s->n_officer, true);
	for (size_t i = 0; i < s->n_late; i++) {
		const struct wd_stats_late *l = &s->late[i];
		struct csv_fig f = csv_none;

		f.resolved = l->closed ? 1 : 0;
		f.open = l->closed ? 0 : 1;
		f.delay_secs = (double)l->delay_secs;
		csv_row("late", l->ref, l->delay_reason ? l->delay_reason : "", &f);
	}
	for (size_t i = 0; i < s->n_hourly; i++) {
		char iso[40];
		struct csv_fig f = csv_none;

		f.received = s->hourly[i].received;
		f.resolved = s->hourly[i].resolved;
		time_iso(s->hourly[i].hour, iso, sizeof iso);
		csv_row("hour", iso, "", &f);
	}
	for (int h = 0; h < WD_STATS_HOURS_OF_DAY; h++) {
		char key[8];
		struct csv_fig f = csv_none;

		f.received = s->day_received[h];
		f.resolved = s->day_resolved[h];
		snprintf(key, sizeof key, "%02d", h);
		csv_row("hour_of_day", key, "", &f);
	}
	heat_csv(s);
}

static void group_table(const char *title, const struct wd_stats_group *g, size_t n, bool officer,
                        bool channel)
{
	static const char *head[] = {
		N_("KEY"), N_("NAME"), N_("RECEIVED"), N_("RESOLVED"), N_("ON TIME"), N_("MEDIAN"),
		N_("RATING"), N_("CHART"),
	};
	struct cli_table t;
	long max = 0;

	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		if (g[i].resolved > max)
			max = g[i].resolved;
	cli_printf("\n%s\n", title);
	cli_table_init(&t, ARRAY_SIZE(head), head);
	t.maxw[1] = 24;
	for (size_t i = 0; i < n; i++) {
		char rec[16], res[16], ot[48], med[32], rat[32], *bar;

		if (officer)
			snprintf(rec, sizeof rec, "-");
		else
			snprintf(rec, sizeof rec, "%ld", g[i].received);
		snprintf(res, sizeof res, "%ld", g[i].resolved);
		stats_ratio(g[i].on_time, g[i].resolved, ot, sizeof ot);
		stats_duration(g[i].median_secs, med, sizeof med);
		if (g[i].rating_avg >= 0)
			stats_decimal(g[i].rating_avg, 2, rat, sizeof rat);
		else
			snprintf(rat, sizeof rat, "-");
		bar = stats_bar((double)g[i].resolved, (double)max, 12);
		cli_table_row(&t, g[i].key ? g[i].key : "-",
		              channel ? word_channel_label(g[i].key) : g[i].name, rec, res, ot, med, rat, bar);
		free(bar);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

/* Reopens, merges, closures in the app, first contact, load by hour of day. */
static void stats_table_more(const struct wd_stats *s)
{
	char buf[64], buf2[64], *spark;

	stats_percent(s->reopen_rate, buf, sizeof buf);
	cli_label(stdout, _("Reopened:"), 20);
	cli_printf(_("%ld (%s of the resolutions)\n"), s->reopened, buf);
	cli_label(stdout, _("Merged:"), 20);
	cli_printf("%ld\n", s->merged);
	cli_label(stdout, _("Closed in the app:"), 20);
	cli_printf("%ld\n", s->closed_in_app);
	stats_duration(s->first_contact_median_secs, buf, sizeof buf);
	stats_duration(s->first_contact_p90_secs, buf2, sizeof buf2);
	cli_label(stdout, _("First contact:"), 20);
	cli_printf("%s (%s %s)\n", buf, _("90th percentile"), buf2);
	spark = stats_sparkline(s->day_received, WD_STATS_HOURS_OF_DAY);
	cli_label(stdout, _("Received by hour:"), 20);
	cli_printf("|%s| 0-23h\n", spark);
	free(spark);
}

/* Per officer on duty: shift time, takes, first contact, resolutions,
 * reopens of them, merges. */
static void duty_table(const struct wd_stats *s)
{
	static const char *head[] = {
		N_("LOGIN"), N_("ON DUTY"), N_("TAKEN"), N_("1ST CONTACT"), N_("RESOLVED"), N_("ON TIME"),
		N_("REOPENED"), N_("MERGED"),
	};
	struct cli_table t;

	if (!s->n_officer)
		return;
	cli_printf("\n%s\n", _("Per officer (shift time in the period, takes, first contact)"));
	cli_table_init(&t, ARRAY_SIZE(head), head);
	for (size_t i = 0; i < s->n_officer; i++) {
		const struct wd_stats_group *g = &s->by_officer[i];
		char duty[32], tk[16], fc[32], res[16], ot[48], ro[16], mg[16];

		stats_duration(g->on_duty_secs, duty, sizeof duty);
		snprintf(tk, sizeof tk, "%ld", g->taken);
		stats_duration(g->first_contact_median_secs, fc, sizeof fc);
		snprintf(res, sizeof res, "%ld", g->resolved);
		stats_ratio(g->on_time, g->resolved, ot, sizeof ot);
		snprintf(ro, sizeof ro, "%ld", g->reopened);
		snprintf(mg, sizeof mg, "%ld", g->merged);
		cli_table_row(&t, g->key ? g->key : "-", duty, tk, fc, res, ot, ro, mg);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

static void stats_table(const struct wd_stats *s)
{
	char a[40], b[40], buf[64], buf2[64];
	int *rec = xcalloc(s->n_hourly + 1, sizeof *rec), *res = xcalloc(s->n_hourly + 1, sizeof *res);
	char *spark;

	cli_time_long(s->from, a, sizeof a);
	cli_time_long(s->to, b, sizeof b);
	cli_label(stdout, _("Period:"), 20);
	cli_printf("%s - %s\n", a, b);
	cli_label(stdout, _("Received:"), 20);
	cli_printf("%ld\n", s->received);
	cli_label(stdout, _("Resolved:"), 20);
	cli_printf("%ld\n", s->resolved);
	cli_label(stdout, _("Open at the end:"), 20);
	cli_printf("%ld\n", s->open);
	stats_ratio(s->on_time, s->resolved, buf, sizeof buf);
	cli_label(stdout, _("On time:"), 20);
	cli_printf("%s\n", buf);
	stats_duration(s->median_secs, buf, sizeof buf);
	stats_duration(s->p90_secs, buf2, sizeof buf2);
	cli_label(stdout, _("Handling, median:"), 20);
	cli_printf("%s (%s %s)\n", buf, _("90th percentile"), buf2);
	if (s->rating_count > 0) {
		cli_label(stdout, _("Satisfaction:"), 20);
		char avg[32];

		stats_decimal(s->rating_avg, 2, avg, sizeof avg);
		cli_printf("%s (%ld)\n", avg, s->rating_count);
	} else {
		cli_label(stdout, _("Satisfaction:"), 20);
		cli_printf("- (0)\n");
	}
	stats_table_more(s);
	for (size_t i = 0; i < s->n_hourly; i++) {
		rec[i] = s->hourly[i].received;
		res[i] = s->hourly[i].resolved;
	}
	if (s->n_hourly) {
		time_hhmm(s->hourly[0].hour, a, sizeof a);
		spark = stats_sparkline(rec, s->n_hourly);
		cli_label(stdout, _("Received per hour:"), 20);
		cli_printf("|%s| %s %s\n", spark, _("from"), a);
		free(spark);
		spark = stats_sparkline(res, s->n_hourly);
		cli_label(stdout, _("Resolved per hour:"), 20);
		cli_printf("|%s|\n", spark);
		free(spark);
	}
	free(rec);
	free(res);
	group_table(_("By category"), s->by_category, s->n_category, false, false);
	heat_table(s);
	group_table(_("By channel"), s->by_channel, s->n_channel, false, true);
	group_table(_("By officer (holder at close)"), s->by_officer, s->n_officer, true, false);
	duty_table(s);
	if (s->n_late) {
		static const char *head[] = {
			N_("REF"), N_("CAT"), N_("OWNER"), N_("STATE"), N_("DEADLINE"), N_("CLOSED"), N_("LATE BY"),
			N_("REASON"),
		};
		struct cli_table t;

		cli_printf("\n%s\n", _("Late cases"));
		cli_table_init(&t, ARRAY_SIZE(head), head);
		for (size_t i = 0; i < s->n_late; i++) {
			const struct wd_stats_late *l = &s->late[i];
			char dl[40], cl[40] = "-", by[32];

			time_short(l->deadline, dl, sizeof dl);
			if (l->closed)
				time_short(l->closed, cl, sizeof cl);
			stats_duration((double)l->delay_secs, by, sizeof by);
			cli_table_row(&t, l->ref, l->category, l->owner ? l->owner : "-",
			              wd_state_name(l->state), dl, cl, by, l->delay_reason);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
}

int cmd_stats(const struct cli_global *g, const struct cli_args *a)
{
	time_t from = cli_time(a, "from"), to = cli_time(a, "to");
	int fmt = cli_fmt(a, FMT_TABLE);
	struct wd_stats s;
	struct wd_callback_stats cb;
	struct st_err err = { 0 };
	struct store *st;

	/* defaults (0): to = the desk clock's now, from = the midnight
	 * (Asia/Ho_Chi_Minh) that starts the day `to` ends (--to 2026-12-03
	 * alone: 2 December); a --from after the desk clock's now is refused by
	 * the database (WD565), which also ends a period at its now */
	if (from && to && to <= from)
		return cli_usage_error(a->cmd, _("--to must be after --from"));
	st = cli_connect(g);
	if (store_stats(st, from, to, &s, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	/* the call-back figures (issue 16), apart: src/cli_callbacks.c */
	if (store_callback_stats(st, s.from, s.to, &cb, &err) != ST_OK) {
		store_close(&st);
		wd_stats_free(&s);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == FMT_JSON)
		cli_print_json(cli_callback_stats_json(s.json, &cb));
	else if (fmt == FMT_CSV)
		stats_csv(&s);
	else
		stats_table(&s);
	if (fmt == FMT_TABLE)
		cli_callback_stats_table(&cb);
	wd_stats_free(&s);
	wd_callback_stats_free(&cb);
	return WD_EXIT_OK;
}
