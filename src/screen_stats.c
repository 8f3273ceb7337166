/* screen_stats.c - statistics (S): today by default, d / w / m switch to
 * today, the last 7 days, the last 30 days (store_stats, the same numbers
 * as `wardesk stats`).
 *
 * The totals (received, resolved, open, on time, median and 90th
 * percentile handling time, satisfaction) and the per-hour sparklines come
 * first so they fit 80x24; then bar charts by category, channel and officer
 * and the late cases with their delay reasons, scrollable.  Bars and
 * sparklines are drawn with stats_bar / stats_sparkline in the `bar`
 * colour.  Re-read (marked stale) on case changes and every minute. */
#include "wardesk/wardesk.h"

#include "wardesk/deskclock.h"
#include "wardesk/draw.h"
#include "wardesk/stats.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

/* One line: a label column, a text column, then an optional bar. */
struct sline {
	char *label, *text, *bar;
	int el, bar_el;
};

struct stats {
	int days;
	bool loaded, stale;
	struct wd_stats st;
	struct sline *v;
	size_t n, cap;
	int built_width;
	long top;
	int page;
};

static const enum action_id stats_footer[] = {
	ACT_STATS_TODAY, ACT_STATS_WEEK, ACT_STATS_MONTH, ACT_PAGE_DOWN, ACT_BOARD, ACT_BACK,
	ACT_COUNT,
};

static void lines_clear(struct stats *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].text);
		free(d->v[i].bar);
	}
	d->n = 0;
}

/* bar is taken over (may be NULL). */
static void add(struct stats *d, const char *label, const char *text, int el, char *bar, int bar_el)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	d->v[d->n].label = label ? xstrdup(label) : NULL;
	d->v[d->n].text = xstrdup(text ? text : "");
	d->v[d->n].bar = bar;
	d->v[d->n].el = el;
	d->v[d->n].bar_el = bar_el;
	d->n++;
}

static void stats_load(struct ui *ui, struct stats *d)
{
	struct st_err err = { 0 };
	struct wd_stats s;
	time_t from = 0;
	enum st_status r;

	d->stale = false;
	if (!live_up(&ui->live))
		return;
	if (d->days > 1)
		from = model_local_midnight(desk_now()) - (time_t)(d->days - 1) * 86400;
	r = store_stats(ui->live.st, from, 0, &s, &err);
	if (r != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		return;
	}
	if (d->loaded)
		wd_stats_free(&d->st);
	d->st = s;
	d->loaded = true;
	d->built_width = 0;
}

/* A sparkline of n values squeezed into at most width cells (sums). */
static char *spark(const struct wd_stats *s, bool resolved, int width)
{
	size_t n = s->n_hourly, per, cells, i;
	int *v;
	char *out;

	if (!n || width < 1)
		return xstrdup("");
	per = (n + (size_t)width - 1) / (size_t)width;
	cells = (n + per - 1) / per;
	v = xcalloc(cells, sizeof *v);
	for (i = 0; i < n; i++)
		v[i / per] += resolved ? s->hourly[i].resolved : s->hourly[i].received;
	out = stats_sparkline(v, cells);
	free(v);
	return out;
}

