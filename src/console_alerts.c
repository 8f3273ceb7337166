/* console_alerts.c - the sweep, alerts and notifications in the console
 * (console_alerts.h). */
#include "wardesk/wardesk.h"

#include <limits.h>

#include "wardesk/alert_hints.h"
#include "wardesk/caserules.h"
#include "wardesk/config.h"
#include "wardesk/drafts.h"
#include "wardesk/console_alerts.h"
#include "wardesk/deskclock.h"
#include "wardesk/draw.h"
#include "wardesk/model_seen.h"
#include "wardesk/notify.h"
#include "wardesk/store_deadline.h"
#include "wardesk/sweep.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

static struct {
	bool started;            /* notify worker running */
	bool pending;            /* alerts addressed to me wait to be fetched */
	bool backlog;            /* the first fetch since connecting: summed up */
	bool said_start;         /* the start-up line was said (reconnects: only
	                          * when something waits) */
	bool offer;              /* the shift offer is on the status line */
	bool sweep_off;          /* the sweep was refused on this connection */
	bool sweep_blocked;      /* the last sweep found its lock held (said once) */
	int64_t blocked_since_ms; /* monotonic: since then every sweep found it held; 0: not */
	bool said_why;           /* "desktop notifications unavailable" shown */
	int64_t next_sweep_ms;   /* monotonic; 0: at once */
	int64_t fetch_at_ms;     /* pending alerts are fetched from then on */
	struct {                 /* summary alerts of a catch-up, per kind */
		int64_t at_ms;   /* the last one came then (monotonic) */
		long total;      /* cases summed up since the burst began */
	} burst[WD_ALERT_KIND_COUNT];
	char deferred[512];      /* background news waiting for the status line */
	/* alerts shown from their notification's payload (hints, no query),
	 * confirmed in one statement every few seconds (issue 14, item 1) */
	bool need_fetch;         /* an alert of mine came without a hint */
	struct alert_hints h;    /* heard, shown and not confirmed (alert_hints.h) */
	int64_t confirm_at_ms;   /* 0: nothing to confirm */
	char hint_line[512];     /* the status line said from unconfirmed hints */
	/* background statements on their way (store.h): their connection's
	 * store_serial, 0 when none */
	unsigned long sweep_on, fetch_on, seen_on;
	size_t seen_n;           /* hints the confirmation on its way covers */
} A;

/* Whether a request sent on connection serial on is still on its way. */
static bool on_way(const struct ui *ui, unsigned long on)
{
	return on && on == store_serial(ui->live.st);
}

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

/* Background news that must not wipe out other background news just
 * shown (the start-up line, why notifications do not work): both, joined,
 * the new first (what waits matters more; the line may be cut, see
 * console_frame.c). */
static void bg_status_join(struct ui *ui, const char *msg)
{
	if (ui->status_bg && ui->status[0] && mono_ms() - ui->status_ms < UI_STATUS_FRESH_MS &&
	    strlen(ui->status) + strlen(msg) + 5 < sizeof A.deferred) {
		char *both = xasprintf("%s \xe2\x80\x94 %s", msg, ui->status);

		bg_status(ui, both);
		free(both);
		return;
	}
	bg_status(ui, msg);
}

/* Alerts are shown a moment after the notification that announced them (a
 * burst, e.g. one sweep's steps, is said in one line, and the new case
 * itself is drawn first), plus up to ALERT_SPREAD_MS, a different moment
 * on every console of the ward (live_spread_ms); those without a hint are
 * fetched then.  Those shown from hints are confirmed (and marked
 * delivered) ALERT_CONFIRM_MS plus up to ALERT_CONFIRM_SPREAD_MS after the
 * first of them: one statement per console per few seconds at most. */
#define ALERT_FETCH_MAX 200   /* undelivered alerts fetched at a time: after
                              * connecting, the newest, summed up (the
                              * older ones with them: fetch_done) */
#define ALERT_BATCH_MS 150
#define ALERT_SPREAD_MS 600
#define ALERT_CONFIRM_MS 2000
#define ALERT_CONFIRM_SPREAD_MS 3000

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

