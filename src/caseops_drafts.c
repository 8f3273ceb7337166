/* caseops_drafts.c - the drafts that wait to be sent (caseops.h).
 *
 * Announced when the console is live (again); :drafts offers them one by
 * one, oldest first; each goes only on the officer's y, with the version
 * the officer saw when typing it (caseop_from_draft). */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/drafts.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

static struct {
	struct draft *v;
	size_t n, at;
} R;

static void review_free(void)
{
	drafts_list_free(R.v, R.n);
	memset(&R, 0, sizeof R);
}

static void offer(struct ui *ui);

static void answered(struct ui *ui, int answer, void *ctx)
{
	struct draft *d;

	(void)ctx;
	if (R.at >= R.n) {
		review_free();
		return;
	}
	d = &R.v[R.at++];
	switch (answer) {
	case 'y':
		caseop_from_draft(ui, d);   /* its answer goes to the status line */
		review_free();
		return;
	case 'd':
		draft_remove(d->key);
		ui_status(ui, _("draft %s %s discarded"), d->ref, d->action);
		break;
	case 'n':
		break;
	default:
		ui_status(ui, "%s", _("drafts kept"));
		review_free();
		return;
	}
	offer(ui);
}

static void offer(struct ui *ui)
{
	char q[640], hhmm[16], text[160];
	const struct draft *d;

	if (R.at >= R.n) {
		review_free();
		return;
	}
	d = &R.v[R.at];
	time_hhmm(d->saved, hhmm, sizeof hhmm);
	snprintf(text, sizeof text, "%s", d->text);
	for (char *p = text; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	snprintf(q, sizeof q, _("Send %s %s (draft from %s, version %d): \"%s\"? [y]es [n]ext [d]iscard"),
	         d->action, d->ref, hhmm, d->version, text);
	ui_ask(ui, q, "ynd", answered, NULL);
}

void drafts_review(struct ui *ui)
{
	review_free();
	if (!live_up(&ui->live)) {
		ui_error(ui, "%s", _("offline: the drafts wait until the console is live"));
		return;
	}
	R.n = drafts_list(&R.v);
	if (!R.n) {
		const char *bad = drafts_problem();

		if (*bad)
			ui_error(ui, "%s", bad);
		else
			ui_status(ui, "%s", _("no drafts waiting"));
		return;
	}
	offer(ui);
}