static void group(struct stats *d, const char *title, const struct wd_stats_group *g, size_t n,
                  int width, bool channel)
{
	long max = 1;
	char buf[256], pct[32], med[32];
	int barw = width - 52;

	add(d, NULL, "", EL_DEFAULT, NULL, 0);
	{
		struct strbuf h = { 0 };

		/* the rows: " " label(22) " " then "%5ld %5ld %7s %6s" (stats_draw);
		 * this line has no label, so the title takes its 22 columns */
		text_sb_pad(&h, title, 22, false);
		sb_putc(&h, ' ');
		text_sb_pad(&h, _("recv"), 5, true);
		sb_putc(&h, ' ');
		text_sb_pad(&h, _("done"), 5, true);
		sb_putc(&h, ' ');
		text_sb_pad(&h, _("on time"), 7, true);
		sb_putc(&h, ' ');
		text_sb_pad(&h, _("median"), 6, true);
		add(d, NULL, h.s, EL_TITLE, NULL, 0);
		sb_free(&h);
	}
	if (!n)
		add(d, NULL, _("  (nothing)"), EL_DIM, NULL, 0);
	for (size_t i = 0; i < n; i++)
		if (g[i].received > max)
			max = g[i].received;
	if (barw > 40)
		barw = 40;
	for (size_t i = 0; i < n; i++) {
		char name[128];

		if (channel)    /* the queue's word for it, not the database's */
			snprintf(name, sizeof name, "%s", word_channel_label(g[i].key));
		else
			snprintf(name, sizeof name, "%s%s%s", g[i].key ? g[i].key : "",
			         g[i].name ? " " : "", g[i].name ? g[i].name : "");
		stats_percent(g[i].resolved ? (double)g[i].on_time / (double)g[i].resolved : -1, pct,
		              sizeof pct);
		stats_duration(g[i].median_secs, med, sizeof med);
		snprintf(buf, sizeof buf, "%5ld %5ld %7s %6s ", g[i].received, g[i].resolved, pct, med);
		add(d, name, buf, EL_DEFAULT,
		    barw > 0 ? stats_bar((double)g[i].received, (double)max, barw) : NULL, EL_BAR);
	}
}

/* Reopened, merged, closed in the app; first contact; load by hour of day. */
static void build_more(struct stats *d, int width)
{
	const struct wd_stats *s = &d->st;
	char buf[256], a[32], b[32];

	stats_percent(s->reopen_rate, a, sizeof a);
	snprintf(buf, sizeof buf, _("%ld (%s) · merged %ld · closed in the app %ld"), s->reopened, a,
	         s->merged, s->closed_in_app);
	add(d, _("Reopened"), buf, s->reopened ? EL_DEADLINE_DUE_SOON : EL_DEFAULT, NULL, 0);
	stats_duration(s->first_contact_median_secs, a, sizeof a);
	stats_duration(s->first_contact_p90_secs, b, sizeof b);
	snprintf(buf, sizeof buf, _("median %s · 90th percentile %s"), a, b);
	add(d, _("First contact"), buf, EL_DEFAULT, NULL, 0);
	if (width > 50)
		add(d, _("By hour 0-23h"), "", EL_DEFAULT,
		    stats_sparkline(s->day_received, WD_STATS_HOURS_OF_DAY), EL_BAR);
}

/* The heat strip: per category, received per local hour of the day, in
 * shades with the same darkest for every category. */
static void heat_strip(struct stats *d)
{
	const struct wd_stats *s = &d->st;
	char buf[256], name[128];
	int max = wd_stats_heat_max(s);

	if (!s->n_heat)
		return;
	add(d, NULL, "", EL_DEFAULT, NULL, 0);
	snprintf(buf, sizeof buf, _("Received by hour of the day, per category (0-23h; █ = %d)"), max);
	add(d, NULL, buf, EL_TITLE, NULL, 0);
	for (size_t i = 0; i < s->n_heat; i++) {
		snprintf(name, sizeof name, "%s %s", s->heat[i].code ? s->heat[i].code : "",
		         s->heat[i].name ? s->heat[i].name : "");
		add(d, name, "", EL_DEFAULT, stats_heat(s->heat[i].hours, WD_STATS_HOURS_OF_DAY, max), EL_BAR);
	}
}

/* Per officer with a shift in the period: shift time, takes, first
 * contact, reopens of their resolutions. */
static void on_duty(struct stats *d)
{
	const struct wd_stats *s = &d->st;
	char buf[256], duty[32], fc[32];
	bool title = false;

	for (size_t i = 0; i < s->n_officer; i++) {
		const struct wd_stats_group *g = &s->by_officer[i];

		if (g->on_duty_secs < 0)
			continue;
		if (!title) {
			add(d, NULL, "", EL_DEFAULT, NULL, 0);
			add(d, NULL, _("On duty (shift time, taken, first contact, reopened)"), EL_TITLE, NULL, 0);
			title = true;
		}
		stats_duration(g->on_duty_secs, duty, sizeof duty);
		stats_duration(g->first_contact_median_secs, fc, sizeof fc);
		snprintf(buf, sizeof buf, "%7s %5ld %6s %5ld", duty, g->taken, fc, g->reopened);
		add(d, g->key, buf, EL_DEFAULT, NULL, 0);
	}
}