static void on_alert(void *ctx, int64_t alert_id, int64_t case_id, const char *kind, const char *to,
                     const struct st_alert_payload *payload)
{
	struct ui *ui = ctx;
	const char *me = ui->live.st ? store_login(ui->live.st) : NULL;

	(void)alert_id;
	(void)case_id;
	(void)kind;
	if (!me || !to || strcmp(to, me))
		return;            /* not mine: nothing to ring, show or fetch */
	if (!A.pending) {
		/* a moment of its own: the ward's consoles hear the same alert,
		 * and would all fetch it, or draw and ring it, at once (just
		 * when the next case may come) */
		A.pending = true;
		A.fetch_at_ms = mono_ms() + ALERT_BATCH_MS + live_spread_ms(ALERT_SPREAD_MS);
	}
	if (!ahints_keep(&A.h, payload, me))
		A.need_fetch = true;
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
	A.backlog = true;          /* ... said in one line */
	A.fetch_at_ms = 0;
	A.sweep_off = false;
	A.next_sweep_ms = 0;       /* and sweep at once */
}

static bool serious(enum wd_alert_kind k)
{
	return k == WD_ALERT_ESCALATION || k == WD_ALERT_OVERDUE || k == WD_ALERT_REMINDER ||
	       k == WD_ALERT_URGENT;
}

/* An alert the desktop showed, on the status line too; an urgent one
 * (sql/014) rings the bell as well: it must not wait for a glance. */
static void shown_status(struct ui *ui, const struct wd_alert *a, const char *summary)
{
	if (a->kind == WD_ALERT_URGENT)
		ring(ui);
	bg_status(ui, summary);
}

/* Said on the status line even when the desktop showed it: escalations, and
 * a change to the officer's own work (issue 11, 5). */
static bool loud(enum wd_alert_kind k)
{
	return serious(k) || k == WD_ALERT_REASSIGNED || k == WD_ALERT_REOPENED;
}

#define SHIFT_OFFER N_("You are not on shift: y starts your shift now")

/* An officer or hotline officer who may start a shift and has none open:
 * the board's "0 on duty" should mean what it says. */
static bool shift_offer_wanted(struct ui *ui)
{
	return ui->live.have_me && !ui->live.shift_id &&
	       (ui->live.me.role == WD_ROLE_OFFICER || ui->live.me.role == WD_ROLE_HOTLINE) &&
	       ui_permitted(ui, ACT_SHIFT_START);
}

bool calerts_offer_shown(const struct ui *ui)
{
	return A.offer && strstr(ui->status, _(SHIFT_OFFER)) != NULL;
}

void calerts_offer_clear(void)
{
	A.offer = false;
}

/* One part of the start-up line: ", 3 due soon". */
static void waiting_part(struct strbuf *sb, const char *fmt, size_t n)
{
	if (!n)
		return;
	sb_puts(sb, sb->len ? ", " : "");
	sb_printf(sb, fmt, n);
}

/* Changes to my work while I was away (reassigned, reopened): one alert
 * in its own words ("BT-1 was reassigned to binh"), several counted. */
static void work_changes(struct strbuf *sb, const struct wd_alert_list *l, const char *me)
{
	const struct wd_alert *one = NULL;
	size_t nre = 0, nop = 0;

	for (size_t i = 0; me && i < l->n; i++) {
		const struct wd_alert *a = &l->v[i];

		if (!a->recipient || strcmp(a->recipient, me))
			continue;
		if (a->kind == WD_ALERT_REASSIGNED)
			nre++, one = a;
		else if (a->kind == WD_ALERT_REOPENED)
			nop++, one = a;
	}
	if (nre + nop == 1) {
		char *summary, *body;

		alert_text(one, &summary, &body);
		sb_puts(sb, sb->len ? ", " : "");
		sb_puts(sb, summary);
		free(summary);
		free(body);
		return;
	}
	waiting_part(sb, ngettext("%zu of your cases reassigned", "%zu of your cases reassigned", nre), nre);
	waiting_part(sb, ngettext("%zu case you closed reopened", "%zu cases you closed reopened", nop), nop);
}

/* A handover addressed to me, said first on the start-up line (it is the
 * incoming officer's first job; acknowledging it starts the shift, so no
 * shift offer goes with it).  NULL: none waits. */
