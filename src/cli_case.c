/* cli_case.c - report, ls, show and the case actions from the command line. */
#include "wardesk/wardesk.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/history.h"
#include "wardesk/phone.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"
#include "wardesk/words.h"

/* ---- report ---------------------------------------------------------- */

int cmd_report(const struct cli_global *g, const struct cli_args *a)
{
	struct wd_report r = {
		.channel = WD_CH_HOTLINE, .category = cli_str(a, "category"),
		.description = cli_str(a, "text"), .address = cli_str(a, "address"),
		.name = cli_str(a, "name"), .hotline_line = cli_str(a, "line"),
		.callback = cli_flag(a, "callback"), .received_at = cli_time(a, "received"),
		.priority = cli_flag(a, "urgent") ? "urgent" : cli_flag(a, "normal") ? "normal" : NULL,
	};
	const char *p = cli_str(a, "phone");
	char phone[32], ref[32];
	unsigned char *photo = NULL;
	int64_t photo_id = 0;
	struct st_err err = { 0 };
	struct store *st;
	int rc;

	if (cli_flag(a, "urgent") && cli_flag(a, "normal"))
		return cli_usage_error(a->cmd, _("--urgent and --normal exclude each other"));
	if (p && phone_normalize(p, phone, sizeof phone) == PHONE_INVALID) {
		char *safe = text_sanitize(p, false);

		cli_fprintf(stderr, _("wardesk: phone number \"%s\": %s\n"), safe, phone);
		free(safe);
		return WD_EXIT_USAGE;
	}
	if (p)
		r.phone = phone;
	if (cli_str(a, "channel"))
		r.channel = (enum wd_channel)wd_channel_parse(cli_str(a, "channel"));
	/* the photo is read first and goes with the case: a file that is
	 * missing or refused (wardesk.photo_attach) records nothing */
	if (cli_str(a, "photo") && !cli_photo_read(cli_str(a, "photo"), &photo, &r.photo_len))
		return WD_EXIT_USAGE;
	r.photo = photo;
	r.photo_id = &photo_id;
	st = cli_connect(g);
	if (store_report(st, &r, ref, sizeof ref, &err) == ST_OK) {
		cli_printf("%s\n", ref);
		if (photo)
			cli_printf(_("%s: photo #%lld attached (%zu bytes)\n"), ref, (long long)photo_id,
			           r.photo_len);
		rc = WD_EXIT_OK;
	} else {
		rc = cli_fail(&err);
	}
	free(photo);
	store_close(&st);
	return rc;
}

/* ---- shared case output ---------------------------------------------- */

static struct json_object *case_json(const struct wd_case *c)
{
	struct json_object *o = json_object_new_object(), *media = json_object_new_array();

	json_object_object_add(o, "ref", cli_jstr(c->ref));
	json_object_object_add(o, "id", json_object_new_int64(c->id));
	json_object_object_add(o, "state", cli_jstr(wd_state_name(c->state)));
	json_object_object_add(o, "channel", cli_jstr(wd_channel_name(c->channel)));
	json_object_object_add(o, "category", cli_jstr(c->category));
	json_object_object_add(o, "owner", cli_jstr(c->owner));
	json_object_object_add(o, "received", cli_jtime(c->received_at));
	json_object_object_add(o, "deadline", cli_jtime(c->deadline_at));
	json_object_object_add(o, "escalation", json_object_new_int(c->escalation));
	json_object_object_add(o, "version", json_object_new_int(c->version));
	json_object_object_add(o, "address", cli_jstr(c->address));
	json_object_object_add(o, "reporter_name", cli_jstr(c->reporter_name));
	json_object_object_add(o, "reporter_phone", cli_jstr(c->reporter_phone));
	json_object_object_add(o, "description", cli_jstr(c->description));
	json_object_object_add(o, "external_id", cli_jstr(c->external_id));
	json_object_object_add(o, "hotline_line", cli_jstr(c->hotline_line == WD_LINE_POLICE ? "police" :
	                                                  c->hotline_line == WD_LINE_COMMITTEE ? "committee" : NULL));
	json_object_object_add(o, "callback", json_object_new_boolean(c->callback));
	json_object_object_add(o, "priority", cli_jstr(c->urgent ? "urgent" : "normal"));
	json_object_object_add(o, "lat", c->has_coords ? json_object_new_double(c->lat) : NULL);
	json_object_object_add(o, "long", c->has_coords ? json_object_new_double(c->lon) : NULL);
	for (char **m = c->media; m && *m; m++)
		json_object_array_add(media, json_object_new_string(*m));
	json_object_object_add(o, "media", media);
	json_object_object_add(o, "resolution_note", cli_jstr(c->resolution_note));
	json_object_object_add(o, "close_reason", cli_jstr(c->close_reason));
	json_object_object_add(o, "duplicate_of", cli_jstr(c->duplicate_of));
	json_object_object_add(o, "closed", cli_jtime(c->closed_at));
	return o;
}

