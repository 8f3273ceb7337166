/* console_alerts.c - the sweep, alerts and notifications in the console
 * (console_alerts.h). */
#include "wardesk/wardesk.h"

#include "wardesk/config.h"
#include "wardesk/drafts.h"
#include "wardesk/console_alerts.h"
#include "wardesk/draw.h"
#include "wardesk/notify.h"
#include "wardesk/store_deadline.h"
#include "wardesk/sweep.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"

static struct {
	bool started;            /* notify worker running */
	bool pending;            /* alerts addressed to me wait to be fetched */
	bool sweep_off;          /* the sweep was refused on this connection */
	bool sweep_blocked;      /* the last sweep found its lock held (said once) */
	bool said_why;           /* "desktop notifications unavailable" shown */
	int64_t next_sweep_ms;   /* monotonic; 0: at once */
	int64_t fetch_at_ms;     /* pending alerts are fetched from then on */
	char deferred[512];      /* background news waiting for the status line */
} A;

/* Background news (alerts) on the status line; if the officer's own action
 * just wrote there, it waits until that message has been seen. */
static void bg_status(struct ui *ui, const char *msg)
{
	if (ui_status_fresh(ui)) {
		if (msg != A.deferred)
			snprintf(A.deferred, sizeof A.deferred, "%s", msg);
		return;
	}
	ui_status(ui, "%s", msg);
	ui->status_bg = true;
	A.deferred[0] = '\0';
}

/* Alerts are fetched a moment after the notification that announced them:
 * a burst (a report alerts everyone on duty) costs one round trip, and the
 * new case itself is drawn first. */
#define ALERT_BATCH_MS 150

/* ---- the fallback ---- */

static void ring(struct ui *ui)
{
	if (!ui->curses_up)
		return;
	if (config_bool(SET_BELL))
		beep();
	else
		flash();
}

/* Why desktop notifications do not work, short enough for the status
 * line ("" while they may work). */
static void why_text(char *out, size_t outsz)
{
	char why[256];
	enum notify_state s = notify_status(why, sizeof why);
	const char *r;

	*out = '\0';
	if (s == NOTIFY_OK || s == NOTIFY_UNKNOWN)
		return;
	r = s == NOTIFY_NO_BUS ? _("no D-Bus session") : s == NOTIFY_NO_SERVER
	    ? _("no notification server") : why;
	snprintf(out, outsz,
	         config_bool(SET_BELL) ? _("desktop notifications unavailable: %s; using the bell")
	                               : _("desktop notifications unavailable: %s; flashing the screen"),
	         r);
}

/* The bell (or a flash) and msg (may be NULL) on the status line, with
 * the reason notifications do not work if it was not said yet. */
static void fallback(struct ui *ui, const char *msg)
{
	char why[320];

	ring(ui);
	why[0] = '\0';
	if (!A.said_why && config_bool(SET_NOTIFY))
		why_text(why, sizeof why);
	if (why[0]) {
		char both[sizeof A.deferred];

		A.said_why = true;
		if (msg && *msg)
			snprintf(both, sizeof both, "%s — %s", msg, why);
		else
			snprintf(both, sizeof both, "%s", why);
		bg_status(ui, both);
	} else if (msg && *msg) {
		bg_status(ui, msg);
	}
}

/* ---- alerts ---- */

static void on_alert(void *ctx, int64_t alert_id, int64_t case_id, const char *kind, const char *to)
{
	struct ui *ui = ctx;
	const char *me = ui->live.st ? store_login(ui->live.st) : NULL;

	(void)alert_id;
	(void)case_id;
	(void)kind;
	if (me && to && !strcmp(to, me) && !A.pending) {
		A.pending = true;
		A.fetch_at_ms = mono_ms() + ALERT_BATCH_MS;
	}
}

/* The status line's "2 drafts waiting: BT-7 close, BT-12 escalate" (with
 * any damaged draft reported); nothing when none waits. */