static char *handover_first(struct ui *ui)
{
	char hk[32];
	int n = ui->live.ho_for_me;

	if (n <= 0)
		return NULL;
	snprintf(hk, sizeof hk, "%s", ui_key_for(KM_GENERIC, ACT_HANDOVER));
	if (n > 1)
		return xasprintf(ngettext("%d handover waits for you: %s reads them",
		                          "%d handovers wait for you: %s reads them", (unsigned long)n),
		                 n, hk);
	return xasprintf(_("a handover from %s waits for you: %s reads it"), ui->live.ho_for_me_from, hk);
}

/* Start-up (and back after an outage): one line says what waits, "1 urgent,
 * 3 new cases, 1 escalated to you, 2 due soon", instead of announcing each
 * alert that came meanwhile; the bell rings only for an alert addressed to
 * me (a case escalated to me, an urgent case while I am on duty). */
static void backlog_summary(struct ui *ui, const struct wd_alert_list *l, const char *me)
{
	struct strbuf sb = { 0 };
	struct waiting w;
	size_t nesc = 0, i, j;
	bool urgent_to_me = false;
	char *ho;

	for (i = 0; i < l->n; i++) {
		const struct wd_alert *a = &l->v[i];
		bool dup = false;

		if (a->resolved || !serious(a->kind) || !me || !a->recipient || strcmp(a->recipient, me))
			continue;
		if (a->kind == WD_ALERT_URGENT) {
			urgent_to_me = true;   /* counted with the urgent cases below */
			continue;
		}
		if (a->case_count > 1) {   /* a summary: its cases */
			nesc += (size_t)a->case_count;
			continue;
		}
		for (j = 0; j < i && !dup; j++)
			dup = l->v[j].case_id == a->case_id && !l->v[j].resolved &&
			      serious(l->v[j].kind) && l->v[j].kind != WD_ALERT_URGENT;
		nesc += !dup;
	}
	waiting_count(ui->model, me, desk_now(), config_int(SET_NEW_MARK_SECONDS) > 0, &w);
	waiting_part(&sb, ngettext("%zu urgent", "%zu urgent", w.nurg), w.nurg);
	waiting_part(&sb, ngettext("%zu new case", "%zu new cases", w.nnew), w.nnew);
	waiting_part(&sb, ngettext("%zu escalated to you", "%zu escalated to you", nesc), nesc);
	waiting_part(&sb, ngettext("%zu due soon", "%zu due soon", w.nsoon), w.nsoon);
	if (w.nlate) {   /* "5 overdue, 2 of them yours" */
		char *t = overdue_text(w.nlate, w.nlate_mine);

		sb_printf(&sb, "%s%s", sb.len ? ", " : "", t);
		free(t);
	}
	work_changes(&sb, l, me);
	ho = handover_first(ui);
	if (!sb.len && !ho && A.said_start) {
		sb_free(&sb);
		return;
	}
	if (!sb.len && !ho)
		sb_puts(&sb, _("nothing waits for you"));
	if (ho) {   /* first, before the counts */
		struct strbuf t = { 0 };

		sb_puts(&t, ho);
		if (sb.len)
			sb_printf(&t, " \xe2\x80\x94 %s", sb.s);
		sb_free(&sb);
		sb = t;
	}
	if (nesc || urgent_to_me)
		ring(ui);
	if (!A.said_start && !ho && shift_offer_wanted(ui)) {
		/* the question first, where it is seen whole */
		char *line = xasprintf("%s \xe2\x80\x94 %s", _(SHIFT_OFFER), sb.s);

		A.offer = true;
		A.said_start = true;
		bg_status(ui, line);
		free(line);
		sb_free(&sb);
		return;
	}
	A.said_start = true;
	bg_status_join(ui, sb.s);
	sb_free(&sb);
	free(ho);
}

/* Summary alerts of one catch-up (sql/023) come one per officer and kind
 * from each call of the sweep, a few seconds apart: within this long of
 * the last one of its kind, a summary adds its cases to the running total
 * on the status line, without a bell or another desktop notification. */
#define SUMMARY_BURST_MS 30000

/* Announce a summary alert once per burst: true when it was (the first of
 * a burst, notified like any alert), false when it only added to the
 * total, whose line is then in *total (the caller shows it last: the
 * alerts of one list may hold a burst's first summaries and later ones). */
