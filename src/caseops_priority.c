/* caseops_priority.c - urgent or normal from the console (caseops.h):
 * the key on the queue or the detail screen asks y/n, then sends
 * store_set_priority with the version the officer saw.  When the case
 * changed since (WD002), it says what it is now and asks again.
 * caseop_offer_urgent: after a repeat call was merged or linked (issue 11,
 * section 5), offer to raise the case's urgency. */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/store.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

static struct {
	int64_t id;
	char ref[48];
	int version;
	bool to_urgent;
} pr;

static void answered(struct ui *ui, int answer, void *ctx);

/* The database refused: the case changed since it was drawn.  Read it
 * again, say what it is now and ask once more with its version. */
static void changed(struct ui *ui)
{
	struct wd_case wc;
	struct st_err err = { 0 };
	char q[512];

	if (store_get(ui->live.st, pr.ref, 0, &wc, NULL, &err) != ST_OK) {
		ui_error(ui, "%s", err.msg);
		return;
	}
	live_refetch(&ui->live, wc.id);
	pr.version = wc.version;
	if (wc.state == WD_RESOLVED || wc.urgent == pr.to_urgent) {
		ui_error(ui, _("%s changed since you saw it: now %s, %s; nothing sent"), pr.ref,
		         word_label(WORD_STATE, (int)wc.state), wc.urgent ? _("urgent") : _("normal"));
		wd_case_free(&wc);
		return;
	}
	wd_case_free(&wc);
	snprintf(q, sizeof q, _("%s changed since you saw it. Make it %s now? [y/n]"), pr.ref,
	         pr.to_urgent ? _("URGENT") : _("normal"));
	ui_ask(ui, q, "yn", answered, NULL);
}

static void answered(struct ui *ui, int answer, void *ctx)
{
	struct st_err err = { 0 };
	enum st_status s;

	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', true))
		return;
	s = store_set_priority(ui->live.st, pr.ref, pr.to_urgent ? "urgent" : "normal", pr.version, NULL,
	                       &err);
	if (s == ST_OK) {
		ui_status(ui, pr.to_urgent ? _("%s: now URGENT; everyone on duty and the chair are alerted")
		                           : _("%s: now normal priority; its deadline stays"), pr.ref);
		live_refetch(&ui->live, pr.id);
	} else if (s == ST_REFUSED && !strcmp(err.sqlstate, "WD002")) {
		changed(ui);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
		live_refetch(&ui->live, pr.id);
	}
	ui_dirty(ui);
}

static void ask(struct ui *ui)
{
	char q[256];

	if (pr.to_urgent)
		snprintf(q, sizeof q, _("Make %s URGENT (first, everyone on duty alerted)? [y/n]"), pr.ref);
	else
		snprintf(q, sizeof q, _("Make %s normal priority? Its deadline stays. [y/n]"), pr.ref);
	ui_ask(ui, q, "yn", answered, NULL);
}

void caseop_priority(struct ui *ui, int64_t id, int seen, int want)
{
	const struct mcase *c = model_find(ui->model, id);

	if (!ui_need_live(ui))
		return;
	if (!c) {
		ui_error(ui, "%s", _("no case selected"));
		return;
	}
	if (c->state == WD_RESOLVED) {
		ui_error(ui, _("%s is resolved: its priority no longer changes"), c->ref);
		return;
	}
	if (want >= 0 && (want == 1) == !!(c->flags & MCASE_URGENT)) {
		ui_error(ui, _("%s is already %s"), c->ref, want ? _("urgent") : _("normal"));
		return;
	}
	memset(&pr, 0, sizeof pr);
	pr.id = c->id;
	snprintf(pr.ref, sizeof pr.ref, "%s", c->ref);
	pr.version = seen > 0 ? seen : c->version;
	pr.to_urgent = !(c->flags & MCASE_URGENT);
	ask(ui);
}

/* A repeat call may say it got worse: offer to make ref urgent, with the
 * version read now (the merge or the link just changed it); the question
 * starts with done, what was just done (it takes the status line's place).  Nothing when
 * the case is resolved or already urgent, or when this login may not change
 * it (a hotline operator, once someone holds the case: WD006). */
void caseop_offer_urgent(struct ui *ui, const char *ref, const char *done)
{
	struct wd_case wc;
	struct st_err err = { 0 };
	char q[512];
	bool hotline = ui->live.me.role == WD_ROLE_HOTLINE;

	if (!ref || !live_up(&ui->live) || !ui_permitted(ui, ACT_PRIORITY))
		return;
	if (store_get(ui->live.st, ref, 0, &wc, NULL, &err) != ST_OK)
		return;
	if (wc.state == WD_RESOLVED || wc.urgent || (hotline && wc.owner)) {
		wd_case_free(&wc);
		return;
	}
	memset(&pr, 0, sizeof pr);
	pr.id = wc.id;
	snprintf(pr.ref, sizeof pr.ref, "%s", wc.ref);
	pr.version = wc.version;
	pr.to_urgent = true;
	wd_case_free(&wc);
	snprintf(q, sizeof q, _("%s A repeat call: make %s URGENT? [y/n]"),
	         done, pr.ref);
	ui_ask(ui, q, "yn", answered, NULL);
}
