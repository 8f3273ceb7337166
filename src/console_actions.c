/* console_actions.c - what an action does when the top screen did not take
 * it (ui_action's generic handler): one row per action, one small function
 * per job.  Permissions are checked here through the action table's column
 * (ui_permit) before a guarded action starts. */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/commands.h"
#include "wardesk/console_actions.h"
#include "wardesk/draw.h"
#include "wardesk/prompt.h"
#include "wardesk/ui.h"

typedef void (*generic_fn)(struct ui *ui, enum action_id act);

static void filter_done(struct ui *ui, const char *line, void *ctx)
{
	char *old = ctx;

	if (!line)
		model_set_filter(ui->model, old);   /* cancelled: back to what it was */
	free(old);
	if (line) {
		model_set_filter(ui->model, line);
		if (*line)
			ui_status(ui, _("filter: %s (%zu shown; Esc clears)"), line,
			          model_visible(ui->model));
	}
	if (ui->top && ui->top->ops->changed)
		ui->top->ops->changed(ui, ui->top, 0);
	ui->dirty = true;
}

static void command_done(struct ui *ui, const char *line, void *ctx)
{
	(void)ctx;
	if (line && *line)
		command_run(ui, line);
	ui->dirty = true;
}

static void a_help(struct ui *ui, enum action_id act)
{
	(void)act;
	if (ui->top && !ui_screen_is(ui, ui->top, SCR_HELP))
		ui_open(ui, SCR_HELP, NULL);
}

/* What quitting now would leave half written: a note being typed, a case
 * action's note waiting for its dialog or question, a screen's form. */
static const char *half_written(struct ui *ui)
{
	struct screen *s;

	/* (a prompt being typed takes every key: C-c cancels it first) */
	if (caseop_note_pending())
		return _("Quit? A note is half written (the draft is kept) [y/n]");
	for (s = ui->top; s; s = s->below)
		if (s->ops->unsaved && s->ops->unsaved(ui, s))
			return _("Quit? A form is half written (the draft is kept) [y/n]");
	return NULL;
}

static void quit_answer(struct ui *ui, int answer, void *ctx)
{
	bool console = ctx != NULL;

	if (answer != 'y')
		return;
	if (!console && ui->top && ui->top->below)
		ui_action(ui, ACT_BACK);   /* the dialog's own way out (cancels its action) */
	else
		ui->quit = true;
}

void console_quit(struct ui *ui)
{
	const char *q = half_written(ui);

	if (!q) {
		ui->quit = true;
		return;
	}
	ui_ask(ui, q, "yn", quit_answer, ui);
}

void console_interrupt(struct ui *ui)
{
	const char *q = half_written(ui);

	ui_ask(ui, q ? q : _("Quit wardesk? The live queue closes [y/n]"), "yn", quit_answer, ui);
}

static void a_quit(struct ui *ui, enum action_id act)
{
	const char *q;

	if (ui->top && ui->top->below) {
		/* q on a case action's dialog (officer picker, delay reason)
		 * after its note was typed: that note is not sent, ask first;
		 * then (or with nothing typed) the dialog's own way out */
		if (act == ACT_QUIT && ui->top->ops->keymap == KM_PICKER) {
			if ((q = half_written(ui)) != NULL)
				ui_ask(ui, q, "yn", quit_answer, NULL);
			else
				ui_action(ui, ACT_BACK);
		} else {
			ui_pop(ui);
		}
	} else if (act == ACT_QUIT) {
		console_quit(ui);
	}
}

static void a_command(struct ui *ui, enum action_id act)
{
	(void)act;
	prompt_start(ui, PROMPT_COMMAND, ":", NULL, command_done, NULL);
}

static void a_filter(struct ui *ui, enum action_id act)
{
	(void)act;
	prompt_start(ui, PROMPT_FILTER, "/", model_filter(ui->model), filter_done,
	             xstrdup(model_filter(ui->model)));
}

static void a_redraw(struct ui *ui, enum action_id act)
{
	(void)act;
	clearok(curscr, TRUE);
	ui->dirty = true;
}

/* the phone-ticket form (screen_ticket.c), over any screen */
static void a_ticket(struct ui *ui, enum action_id act)
{
	if (ui->top && !ui_screen_is(ui, ui->top, SCR_TICKET) && ui_permit(ui, act))
		ui_open(ui, SCR_TICKET, NULL);
}

/* the board, the handover, the statistics and the call-backs: one of them
 * at a time, on top of the queue / detail */