static bool summary_first(const struct wd_alert *a, char **total)
{
	int64_t now = mono_ms();
	struct wd_alert t = *a;
	char *body;
	bool first = !A.burst[a->kind].at_ms || now - A.burst[a->kind].at_ms > SUMMARY_BURST_MS;

	A.burst[a->kind].total = (first ? 0 : A.burst[a->kind].total) + a->case_count;
	A.burst[a->kind].at_ms = now;
	if (first)
		return true;
	t.case_count = A.burst[a->kind].total > INT_MAX ? INT_MAX : (int)A.burst[a->kind].total;
	free(*total);
	alert_text(&t, total, &body);
	free(body);
	return false;
}

/* What announce says for a list: the most serious alert (best), or "N new
 * cases" / "(+N more)" when several fell back to the status line. */
static void say_alerts(struct ui *ui, const struct wd_alert *best, size_t nfall,
                       size_t nnew_fall)
{
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
		shown_status(ui, best, summary);
	free(summary);
	free(body);
}

/* Each alert as it comes: a desktop notification, or the status line and
 * the bell when there is none; only alerts addressed to me (me). */
static void announce(struct ui *ui, const struct wd_alert_list *l, const char *me)
{
	const struct wd_alert *best = NULL;   /* what the status line says */
	size_t nfall = 0, nnew_fall = 0, i;
	bool best_fell = false;
	char *total = NULL;

	for (i = 0; i < l->n; i++) {
		const struct wd_alert *a = &l->v[i];
		enum alert_notify_result r;

		if (a->resolved)
			continue;          /* stale: the case is closed already */
		if (!a->recipient || !me || strcmp(a->recipient, me) != 0)
			continue;          /* not mine: no bell, no notification */
		if (alert_superseded(l, i))
			continue;          /* a later step of the chain says it */
		if (a->case_count > 1 && !summary_first(a, &total))
			continue;          /* a catch-up's next summary: the total is shown */
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
		if (!best || (loud(a->kind) && !loud(best->kind)) ||
		    (loud(a->kind) == loud(best->kind) && r == ALERT_FALLBACK && !best_fell)) {
			best = a;
			best_fell = r == ALERT_FALLBACK;
		}
	}
	if (best && (nfall || loud(best->kind)))
		say_alerts(ui, best, nfall, nnew_fall);
	if (total)
		bg_status(ui, total);   /* the running total, after what rang */
	free(total);
}

/* announce, for the alerts of l not announced lately (from a hint). */
static void announce_new(struct ui *ui, const struct wd_alert_list *l, const char *me)
{
	struct wd_alert_list f = { .v = xcalloc(l->n + 1, sizeof *f.v) };

	for (size_t i = 0; i < l->n; i++)
		if (!ahints_said(&A.h, l->v[i].id)) {
			f.v[f.n++] = l->v[i];
			ahints_said_add(&A.h, l->v[i].id);
		}
	if (f.n)
		announce(ui, &f, me);
	free(f.v);   /* (the strings are l's) */
}

/* Show the alerts heard with hints, no query; they wait to be confirmed. */
static void announce_hints(struct ui *ui, const char *me)
{
	char before[sizeof ui->status];

	A.pending = false;
	snprintf(before, sizeof before, "%s", ui->status);
	ahints_shown(&A.h);
	announce_new(ui, &A.h.heard, me);
	ahints_heard_clear(&A.h);
	/* what this said on the status line (or keeps for it) until confirmed */
	if (strcmp(before, ui->status))
		snprintf(A.hint_line, sizeof A.hint_line, "%s", ui->status);
	else if (A.deferred[0])
		snprintf(A.hint_line, sizeof A.hint_line, "%s", A.deferred);
	if (A.h.nunconf && !A.confirm_at_ms)   /* (what it said drew: ui_status) */
		A.confirm_at_ms = mono_ms() + ALERT_CONFIRM_MS + live_spread_ms(ALERT_CONFIRM_SPREAD_MS);
}

/* Confirm what hints showed and mark it delivered, in one statement (sent,
 * not waited for; seen_done has the answer): a forged hint's line leaves
 * the status line; alerts of mine it marked that no hint showed (their
 * notification still on its way, or lost) are announced now. */