static const char *period_label(int days)
{
	return days == 1 ? _("today") : days == 7 ? _("last 7 days") : _("last 30 days");
}

static void build(struct stats *d, int width)
{
	const struct wd_stats *s = &d->st;
	char buf[512], a[32], b[32], c[32], avg[32];
	int sw = width - 24;

	lines_clear(d);
	d->built_width = width;
	if (!d->loaded) {
		add(d, NULL, _("Not available while offline."), EL_DIM, NULL, 0);
		return;
	}
	time_short(s->from, a, sizeof a);
	time_short(s->to, b, sizeof b);
	snprintf(buf, sizeof buf, _("Statistics: %s (%s – %s)"), period_label(d->days), a, b);
	add(d, NULL, buf, EL_TITLE, NULL, 0);
	snprintf(buf, sizeof buf, _("received %ld · resolved %ld · open %ld"), s->received,
	         s->resolved, s->open);
	add(d, _("Cases"), buf, EL_DEFAULT, NULL, 0);
	stats_ratio(s->on_time, s->resolved, a, sizeof a);
	add(d, _("On time"), a, s->on_time < s->resolved ? EL_DEADLINE_DUE_SOON : EL_DEFAULT,
	    s->resolved > 0 && width > 60 ? stats_bar((double)s->on_time, (double)s->resolved, 20) : NULL,
	    EL_BAR);
	stats_duration(s->median_secs, a, sizeof a);
	stats_duration(s->p90_secs, b, sizeof b);
	snprintf(buf, sizeof buf, _("median %s · 90th percentile %s"), a, b);
	add(d, _("Handling"), buf, EL_DEFAULT, NULL, 0);
	stats_decimal(s->rating_avg, 2, avg, sizeof avg);
	if (s->rating_count > 0)
		snprintf(buf, sizeof buf, ngettext("%s of 5 (%ld rating)", "%s of 5 (%ld ratings)",
		                                   (unsigned long)s->rating_count), avg, s->rating_count);
	else
		snprintf(buf, sizeof buf, "%s", _("- (no rating yet)"));
	add(d, _("Satisfaction"), buf, EL_DEFAULT,
	    s->rating_count > 0 && width > 60 ? stats_bar(s->rating_avg, 5, 20) : NULL, EL_BAR);
	if (s->n_hourly) {
		time_hhmm(s->hourly[0].hour, c, sizeof c);
		snprintf(buf, sizeof buf, _("per hour from %s:"), c);
		add(d, NULL, buf, EL_DIM, NULL, 0);
		add(d, _("Received"), "", EL_DEFAULT, spark(s, false, sw > 0 ? sw : 1), EL_BAR);
		add(d, _("Resolved"), "", EL_DEFAULT, spark(s, true, sw > 0 ? sw : 1), EL_BAR);
	}
	build_more(d, width);
	snprintf(buf, sizeof buf, _("Late cases: %zu"), s->n_late);
	add(d, NULL, buf, s->n_late ? EL_DEADLINE_OVERDUE : EL_DIM, NULL, 0);
	group(d, _("By category"), s->by_category, s->n_category, width, false);
	heat_strip(d);
	group(d, _("By channel"), s->by_channel, s->n_channel, width, true);
	group(d, _("By officer"), s->by_officer, s->n_officer, width, false);
	on_duty(d);
	if (s->n_late) {
		add(d, NULL, "", EL_DEFAULT, NULL, 0);
		add(d, NULL, _("Late cases (late by, delay reason)"), EL_TITLE, NULL, 0);
		for (size_t i = 0; i < s->n_late; i++) {
			const struct wd_stats_late *l = &s->late[i];

			stats_duration((double)l->delay_secs, a, sizeof a);
			{
				struct strbuf r = { 0 };

				sb_printf(&r, "%-6s %-12s ", l->category ? l->category : "",
				          l->owner ? l->owner : "-");
				text_sb_pad(&r, word_label(WORD_STATE, (int)l->state), 11, false);
				sb_printf(&r, " %6s  %s", a, l->delay_reason ? l->delay_reason : "-");
				snprintf(buf, sizeof buf, "%s", r.s);
				sb_free(&r);
			}
			add(d, l->ref, buf, EL_DEADLINE_OVERDUE, NULL, 0);
		}
	}
}