/* The terminal's width when stdout is one (its size, else COLUMNS); 0 when
 * piped or redirected: a pipe gets whole lines, whatever COLUMNS says. */
static int term_columns(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (env && atoi(env) > 0)
		return atoi(env);
	return 0;
}

static void left_text(const struct wd_case *c, time_t now, char *buf, size_t sz)
{
	if (c->state == WD_RESOLVED)
		time_short(c->closed_at, buf, sz);
	else
		countdown_format(now, c->deadline_at, buf, sz);
}

/* ---- ls -------------------------------------------------------------- */

static bool parse_states(const char *s, unsigned *mask)
{
	char *copy = xstrdup(s), *save = NULL;
	bool ok = true;

	*mask = 0;
	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		int v = wd_state_parse(w);

		if (!strcmp(w, "all"))
			*mask |= (1u << WD_STATE_COUNT) - 1;
		else if (!strcmp(w, "open"))
			*mask |= 1u << WD_NEW | 1u << WD_IN_PROGRESS | 1u << WD_REOPENED;
		else if (v >= 0)
			*mask |= 1u << v;
		else
			ok = false;
	}
	free(copy);
	return ok && *mask;
}

static void ls_tsv(const struct wd_case_list *l)
{
	fputs("ref\tstate\tchannel\tcategory\towner\treceived\tdeadline\tescalation\tversion\taddress\tdescription"
	      "\tpriority\n", stdout);
	for (size_t i = 0; i < l->n; i++) {
		const struct wd_case *k = &l->v[i];
		char recv[40], dl[40], esc[16], ver[16];

		time_iso(k->received_at, recv, sizeof recv);
		time_iso(k->deadline_at, dl, sizeof dl);
		snprintf(esc, sizeof esc, "%d", k->escalation);
		snprintf(ver, sizeof ver, "%d", k->version);
		cli_tsv_cell(stdout, k->ref, false);
		cli_tsv_cell(stdout, wd_state_name(k->state), false);
		cli_tsv_cell(stdout, wd_channel_name(k->channel), false);
		cli_tsv_cell(stdout, k->category, false);
		cli_tsv_cell(stdout, k->owner, false);
		cli_tsv_cell(stdout, recv, false);
		cli_tsv_cell(stdout, dl, false);
		cli_tsv_cell(stdout, esc, false);
		cli_tsv_cell(stdout, ver, false);
		cli_tsv_cell(stdout, k->address, false);
		cli_tsv_cell(stdout, k->description, false);
		cli_tsv_cell(stdout, k->urgent ? "urgent" : "normal", true);
	}
}

/* The widest cell of column c, its heading included. */
static int column_width(const struct cli_table *t, size_t c)
{
	int w = text_width(_(t->head[c]));

	for (size_t r = 0; r < t->nrows; r++) {
		int cw = text_width(t->cells[r * t->ncols + c]);

		if (cw > w)
			w = cw;
	}
	return w;
}

/* On a terminal of cols columns: the two last columns (address, then
 * description) share what the others leave, the description two thirds
 * (a newcomer's trial: under vi the description had 7 columns). */
static void ls_fit(struct cli_table *t, int cols)
{
	size_t addr = t->ncols - 2;
	int rest = cols - 2, a;

	for (size_t c = 0; c < addr; c++)
		rest -= column_width(t, c) + 2;
	a = rest / 3 < 8 ? 8 : rest / 3 > 32 ? 32 : rest / 3;
	if (column_width(t, addr) < a)
		a = column_width(t, addr);
	t->maxw[addr] = a > 0 ? a : 8;
	t->maxw[addr + 1] = rest - a > 8 ? rest - a : 8;
	t->fit = cols;
}