static void seen_done(void *ctx, enum st_status s, struct wd_alert_list *l,
                      const struct st_err *err)
{
	struct ui *ui = ctx;
	const char *me = ui->live.st ? store_login(ui->live.st) : NULL;
	struct wd_alert_list f;

	A.seen_on = 0;
	if (s != ST_OK) {
		wd_alert_list_free(l);
		A.confirm_at_ms = mono_ms() + ALERT_CONFIRM_MS;   /* again later */
		if (s == ST_OFFLINE || !store_ok(ui->live.st))
			live_lost(&ui->live, err);
		return;
	}
	f.v = xcalloc(l->n + 1, sizeof *f.v);
	f.n = 0;
	for (size_t i = 0; i < l->n; i++)   /* marked now, never shown */
		if (l->v[i].marked && !ahints_unconfirmed(&A.h, l->v[i].id))
			f.v[f.n++] = l->v[i];
	if (ahints_confirm(&A.h, l, A.seen_n) && A.hint_line[0]) {   /* a forged one */
		if (!strcmp(ui->status, A.hint_line))
			ui_status(ui, "%s", "");
		if (!strcmp(A.deferred, A.hint_line))
			A.deferred[0] = '\0';
	}
	announce_new(ui, &f, me);
	free(f.v);
	wd_alert_list_free(l);
	/* hints shown while it was on its way: their own turn */
	A.confirm_at_ms = A.h.nunconf ? mono_ms() + ALERT_CONFIRM_MS : 0;
	if (!A.h.nunconf)   /* (no frame when nothing changed: ui_status draws what did) */
		A.hint_line[0] = '\0';
}

static void confirm_hints(struct ui *ui)
{
	int64_t *ids = xcalloc(A.h.nunconf + 1, sizeof *ids);

	for (size_t i = 0; i < A.h.nunconf; i++)
		ids[i] = A.h.unconf[i].id;
	A.seen_n = A.h.nunconf;
	A.seen_on = store_serial(ui->live.st);
	store_alerts_seen_send(ui->live.st, A.h.upto, ids, A.h.nunconf, seen_done, ui);
	free(ids);
}

/* My undelivered alerts came (handle_alerts): show them (the first time
 * after connecting: sum them up in one line), mark them delivered. */
static void fetch_done(void *ctx, enum st_status s, struct wd_alert_list *l,
                       const struct st_err *err)
{
	struct ui *ui = ctx;
	const char *me = ui->live.st ? store_login(ui->live.st) : NULL;

	A.fetch_on = 0;
	if (s != ST_OK) {
		wd_alert_list_free(l);
		if (s == ST_OFFLINE || !store_ok(ui->live.st))
			live_lost(&ui->live, err);
		else
			A.pending = true, A.fetch_at_ms = mono_ms() + ALERT_CONFIRM_MS;   /* again */
		return;
	}
	int64_t below = 0;   /* a full backlog: the older ones are summed up too */

	if (A.backlog) {   /* summed up: a hint of one of them, heard later, is no news */
		A.backlog = false;
		backlog_summary(ui, l, me);
		for (size_t i = 0; i < l->n; i++)
			ahints_said_add(&A.h, l->v[i].id);
		if (l->n >= ALERT_FETCH_MAX)
			below = l->v[0].id;   /* (the list is in id order) */
	} else {
		announce_new(ui, l, me);
	}
	if (l->n) {
		int64_t *ids = xcalloc(l->n, sizeof *ids);

		for (size_t i = 0; i < l->n; i++)
			ids[i] = l->v[i].id;
		store_alerts_delivered_send(ui->live.st, ids, l->n, below, NULL, NULL);
		free(ids);
	}
	wd_alert_list_free(l);
	ui_dirty(ui);
}

/* Fetch my undelivered alerts (sent, not waited for: fetch_done; nor is
 * marking them delivered: a connection lost meanwhile, the next drain says). */
static void handle_alerts(struct ui *ui)
{
	struct st_alert_query q = { .mine = true, .undelivered = true, .limit = ALERT_FETCH_MAX };

	A.pending = false;
	A.need_fetch = false;
	ahints_heard_clear(&A.h);   /* the fetch returns them (those that are mine) */
	A.fetch_on = store_serial(ui->live.st);
	store_alerts_send(ui->live.st, &q, fetch_done, ui);
}

