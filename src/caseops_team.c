/* caseops_team.c - the case actions of the team (caseops.h): starting and
 * ending one's shift, and the chair moving every case of one officer to
 * another (store_reassign_all), after a y/n question.  Used by the board
 * and handover screens, the generic actions and the ":" commands. */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/dialogs.h"
#include "wardesk/store_shift.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

void shift_set(struct ui *ui, bool start)
{
	struct st_err err = { 0 };
	struct wd_shift sh;
	enum st_status s;
	char t[16];

	if (!ui_need_live(ui))
		return;
	s = start ? store_shift_start(ui->live.st, &sh, &err) : store_shift_end(ui->live.st, &sh, &err);
	if (s == ST_OK) {
		time_hhmm(start ? sh.started_at : sh.ended_at, t, sizeof t);
		if (start)
			ui_status(ui, _("shift #%lld started at %s: you are on duty"), (long long)sh.id, t);
		else
			ui_status(ui, _("shift #%lld ended at %s"), (long long)sh.id, t);
		wd_shift_free(&sh);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
	}
	ui_shift_refresh(ui);
}

static struct {
	char from[64], to[64];
} ra;

static void reassign_all_answer(struct ui *ui, int answer, void *ctx)
{
	struct st_err err = { 0 };
	enum st_status s;
	int moved = 0;

	(void)ctx;
	if (!ui_go_ahead(ui, answer == 'y', true))
		return;
	s = store_reassign_all(ui->live.st, ra.from, ra.to, &moved, &err);
	if (s == ST_OK) {
		ui_status(ui, ngettext("%d case of %s reassigned to %s", "%d cases of %s reassigned to %s",
		                        (unsigned long)moved), moved, ra.from, ra.to);
	} else {
		ui_store_failed(ui, &err, UI_FAIL_SAY);
	}
	/* the moved cases arrive as notifications; the board re-reads itself */
	if (ui->top && ui->top->ops->changed)
		ui->top->ops->changed(ui, ui->top, 0);
	ui_dirty(ui);
}

void reassign_all(struct ui *ui, const char *from, const char *to)
{
	char q[256];

	if (!ui_permit(ui, ACT_REASSIGN_ALL))
		return;
	if (!strcmp(from, to)) {
		ui_error(ui, _("%s already holds those cases"), from);
		return;
	}
	if (from != ra.from)
		snprintf(ra.from, sizeof ra.from, "%s", from);
	if (to != ra.to)
		snprintf(ra.to, sizeof ra.to, "%s", to);
	snprintf(q, sizeof q, _("Reassign every case %s holds to %s? [y/n]"), from, to);
	ui_ask(ui, q, "yn", reassign_all_answer, NULL);
}

static void picked_target(struct ui *ui, const char *login, void *ctx)
{
	(void)ctx;
	reassign_all(ui, ra.from, login);
}

void reassign_all_pick(struct ui *ui, const char *from)
{
	char title[160];

	snprintf(ra.from, sizeof ra.from, "%s", from);
	snprintf(title, sizeof title, _("Reassign every case %s holds to:"), ra.from);
	ui_pick_officer(ui, title, ra.from, picked_target, NULL);
}
