/* commands.c - the ":" command line (commands.h): a table of commands,
 * each a small function; any action name works as a command too. */
#include "wardesk/wardesk.h"

#include <strings.h>

#include "wardesk/caseops.h"
#include "wardesk/commands.h"
#include "wardesk/config.h"
#include "wardesk/photo.h"
#include "wardesk/store_photos.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"

#define MAXW 8

struct args {
	int n;
	char *w[MAXW];           /* words */
	const char *rest[MAXW];  /* the raw line from word i on */
};

struct command {
	const char *name;
	enum compl_kind a1, a2, a3;
	void (*run)(struct ui *ui, const struct args *a, const char *line);
};

static void split(char *buf, const char *orig, struct args *a)
{
	char *p = buf;

	memset(a, 0, sizeof *a);
	while (*p && a->n < MAXW) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		a->rest[a->n] = orig + (p - buf);
		a->w[a->n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

static bool need(struct ui *ui, const struct args *a, int n, const char *usage)
{
	if (a->n >= n)
		return true;
	ui_error(ui, _("usage: %s"), usage);
	return false;
}

static void c_take(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (ui_permit(ui, ACT_TAKE) && need(ui, a, 2, ":take REF"))
		caseop_command(ui, ACT_TAKE, a->w[1], NULL, NULL);
}

static void c_assign(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (ui_permit(ui, ACT_ASSIGN) && need(ui, a, 2, ":assign REF [LOGIN]"))
		caseop_command(ui, ACT_ASSIGN, a->w[1], a->n > 2 ? a->w[2] : NULL, NULL);
}

static void c_escalate(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (ui_permit(ui, ACT_ESCALATE) && need(ui, a, 2, ":escalate REF [NOTE]"))
		caseop_command(ui, ACT_ESCALATE, a->w[1], NULL, a->n > 2 ? a->rest[2] : NULL);
}

static void c_close(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (ui_permit(ui, ACT_CLOSE) &&
	    need(ui, a, 2, ":close REF [done|transferred|not_ours|duplicate:REF [NOTE]]"))
		caseop_command(ui, ACT_CLOSE, a->w[1], a->n > 2 ? a->w[2] : NULL,
		               a->n > 3 ? a->rest[3] : NULL);
}

static void c_reopen(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (ui_permit(ui, ACT_REOPEN) && need(ui, a, 2, ":reopen REF [NOTE]"))
		caseop_command(ui, ACT_REOPEN, a->w[1], NULL, a->n > 2 ? a->rest[2] : NULL);
}

static void c_ack(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (ui_permit(ui, ACT_ACK) && need(ui, a, 2, ":ack REF"))
		caseop_command(ui, ACT_ACK, a->w[1], NULL, NULL);
}

/* :priority REF [urgent|normal] (without a word: the other one) */
static void c_priority(struct ui *ui, const struct args *a, const char *line)
{
	const struct mcase *c;
	int want = -1;

	(void)line;
	if (!ui_permit(ui, ACT_PRIORITY) || !need(ui, a, 2, ":priority REF [urgent|normal]"))
		return;
	if (a->n > 2) {
		want = !strcmp(a->w[2], "urgent") ? 1 : !strcmp(a->w[2], "normal") ? 0 : -2;
		if (want < -1) {
			ui_error(ui, "%s", _("the priority is urgent or normal"));
			return;
		}
	}
	if (!(c = model_find_ref(ui->model, a->w[1])))
		ui_error(ui, _("no case %s"), a->w[1]);
	else
		caseop_priority(ui, c->id, 0, want);
}

/* :attach REF FILE - a photo the caller sent, from a file on this
 * computer, into the database (sql/code/59_photos.sql), where every desk
 * of the ward sees it; the rest of the line is the path (spaces kept). */
static void c_attach(struct ui *ui, const struct args *a, const char *line)
{
	struct st_err err = { 0 };
	unsigned char *buf;
	char why[512], *path;
	size_t len;
	int64_t id;

	(void)line;
	if (!need(ui, a, 3, ":attach REF FILE"))
		return;
	if (!live_up(&ui->live)) {
		ui_error(ui, "%s", _("offline: nothing sent"));
		return;
	}
	path = xstrdup(a->rest[2]);
	path[strcspn(path, "\r\n")] = '\0';
	for (size_t n = strlen(path); n > 0 && (path[n - 1] == ' ' || path[n - 1] == '\t'); n--)
		path[n - 1] = '\0';
	if (!photo_read_file(path, &buf, &len, why, sizeof why)) {
		ui_error(ui, _("%s; nothing sent"), why);
	} else {
		if (store_photo_attach(ui->live.st, a->w[1], buf, len, 0, &id, &err) == ST_OK)
			ui_status(ui, _("%s: photo #%lld attached (%zu bytes)"), a->w[1], (long long)id, len);
		else
			ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		free(buf);
	}
	free(path);
}

static void to_queue(struct ui *ui)
{
	while (ui->top && ui->top->below)
		ui_pop(ui);
}

static void c_view(struct ui *ui, const struct args *a, const char *line)
{
	int v;

	(void)line;
	if (!need(ui, a, 2, ":view incoming|mine|open|due|escalated|resolved"))
		return;
	v = view_parse(a->w[1]);
	if (v < 0) {
		ui_error(ui, _("no view called %s (incoming, mine, open, due, escalated, resolved)"),
		         a->w[1]);
		return;
	}
	to_queue(ui);
	ui_action(ui, (enum action_id)(ACT_VIEW_INCOMING + v));
}

static void c_filter(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	to_queue(ui);
	model_set_filter(ui->model, a->n > 1 ? a->rest[1] : NULL);
	if (ui->top && ui->top->ops->changed)
		ui->top->ops->changed(ui, ui->top, 0);
	if (a->n > 1)
		ui_status(ui, _("filter: %s (%zu shown; Esc clears)"), a->rest[1],
		          model_visible(ui->model));
	else
		ui_status(ui, _("filter cleared"));
}

static void c_open(struct ui *ui, const struct args *a, const char *line)
{
	const struct mcase *c;
	int64_t id = 0;

	(void)line;
	if (!need(ui, a, 2, ":open REF"))
		return;
	c = model_find_ref(ui->model, a->w[1]);
	if (c) {
		id = c->id;
	} else if (live_up(&ui->live)) {
		struct wd_case wc;
		struct st_err err = { 0 };
		enum st_status s = store_get(ui->live.st, a->w[1], 0, &wc, NULL, &err);

		if (s != ST_OK) {
			ui_store_failed(ui, &err, UI_FAIL_SAY);
			return;
		}
		id = wc.id;
		wd_case_free(&wc);
	} else {
		ui_error(ui, _("no case %s"), a->w[1]);
		return;
	}
	if (ui_screen_is(ui, ui->top, SCR_DETAIL))
		ui_pop(ui);
	ui_open(ui, SCR_DETAIL, &id);
}

static void c_shift(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (!need(ui, a, 2, ":shift start|end"))
		return;
	if (!strcasecmp(a->w[1], "start"))
		ui_action(ui, ACT_SHIFT_START);
	else if (!strcasecmp(a->w[1], "end"))
		ui_action(ui, ACT_SHIFT_END);
	else
		ui_error(ui, _("usage: %s"), ":shift start|end");
}

static void c_reassign(struct ui *ui, const struct args *a, const char *line)
{
	(void)line;
	if (ui_permit(ui, ACT_REASSIGN_ALL) && need(ui, a, 3, ":reassign FROM TO"))
		reassign_all(ui, a->w[1], a->w[2]);
}

static void c_stats(struct ui *ui, const struct args *a, const char *line)
{
	int days = 1;

	(void)line;
	if (a->n > 1) {
		const char *p = a->w[1];

		if (!strcasecmp(p, "today") || !strcmp(p, "1") || !strcasecmp(p, "1d"))
			days = 1;
		else if (!strcmp(p, "7") || !strcasecmp(p, "7d") || !strcasecmp(p, "week"))
			days = 7;
		else if (!strcmp(p, "30") || !strcasecmp(p, "30d") || !strcasecmp(p, "month"))
			days = 30;
		else {
			ui_error(ui, _("usage: %s"), ":stats [today|7d|30d]");
			return;
		}
	}
	if (!ui_permit(ui, ACT_STATS))
		return;
	while (ui->top && ui->top->below && !ui_screen_is(ui, ui->top, SCR_QUEUE))
		ui_pop(ui);
	ui_open(ui, SCR_STATS, &days);
}

static void c_config(struct ui *ui, const struct args *a, const char *line)
{
	char err[512] = "";

	(void)a;
	if (config_line(line, NULL, 0, err, sizeof err))
		ui_status(ui, _("done: %s"), line);
	else
		ui_error(ui, "%s", err[0] ? err : _("not understood"));
	ui_dirty(ui);
}

/* The status line's past messages whole, and the config's errors
 * (screen_messages.c). */
static void c_messages(struct ui *ui, const struct args *a, const char *line)
{
	(void)a;
	(void)line;
	ui_open(ui, SCR_MESSAGES, NULL);
}

static void c_help(struct ui *ui, const struct args *a, const char *line)
{
	(void)a;
	(void)line;
	ui_action(ui, ACT_HELP);
}

static void c_quit(struct ui *ui, const struct args *a, const char *line)
{
	(void)a;
	(void)line;
	ui->quit = true;
}

static void c_drafts(struct ui *ui, const struct args *a, const char *line)
{
	(void)a;
	(void)line;
	drafts_review(ui);
}

static const struct command commands[] = {
	{ "take", COMPL_REF, COMPL_NONE, COMPL_NONE, c_take },
	{ "assign", COMPL_REF, COMPL_LOGIN, COMPL_NONE, c_assign },
	{ "escalate", COMPL_REF, COMPL_NONE, COMPL_NONE, c_escalate },
	{ "close", COMPL_REF, COMPL_REASON, COMPL_NONE, c_close },
	{ "reopen", COMPL_REF, COMPL_NONE, COMPL_NONE, c_reopen },
	{ "view", COMPL_VIEW, COMPL_NONE, COMPL_NONE, c_view },
	{ "filter", COMPL_CATEGORY, COMPL_NONE, COMPL_NONE, c_filter },
	{ "open", COMPL_REF, COMPL_NONE, COMPL_NONE, c_open },
	{ "ack", COMPL_REF, COMPL_NONE, COMPL_NONE, c_ack },
	{ "priority", COMPL_REF, COMPL_NONE, COMPL_NONE, c_priority },
	{ "attach", COMPL_REF, COMPL_NONE, COMPL_NONE, c_attach },
	{ "shift", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_shift },
	{ "reassign", COMPL_LOGIN, COMPL_LOGIN, COMPL_NONE, c_reassign },
	{ "stats", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_stats },
	{ "set", COMPL_SETTING, COMPL_NONE, COMPL_NONE, c_config },
	{ "bind", COMPL_KEYMAP, COMPL_NONE, COMPL_ACTION, c_config },
	{ "color", COMPL_ELEMENT, COMPL_NONE, COMPL_NONE, c_config },
	{ "source", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_config },
	{ "drafts", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_drafts },
	{ "messages", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_messages },
	{ "help", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_help },
	{ "quit", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_quit },
	{ "q", COMPL_NONE, COMPL_NONE, COMPL_NONE, c_quit },
};

const char *command_name(size_t i)
{
	size_t j;

	if (i < ARRAY_SIZE(commands))
		return commands[i].name;
	i -= ARRAY_SIZE(commands);
	/* then every action not already a command */
	for (j = 0; j < ACT_COUNT; j++) {
		size_t k;
		bool dup = false;

		for (k = 0; k < ARRAY_SIZE(commands); k++)
			if (!strcmp(commands[k].name, action_table[j].name))
				dup = true;
		if (dup)
			continue;
		if (i-- == 0)
			return action_table[j].name;
	}
	return NULL;
}

enum compl_kind command_completion(const char *cmd, int argi)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcasecmp(commands[i].name, cmd)) {
			switch (argi) {
			case 1: return commands[i].a1;
			case 2: return commands[i].a2;
			case 3: return commands[i].a3;
			default: return COMPL_NONE;
			}
		}
	return COMPL_NONE;
}

void command_run(struct ui *ui, const char *line)
{
	char *buf;
	struct args a;
	size_t i;
	int act;

	while (*line == ' ' || *line == '\t' || *line == ':')
		line++;
	if (!*line)
		return;
	buf = xstrdup(line);
	split(buf, line, &a);
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcasecmp(commands[i].name, a.w[0])) {
			commands[i].run(ui, &a, line);
			free(buf);
			return;
		}
	}
	act = action_parse(a.w[0]);
	if (act >= 0) {
		if (a.n > 1 && (act == ACT_TAKE || act == ACT_ASSIGN || act == ACT_ESCALATE ||
		                act == ACT_CLOSE || act == ACT_REOPEN)) {
			if (ui_permit(ui, (enum action_id)act))
				caseop_command(ui, (enum action_id)act, a.w[1], NULL, NULL);
		} else {
			ui_action(ui, (enum action_id)act);
		}
	} else {
		ui_error(ui, _("unknown command :%s (:help lists them)"), a.w[0]);
	}
	free(buf);
}