static void drafts_announce(struct ui *ui)
{
	struct draft *v;
	size_t n = drafts_list(&v), i;
	const char *bad = drafts_problem();
	struct strbuf sb = { 0 };

	if (*bad)
		ui_error(ui, "%s", bad);
	if (!n)
		return;
	sb_printf(&sb, ngettext("%zu draft waiting:", "%zu drafts waiting:", n), n);
	for (i = 0; i < n && i < 6; i++)
		sb_printf(&sb, "%s %s %s", i ? "," : "", v[i].ref, v[i].action);
	if (i < n)
		sb_puts(&sb, ", ...");
	sb_printf(&sb, " (%s)", _(":drafts to send"));
	ui_status(ui, "%s", sb.s);
	sb_free(&sb);
	drafts_list_free(v, n);
}

static void on_up(void *ctx)
{
	drafts_announce(ctx);   /* notes kept while offline (caseops.h) */
	A.pending = true;          /* undelivered alerts from while we were away */
	A.fetch_at_ms = 0;
	A.sweep_off = false;
	A.next_sweep_ms = 0;       /* and sweep at once */
}

static bool serious(enum wd_alert_kind k)
{
	return k == WD_ALERT_ESCALATION || k == WD_ALERT_OVERDUE || k == WD_ALERT_REMINDER;
}

/* Fetch my undelivered alerts, show them, mark them delivered. */
static void handle_alerts(struct ui *ui)
{
	struct st_alert_query q = { .mine = true, .undelivered = true, .limit = 200 };
	struct st_err err = { 0 };
	struct wd_alert_list l;
	const struct wd_alert *best = NULL;   /* what the status line says */
	int64_t *ids;
	size_t nids = 0, nfall = 0, nnew_fall = 0, i;
	bool best_fell = false;
	enum st_status s;

	A.pending = false;
	s = store_alerts(ui->live.st, &q, &l, &err);
	if (s != ST_OK) {
		if (s == ST_OFFLINE || !store_ok(ui->live.st))
			live_lost(&ui->live, &err);
		return;
	}
	if (!l.n) {
		wd_alert_list_free(&l);
		return;
	}
	ids = xcalloc(l.n, sizeof *ids);
	for (i = 0; i < l.n; i++) {
		const struct wd_alert *a = &l.v[i];
		enum alert_notify_result r;

		ids[nids++] = a->id;
		if (a->resolved)
			continue;          /* stale: the case is closed already */
		if (config_bool(SET_NOTIFY)) {
			r = alert_notify(a);
		} else {
			/* no desktop: the status line (and bell) for what is wanted */
			r = alert_wanted(config_str(SET_NOTIFY_EVENTS), config_str(SET_NOTIFY_QUIET),
			                 a->kind, a->category) ? ALERT_FALLBACK : ALERT_FILTERED;
		}
		if (r == ALERT_FILTERED)
			continue;
		if (r == ALERT_FALLBACK) {
			nfall++;
			if (a->kind == WD_ALERT_NEW)
				nnew_fall++;
		}
		/* the first of the most serious, preferring one not shown elsewhere */
		if (!best || (serious(a->kind) && !serious(best->kind)) ||
		    (serious(a->kind) == serious(best->kind) && r == ALERT_FALLBACK && !best_fell)) {
			best = a;
			best_fell = r == ALERT_FALLBACK;
		}
	}
	if (best && (nfall || serious(best->kind))) {
		char *summary, *body;

		alert_text(best, &summary, &body);
		if (nfall > 1 && nnew_fall == nfall) {
			free(summary);
			summary = xasprintf(ngettext("%zu new case", "%zu new cases", nnew_fall), nnew_fall);
		} else if (nfall > 1) {
			char *more = xasprintf(_("%s (+%zu more)"), summary, nfall - 1);

			free(summary);
			summary = more;
		}
		if (nfall)
			fallback(ui, summary);
		else
			bg_status(ui, summary);
		free(summary);
		free(body);
	}
	s = store_alerts_delivered(ui->live.st, ids, nids, NULL, &err);
	free(ids);
	wd_alert_list_free(&l);
	if (s == ST_OFFLINE || (s != ST_OK && !store_ok(ui->live.st)))
		live_lost(&ui->live, &err);
	ui_dirty(ui);
}