/* ---- the sweep ---- */

static long sweep_ms(void)
{
	return config_int(SET_SWEEP_SECONDS) * 1000L;
}

/* Cases per call of the console's sweep: a call is a moment the keys wait
 * for (a few ms per case); `watch` sweeps sweep_chunk_cases() at a time. */
#define CONSOLE_SWEEP_CASES 25
/* The console's call never waits for the sweep's lock (its keys would):
 * another sweeper at work is the ward's sweep, and the console tries again
 * at its next sweep.  A lock held this long is said (issue 13 item 2): no
 * call of a sweep holds it for more than a few seconds. */
#define CONSOLE_SWEEP_SAY_BLOCKED_MS 10000

/* One small call of the sweep per turn of the loop (one transaction),
 * sent without waiting (store.h, background statements: the keys are answered while it
 * runs); when it was full, the next call is sent on the next turn after
 * its answer: a catch-up of thousands of due cases never holds the
 * console (issue 14 item 4). */
static void sweep_done(void *ctx, enum st_status s, struct wd_transition_list *l, bool more,
                       const struct st_err *err)
{
	struct ui *ui = ctx;
	int64_t now_ms = mono_ms();

	A.sweep_on = 0;
	wd_transition_list_free(l);
	if (s != ST_OK) {
		if (s == ST_OFFLINE || !store_ok(ui->live.st)) {
			live_lost(&ui->live, err);
		} else if (store_sweep_blocked(err)) {
			/* someone holds the sweep's lock: say so once it has been
			 * held for a while, keep trying */
			if (!A.blocked_since_ms)
				A.blocked_since_ms = now_ms;
			if (!A.sweep_blocked && now_ms - A.blocked_since_ms >= CONSOLE_SWEEP_SAY_BLOCKED_MS) {
				ui_error(ui, "%s", err->msg);
				A.sweep_blocked = true;
			}
		} else if (strcmp(err->sqlstate, "57014") && strcmp(err->sqlstate, "55P03")) {
			A.sweep_off = true;   /* not allowed: leave it to others */
		}   /* (cancelled for an action, or timed out: at the next sweep) */
		return;
	}
	if (A.sweep_blocked)
		ui_status(ui, "%s", _("the deadline sweep runs again"));
	A.sweep_blocked = false;
	A.blocked_since_ms = 0;
	if (more)
		A.next_sweep_ms = now_ms;   /* the rest of a catch-up, next turn */
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
	ahints_free(&A.h);
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
			bg_status_join(ui, why);
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
	if (A.pending && !on_way(ui, A.fetch_on) && !on_way(ui, A.seen_on)) {
		int64_t tf = A.fetch_at_ms <= now_ms ? 0 : A.fetch_at_ms - now_ms;

		if (t < 0 || tf < t)
			t = tf;
	}
	if (A.confirm_at_ms && !on_way(ui, A.seen_on) && !on_way(ui, A.fetch_on)) {
		int64_t tc = A.confirm_at_ms <= now_ms ? 0 : A.confirm_at_ms - now_ms;

		if (t < 0 || tc < t)
			t = tc;
	}
	if (!A.sweep_off && sweep_ms() > 0 && !on_way(ui, A.sweep_on)) {
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
	if (!A.sweep_off && sweep_ms() > 0 && now_ms >= A.next_sweep_ms && !on_way(ui, A.sweep_on)) {
		A.next_sweep_ms = now_ms + sweep_ms();   /* (sooner: sweep_done) */
		A.sweep_on = store_serial(ui->live.st);
		store_sweep_send(ui->live.st, CONSOLE_SWEEP_CASES, sweep_done, ui);
	}
	if (A.pending && now_ms >= A.fetch_at_ms && !on_way(ui, A.fetch_on) &&
	    !on_way(ui, A.seen_on)) {
		if (A.backlog || A.need_fetch)
			handle_alerts(ui);
		else
			announce_hints(ui, store_login(ui->live.st));
	}
	if (A.confirm_at_ms && now_ms >= A.confirm_at_ms && !on_way(ui, A.seen_on) &&
	    !on_way(ui, A.fetch_on))
		confirm_hints(ui);
}