static void stats_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct stats *d = xcalloc(1, sizeof *d);

	d->days = arg ? *(const int *)arg : 1;
	s->data = d;
	stats_load(ui, d);
}

static void stats_close(struct ui *ui, struct screen *s)
{
	struct stats *d = s->data;

	(void)ui;
	lines_clear(d);
	free(d->v);
	if (d->loaded)
		wd_stats_free(&d->st);
	FREE(&s->data);
}

static void stats_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct stats *d = s->data;
	int width = COLS, stale;
	long i;

	if (d->stale)
		stats_load(ui, d);
	stale = live_up(&ui->live) ? 0 : (int)A_DIM;
	if (d->built_width != width)
		build(d, width);
	d->page = rows;
	if (d->top > (long)d->n - rows)
		d->top = (long)d->n - rows;
	if (d->top < 0)
		d->top = 0;
	for (i = 0; i < rows; i++) {
		size_t k = (size_t)(d->top + i);
		int y = top + (int)i, x = 0;
		const struct sline *l;

		if (k >= d->n) {
			draw_blank(NULL, y, 0, width, ui_attr(EL_DEFAULT));
			continue;
		}
		l = &d->v[k];
		x += draw_text_np(NULL, y, x, 1, " ", ui_attr(EL_DEFAULT));
		if (l->label) {
			draw_text(NULL, y, x, 22, l->label, ui_attr(EL_TITLE) | stale);
			x += 22;
			x += draw_text_np(NULL, y, x, 1, " ", ui_attr(EL_DEFAULT));
		}
		if (x < width)
			x += draw_text_np(NULL, y, x, width - x, l->text,
			                  ui_attr(l->el) | stale | (k == 0 ? (int)A_BOLD : 0));
		if (l->bar && x < width)
			x += draw_text_np(NULL, y, x, width - x, l->bar, ui_attr(l->bar_el) | stale);
		if (x < width)
			draw_blank(NULL, y, x, width - x, ui_attr(EL_DEFAULT));
	}
}

static bool stats_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct stats *d = s->data;
	long page = d->page > 1 ? d->page - 1 : 1;
	int days = 0;

	switch (act) {
	case ACT_UP: d->top--; return true;
	case ACT_DOWN: d->top++; return true;
	case ACT_PAGE_UP: d->top -= page; return true;
	case ACT_PAGE_DOWN: d->top += page; return true;
	case ACT_FIRST: d->top = 0; return true;
	case ACT_LAST: d->top = (long)d->n; return true;
	case ACT_STATS_TODAY: days = 1; break;
	case ACT_STATS_WEEK: days = 7; break;
	case ACT_STATS_MONTH: days = 30; break;
	default: return false;
	}
	d->days = days;
	d->top = 0;
	stats_load(ui, d);
	ui_status(ui, _("statistics: %s"), period_label(days));
	return true;
}

static void stats_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct stats *d = s->data;

	(void)ui;
	if (id != SCREEN_SHIFT_CHANGED)
		d->stale = true;
}

const struct screen_ops stats_ops = {
	.name = "stats",
	.keymap = KM_STATS,
	.footer = stats_footer,
	.open = stats_open,
	.close = stats_close,
	.draw = stats_draw,
	.action = stats_action,
	.key = ui_key_space_pages,
	.changed = stats_changed,
};
