/* caseops_merge.c - merging a likely duplicate from the console (caseops.h):
 * the later of two cases is closed as a duplicate of the earlier one
 * (store_merge), after a y/n question (it cannot be undone) and after asking
 * what the caller said now, which is stored with the merge on the kept case
 * (its "merge" event; issue 11, section 5).  Used by the detail screen. */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/model.h"
#include "wardesk/prompt.h"
#include "wardesk/store_intake.h"
#include "wardesk/ui.h"

static struct {
	char dup[48], into[48];
} mg;

static void refetch(struct ui *ui, const char *ref)
{
	const struct mcase *c = model_find_ref(ui->model, ref);

	live_refetch(&ui->live, c ? c->id : 0);
}

static void merge_said(struct ui *ui, const char *line, void *ctx)
{
	struct st_err err = { 0 };
	const char *said;
	char done[160];
	enum st_status s;

	(void)ctx;
	if (!ui_go_ahead(ui, line != NULL, true))
		return;
	said = line + strspn(line, " \t");
	s = store_merge(ui->live.st, mg.dup, mg.into, *said ? said : NULL, &err);
	if (s == ST_OK) {
		ui_status(ui, _("%s merged into %s: its reporters are now %s's"), mg.dup, mg.into, mg.into);
		refetch(ui, mg.dup);
		refetch(ui, mg.into);
		/* a repeat call may say it got worse */
		snprintf(done, sizeof done, _("%s merged into %s."), mg.dup, mg.into);
		caseop_offer_urgent(ui, mg.into, done);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
		refetch(ui, mg.dup);
	}
	ui_dirty(ui);
}

static void merge_answer(struct ui *ui, int answer, void *ctx)
{
	char q[256];

	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', false))
		return;
	snprintf(q, sizeof q, _("What did the caller of %s say now? (Enter for nothing) "), mg.dup);
	prompt_start(ui, PROMPT_TEXT, q, NULL, merge_said, NULL);
}

void caseop_merge(struct ui *ui, const char *a, const char *b, bool b_earlier)
{
	char q[320];
	bool a_later = b_earlier;

	if (!ui_permit(ui, ACT_MERGE))
		return;
	if (!ui_need_live(ui))
		return;
	/* the later call is the repeat: it goes into the earlier case */
	snprintf(mg.dup, sizeof mg.dup, "%s", a_later ? a : b);
	snprintf(mg.into, sizeof mg.into, "%s", a_later ? b : a);
	snprintf(q, sizeof q,
	         _("Merge %s into %s? %s is closed as its duplicate; this cannot be undone. [y/n]"),
	         mg.dup, mg.into, mg.dup);
	ui_ask(ui, q, "yn", merge_answer, NULL);
}