/* Piped: every column, whole lines (the newcomer's trial found "…" in
 * `ls | cat`).  On a terminal: its width, the priority as the queue shows
 * it ("!" before the reference) instead of its own column. */
static void ls_table(const struct wd_case_list *l)
{
	static const char *head[] = {
		N_("REF"), N_("PRIO"), N_("LEFT"), N_("STATE"), N_("CH"), N_("CAT"), N_("OWNER"),
		N_("ADDRESS"), N_("DESCRIPTION"),
	};
	static const char *head_tty[] = {
		N_("REF"), N_("LEFT"), N_("STATE"), N_("CH"), N_("CAT"), N_("OWNER"), N_("ADDRESS"),
		N_("DESCRIPTION"),
	};
	struct cli_table t;
	int cols = term_columns();
	time_t now = time(NULL);

	if (cols > 0)
		cli_table_init(&t, ARRAY_SIZE(head_tty), head_tty);
	else
		cli_table_init(&t, ARRAY_SIZE(head), head);
	for (size_t i = 0; i < l->n; i++) {
		const struct wd_case *k = &l->v[i];
		const char *state = word_label(WORD_STATE, (int)k->state);
		const char *ch = word_label(WORD_CHANNEL, (int)k->channel);
		char left[32], ref[64];

		left_text(k, now, left, sizeof left);
		snprintf(ref, sizeof ref, "%s%s", k->urgent ? "!" : "", k->ref);
		if (cols > 0)
			cli_table_row(&t, ref, left, state, ch, k->category, k->owner, k->address,
			              k->description);
		else
			cli_table_row(&t, k->ref, k->urgent ? _("! urgent") : "", left, state, ch,
			              k->category, k->owner, k->address, k->description);
	}
	if (cols > 0)
		ls_fit(&t, cols);
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

int cmd_ls(const struct cli_global *g, const struct cli_args *a)
{
	struct st_query q = { .states = 1u << WD_NEW | 1u << WD_IN_PROGRESS | 1u << WD_REOPENED };
	int fmt = cli_fmt(a, FMT_TABLE);
	struct wd_case_list l;
	struct st_err err = { 0 };
	struct store *st;

	if (cli_str(a, "state") && !parse_states(cli_str(a, "state"), &q.states))
		return cli_usage_error(a->cmd, _("states are new, in_progress, resolved, reopened, open or all"));
	st = cli_connect(g);
	if (cli_flag(a, "mine"))
		q.owner = store_login(st);
	q.limit = (int)cli_int(a, "limit", 0);
	if (q.limit > 0) {
		/* an officer's first N are found by index in their ward (as the
		 * console's first page); anyone else's by sorting every case */
		struct wd_officer me;
		struct st_err werr = { 0 };

		if (store_whoami(st, &me, &werr) == ST_OK) {
			q.ward_id = me.ward_id;
			wd_officer_free(&me);
		}
	}
	if (store_list(st, &q, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_TSV) {
		ls_tsv(&l);
	} else if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++)
			json_object_array_add(arr, case_json(&l.v[i]));
		cli_print_json(arr);
	} else {
		ls_table(&l);
	}
	wd_case_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

/* ---- show ------------------------------------------------------------ */

static void field(const char *label, const char *value)
{
	char *safe;

	if (!value || !*value)
		return;
	safe = text_sanitize(value, false);
	cli_label(stdout, label, 13);
	cli_printf("%s\n", safe);
	free(safe);
}

static void print_wrapped(const char *text, const char *indent)
{
	char *safe = text_sanitize(text, true);
	char **lines = text_wrap(safe, 72);

	for (char **l = lines; l && *l; l++)
		cli_printf("%s%s\n", indent, *l);
	text_lines_free(lines);
	free(safe);
}

/* One history line: the time, then the sentence wrapped under itself. */
static void print_step(const char *at, const char *sentence)
{
	char *safe = text_sanitize(sentence, true);
	char **lines = text_wrap(safe ? safe : "", 58);
	int w = (int)strlen(at);

	for (char **l = lines; l && *l; l++)
		cli_printf("  %-*s  %s\n", w, l == lines ? at : "", *l);
	if (!lines || !lines[0])
		cli_printf("  %s\n", at);
	text_lines_free(lines);
	free(safe);
}

/* The history part of `show`: the console's detail sentences (history.c,
 * in the interface language), the desk's automatic steps with the login
 * whose session ran the sweep, and notes under their step. */
static void show_history(const struct wd_case *c, const struct wd_event_list *ev)
{
	char a[40], line[512];

	cli_printf("\n%s\n", _("History:"));
	for (size_t i = 0; ev && i < ev->n; i++) {
		const struct wd_event *e = &ev->v[i];
		bool desk = e->actor && !strcmp(e->actor, "desk");

		if (history_hidden(ev, i))   /* the app's take: its close tells it */
			continue;
		time_short(e->at, a, sizeof a);
		history_sentence(c, ev, i, line, sizeof line);
		print_step(a, line);
		if (desk && e->run_by) {
			/* an automatic step: the desk did it; whose session ran the sweep */
			char *by = text_sanitize(e->run_by, false);

			cli_printf(_("      automatic step, the sweep ran in %s's session\n"), by);
			free(by);
		}
		if (e->note && *e->note && !history_note_inline(ev, i))
			print_wrapped(e->note, "      ");
	}
}

static void show_text(struct store *st, const struct wd_case *c, const struct wd_event_list *ev)
{
	char a[40], b[40], left[32], buf[256];
	time_t now = time(NULL);

	cli_printf("%s  %s  (%s %d)\n", c->ref, word_label(WORD_STATE, (int)c->state), _("version"), c->version);
	snprintf(buf, sizeof buf, "%s  %s", c->category, word_name(c->category_vi, c->category_en));
	field(_("Category:"), buf);
	field(_("Priority:"), c->urgent ? _("! urgent") : _("normal"));
	field(_("Channel:"), word_label(WORD_CHANNEL, (int)c->channel));
	field(_("Hotline line:"), c->hotline_line == WD_LINE_POLICE ? _("ward police") :
	                          c->hotline_line == WD_LINE_COMMITTEE ? _("ward committee") : NULL);
	field(_("Call back:"), c->callback ? _("wanted") : NULL);
	field(_("External id:"), c->external_id);
	time_short(c->received_at, a, sizeof a);
	field(_("Received:"), a);
	time_short(c->deadline_at, b, sizeof b);
	if (c->state != WD_RESOLVED) {
		countdown_format(now, c->deadline_at, left, sizeof left);
		snprintf(buf, sizeof buf, "%s  (%s)", b, left);
		field(_("Deadline:"), buf);
	} else {
		field(_("Deadline:"), b);
	}
	if (c->owner) {
		snprintf(buf, sizeof buf, "%s (%s)", c->owner, c->owner_name ? c->owner_name : "");
		field(_("Owner:"), buf);
	}
	if (c->escalation) {
		snprintf(buf, sizeof buf, "%d", c->escalation);
		field(_("Escalation:"), buf);
	}
	field(_("Reporter:"), c->reporter_name);
	if (c->reporter_phone) {
		phone_format(c->reporter_phone, buf, sizeof buf);
		field(_("Phone:"), buf);
	}
	field(_("Address:"), c->address);
	if (c->has_coords) {
		snprintf(buf, sizeof buf, "%.5f, %.5f", c->lat, c->lon);
		field(_("Location:"), buf);
	}
	for (char **m = c->media; m && *m; m++)
		field(_("Media:"), *m);
	cli_printf("%s\n", _("Description:"));
	print_wrapped(c->description ? c->description : "", "  ");
	if (c->state == WD_RESOLVED) {
		time_short(c->closed_at, a, sizeof a);
		field(_("Closed:"), a);
		field(_("Reason:"), c->close_reason ? word_reason_label(c->close_reason) : NULL);
		field(_("Duplicate of:"), c->duplicate_of);
		cli_printf("%s\n", _("Resolution:"));
		print_wrapped(c->resolution_note ? c->resolution_note : "", "  ");
	}
	cli_intake_show(st, c, NULL);   /* rating, flags, other reporters */
	show_history(c, ev);
}

int cmd_show(const struct cli_global *g, const struct cli_args *a)
{
	int fmt = cli_fmt(a, FMT_TEXT);
	struct wd_case k;
	struct wd_event_list ev;
	struct st_err err = { 0 };
	struct store *st;

	st = cli_connect(g);
	if (store_get(st, a->pos[0], 0, &k, &ev, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_JSON) {
		struct json_object *o = case_json(&k), *arr = json_object_new_array();

		cli_intake_show(st, &k, o);

		for (size_t i = 0; i < ev.n; i++) {
			struct json_object *e = json_object_new_object();

			json_object_object_add(e, "at", cli_jtime(ev.v[i].at));
			json_object_object_add(e, "actor", cli_jstr(ev.v[i].actor));
			json_object_object_add(e, "automatic", json_object_new_boolean(
			                       ev.v[i].actor && !strcmp(ev.v[i].actor, "desk")));
			json_object_object_add(e, "run_by", cli_jstr(ev.v[i].run_by));
			json_object_object_add(e, "action", cli_jstr(ev.v[i].action));
			json_object_object_add(e, "note", cli_jstr(ev.v[i].note));
			json_object_object_add(e, "old", ev.v[i].old_json
			                       ? json_tokener_parse(ev.v[i].old_json) : NULL);
			json_object_object_add(e, "new", ev.v[i].new_json
			                       ? json_tokener_parse(ev.v[i].new_json) : NULL);
			json_object_array_add(arr, e);
		}
		json_object_object_add(o, "events", arr);
		cli_print_json(o);
	} else {
		show_text(st, &k, &ev);
	}
	wd_case_free(&k);
	wd_event_list_free(&ev);
	store_close(&st);
	return WD_EXIT_OK;
}

/* ---- actions --------------------------------------------------------- */

/* Options a row does not have read as absent. */
static const char *opt_str(const struct cli_args *a, const char *name)
{
	for (size_t i = 0; a->cmd->opts && a->cmd->opts[i].name; i++)
		if (!strcmp(a->cmd->opts[i].name, name))
			return a->val[i];
	return NULL;
}

enum act_kind {
	ACT_K_TAKE, ACT_K_ASSIGN, ACT_K_ESCALATE, ACT_K_CLOSE, ACT_K_REOPEN, ACT_K_DEESCALATE,
	ACT_K_PRIORITY,
};

static int run_act(const struct cli_global *g, enum act_kind kind, const struct cli_args *a)
{
	struct st_err err = { 0 };
	const char *ref = a->pos[0], *note = opt_str(a, "note"), *dup = opt_str(a, "duplicate-of");
	const char *reason = opt_str(a, "reason");
	int seen = (int)cli_int(a, "seen", 0);
	struct store *st = cli_connect(g);
	enum st_status rc = ST_OK;

	if (dup && !reason)
		reason = "duplicate";
	switch (kind) {
	case ACT_K_TAKE: rc = store_take(st, ref, seen, &err); break;
	case ACT_K_ASSIGN: rc = store_assign(st, ref, a->pos[1], seen, &err); break;
	case ACT_K_ESCALATE: rc = store_escalate(st, ref, seen, note, &err); break;
	case ACT_K_CLOSE:
		rc = store_close_late(st, ref, seen, note, reason, dup, opt_str(a, "delay-reason"),
		                      opt_str(a, "apology"), opt_str(a, "apology-template") != NULL,
		                      &err);
		break;
	case ACT_K_REOPEN: rc = store_reopen(st, ref, seen, note, &err); break;
	case ACT_K_DEESCALATE: rc = store_deescalate(st, ref, seen, note, &err); break;
	case ACT_K_PRIORITY: rc = store_set_priority(st, ref, a->pos[1], seen, note, &err); break;
	}
	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

#define ACTION_CMD(fn, kind) \
	int fn(const struct cli_global *g, const struct cli_args *a) { return run_act(g, kind, a); }

ACTION_CMD(cmd_take, ACT_K_TAKE)
ACTION_CMD(cmd_assign, ACT_K_ASSIGN)
ACTION_CMD(cmd_escalate, ACT_K_ESCALATE)
ACTION_CMD(cmd_close, ACT_K_CLOSE)
ACTION_CMD(cmd_reopen, ACT_K_REOPEN)
ACTION_CMD(cmd_deescalate, ACT_K_DEESCALATE)

int cmd_priority(const struct cli_global *g, const struct cli_args *a)
{
	if (strcmp(a->pos[1], "urgent") != 0 && strcmp(a->pos[1], "normal") != 0)
		return cli_usage_error(a->cmd, _("the priority is urgent or normal"));
	return run_act(g, ACT_K_PRIORITY, a);
}
