/* cli_stats.c - `wardesk stats`: the period's figures as a table, CSV or
 * JSON (the numbers come from the database: store_stats). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/cli.h"
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

/* section,key,name,received,resolved,open,on_time,on_time_rate,median_min,
 * p90_min,rating_avg,rating_count,delay_min */
static void csv_row(const char *section, const char *key, const char *name, long received,
                    long resolved, long open, long on_time, double median_secs, double p90_secs,
                    double rating_avg, long rating_count, double delay_secs)
{
	char b[12][40];

	csv_cell(section, false);
	csv_cell(key, false);
	csv_cell(name, false);
	csv_cell(csv_num(b[0], 40, (double)received, 0), false);
	csv_cell(csv_num(b[1], 40, (double)resolved, 0), false);
	csv_cell(csv_num(b[2], 40, (double)open, 0), false);
	csv_cell(csv_num(b[3], 40, (double)on_time, 0), false);
	csv_cell(csv_num(b[4], 40, resolved > 0 && on_time >= 0 ? (double)on_time / (double)resolved : -1, 4),
	         false);
	csv_cell(csv_num(b[5], 40, median_secs < 0 ? -1 : median_secs / 60.0, 2), false);
	csv_cell(csv_num(b[6], 40, p90_secs < 0 ? -1 : p90_secs / 60.0, 2), false);
	csv_cell(csv_num(b[7], 40, rating_avg, 2), false);
	csv_cell(csv_num(b[8], 40, (double)rating_count, 0), false);
	csv_cell(csv_num(b[9], 40, delay_secs < 0 ? -1 : delay_secs / 60.0, 1), true);
}

static void stats_csv(const struct wd_stats *s)
{
	fputs("section,key,name,received,resolved,open,on_time,on_time_rate,median_min,p90_min,"
	       "rating_avg,rating_count,delay_min\n", stdout);
	csv_row("total", "", "", s->received, s->resolved, s->open, s->on_time, s->median_secs,
	        s->p90_secs, s->rating_avg, s->rating_count, -1);
	for (size_t i = 0; i < s->n_category; i++) {
		const struct wd_stats_group *x = &s->by_category[i];

		csv_row("category", x->key, x->name, x->received, x->resolved, -1, x->on_time,
		        x->median_secs, -1, x->rating_avg, -1, -1);
	}
	for (size_t i = 0; i < s->n_channel; i++) {
		const struct wd_stats_group *x = &s->by_channel[i];

		csv_row("channel", x->key, "", x->received, x->resolved, -1, x->on_time, x->median_secs,
		        -1, -1, -1, -1);
	}
	for (size_t i = 0; i < s->n_officer; i++) {
		const struct wd_stats_group *x = &s->by_officer[i];

		csv_row("officer", x->key ? x->key : "", x->name, -1, x->resolved, -1, x->on_time,
		        x->median_secs, -1, x->rating_avg, x->rating_count, -1);
	}
	for (size_t i = 0; i < s->n_late; i++) {
		const struct wd_stats_late *l = &s->late[i];

		csv_row("late", l->ref, l->delay_reason ? l->delay_reason : "", -1, l->closed ? 1 : 0,
		        l->closed ? 0 : 1,
		        -1, -1, -1, -1, -1, (double)l->delay_secs);
	}
	for (size_t i = 0; i < s->n_hourly; i++) {
		char iso[40];

		time_iso(s->hourly[i].hour, iso, sizeof iso);
		csv_row("hour", iso, "", s->hourly[i].received, s->hourly[i].resolved, -1, -1, -1, -1,
		        -1, -1, -1);
	}
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
	group_table(_("By channel"), s->by_channel, s->n_channel, false, true);
	group_table(_("By officer (holder at close)"), s->by_officer, s->n_officer, true, false);
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
	struct st_err err = { 0 };
	struct store *st;

	/* defaults (0): to = the desk clock's now, from = the midnight
	 * (Asia/Ho_Chi_Minh) that starts the day `to` ends (--to 2026-12-03
	 * alone: 2 December); a --from after the desk clock's now is refused by
	 * the database (WD570), which also ends a period at its now */
	if (from && to && to <= from)
		return cli_usage_error(a->cmd, _("--to must be after --from"));
	st = cli_connect(g);
	if (store_stats(st, from, to, &s, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == FMT_JSON)
		cli_print_json(json_tokener_parse(s.json));
	else if (fmt == FMT_CSV)
		stats_csv(&s);
	else
		stats_table(&s);
	wd_stats_free(&s);
	return WD_EXIT_OK;
}