static const struct { enum action_id act; enum screen_id id; } overlays[] = {
	{ ACT_BOARD, SCR_BOARD }, { ACT_HANDOVER, SCR_HANDOVER }, { ACT_STATS, SCR_STATS },
	{ ACT_CALLBACKS, SCR_CALLBACKS }, { ACT_MAP, SCR_MAP },
};

static bool is_overlay(struct ui *ui, const struct screen *s)
{
	for (size_t i = 0; i < ARRAY_SIZE(overlays); i++)
		if (ui_screen_is(ui, s, overlays[i].id))
			return true;
	return ui_screen_is(ui, s, SCR_HELP);
}

static void a_overlay(struct ui *ui, enum action_id act)
{
	enum screen_id id = SCR_STATS;

	for (size_t i = 0; i < ARRAY_SIZE(overlays); i++)
		if (overlays[i].act == act)
			id = overlays[i].id;
	if (!ui_permit(ui, act) || ui_screen_is(ui, ui->top, id))
		return;
	while (ui->top && ui->top->below && is_overlay(ui, ui->top))
		ui_pop(ui);
	ui_open(ui, id, NULL);
}

static void a_shift(struct ui *ui, enum action_id act)
{
	if (ui_permit(ui, act))
		shift_set(ui, act == ACT_SHIFT_START);
}

static void a_reassign(struct ui *ui, enum action_id act)
{
	if (ui_permit(ui, act))
		ui_error(ui, _("%s works on the board (%s)"), action_table[act].name,
		         ui_key_for(KM_GENERIC, ACT_BOARD));
}

/* The selected case and the version drawn, when act may go to it; else
 * says why not and returns false. */
static bool selected_case(struct ui *ui, enum action_id act, int64_t *id, int *seen)
{
	const char *why;

	*id = ui_selected(ui);
	*seen = ui_selected_seen(ui, &why);
	if (!ui_permit(ui, act))
		return false;
	if (why)
		ui_error(ui, _("%s: nothing sent"), why);
	else if (!*id)
		ui_error(ui, _("no case selected"));
	return !why && *id;
}

static void a_case(struct ui *ui, enum action_id act)
{
	int64_t id;
	int seen;

	if (selected_case(ui, act, &id, &seen))
		caseop_start(ui, act, id, seen);
}

/* urgent <-> normal, asked first (caseops_priority.c) */
static void a_priority(struct ui *ui, enum action_id act)
{
	int64_t id;
	int seen;

	if (selected_case(ui, act, &id, &seen))
		caseop_priority(ui, id, seen, -1);
}

/* queue actions from another screen: go back to the queue first */
static void a_queue(struct ui *ui, enum action_id act)
{
	if (ui->top && ui->top->below) {
		ui_pop_to_bottom(ui);
		ui_action(ui, act);
	}
}

static const generic_fn generic[ACT_COUNT] = {
	[ACT_HELP] = a_help,
	[ACT_QUIT] = a_quit,
	[ACT_BACK] = a_quit,
	[ACT_COMMAND] = a_command,
	[ACT_FILTER] = a_filter,
	[ACT_REDRAW] = a_redraw,
	[ACT_TICKET] = a_ticket,
	[ACT_BOARD] = a_overlay,
	[ACT_HANDOVER] = a_overlay,
	[ACT_STATS] = a_overlay,
	[ACT_CALLBACKS] = a_overlay,
	[ACT_MAP] = a_overlay,
	[ACT_SHIFT_START] = a_shift,
	[ACT_SHIFT_END] = a_shift,
	[ACT_REASSIGN] = a_reassign,
	[ACT_REASSIGN_ALL] = a_reassign,
	[ACT_TAKE] = a_case,
	[ACT_ASSIGN] = a_case,
	[ACT_ESCALATE] = a_case,
	[ACT_CLOSE] = a_case,
	[ACT_REOPEN] = a_case,
	[ACT_ACK] = a_case,
	[ACT_PRIORITY] = a_priority,
	[ACT_VIEW_INCOMING] = a_queue,
	[ACT_VIEW_MINE] = a_queue,
	[ACT_VIEW_OPEN] = a_queue,
	[ACT_VIEW_DUE] = a_queue,
	[ACT_VIEW_ESCALATED] = a_queue,
	[ACT_VIEW_RESOLVED] = a_queue,
	[ACT_VIEW_NEXT] = a_queue,
	[ACT_OPEN] = a_queue,
};

void console_generic_action(struct ui *ui, enum action_id act)
{
	if ((unsigned)act < ACT_COUNT && generic[act])
		generic[act](ui, act);
	ui->dirty = true;
}