/* ---- the sweep ---- */

static long sweep_ms(void)
{
	return config_int(SET_SWEEP_SECONDS) * 1000L;
}

static void sweep(struct ui *ui, int64_t now_ms)
{
	struct wd_transition_list l;
	struct st_err err = { 0 };
	enum st_status s;

	A.next_sweep_ms = now_ms + sweep_ms();
	s = store_sweep(ui->live.st, &l, &err);
	if (s != ST_OK) {
		if (s == ST_OFFLINE || !store_ok(ui->live.st)) {
			live_lost(&ui->live, &err);
		} else if (store_sweep_blocked(&err)) {
			/* someone holds the sweep's lock: say so once, keep trying */
			if (!A.sweep_blocked)
				ui_error(ui, "%s", err.msg);
			A.sweep_blocked = true;
		} else {
			A.sweep_off = true;   /* not allowed: leave it to others */
		}
		return;
	}
	if (A.sweep_blocked)
		ui_status(ui, "%s", _("the deadline sweep runs again"));
	A.sweep_blocked = false;
	wd_transition_list_free(&l);
	/* the sweep's own notifications are already in libpq's queue: the
	 * socket will not wake poll() for them */
	live_readable(&ui->live);
}

void calerts_init(struct ui *ui)
{
	memset(&A, 0, sizeof A);
	ui->live.alert = on_alert;
	ui->live.up = on_up;
	if (config_bool(SET_NOTIFY))
		A.started = notify_init_async("wardesk");
}

void calerts_shutdown(struct ui *ui)
{
	(void)ui;
	if (A.started)
		notify_shutdown(300);
	A.started = false;
}

int calerts_fd(void)
{
	return A.started ? notify_fd() : -1;
}

void calerts_readable(struct ui *ui)
{
	unsigned bits = notify_drain();
	char why[320];

	if (bits & NOTIFY_EV_FAILED) {
		fallback(ui, _("a desktop notification could not be shown"));
	} else if ((bits & NOTIFY_EV_STATE) && !A.said_why && !ui->status_error) {
		/* say it once, as soon as it is known (not over an error) */
		why_text(why, sizeof why);
		if (why[0]) {
			A.said_why = true;
			bg_status(ui, why);
		}
	}
	ui_dirty(ui);
}

int calerts_timeout_ms(struct ui *ui, int64_t now_ms)
{
	int64_t t = -1;

	if (A.deferred[0])
		t = ui->status_ms + UI_STATUS_FRESH_MS <= now_ms ? 0
		    : ui->status_ms + UI_STATUS_FRESH_MS - now_ms;
	if (!live_up(&ui->live))
		return (int)t;
	if (A.pending) {
		int64_t tf = A.fetch_at_ms <= now_ms ? 0 : A.fetch_at_ms - now_ms;

		if (t < 0 || tf < t)
			t = tf;
	}
	if (!A.sweep_off && sweep_ms() > 0) {
		int64_t ts = A.next_sweep_ms <= now_ms ? 0 : A.next_sweep_ms - now_ms;

		if (t < 0 || ts < t)
			t = ts;
	}
	return (int)t;
}

void calerts_tick(struct ui *ui, int64_t now_ms)
{
	if (A.deferred[0] && !ui_status_fresh(ui))
		bg_status(ui, A.deferred);
	if (!live_up(&ui->live))
		return;
	if (!A.sweep_off && sweep_ms() > 0 && now_ms >= A.next_sweep_ms)
		sweep(ui, now_ms);
	if (A.pending && now_ms >= A.fetch_at_ms && live_up(&ui->live)) {
		handle_alerts(ui);
		/* marking delivered may have queued more notifications */
		if (live_up(&ui->live))
			live_readable(&ui->live);
	}
}
