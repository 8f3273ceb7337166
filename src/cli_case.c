/* cli_case.c - report, ls, show and the case actions from the command line. */
#include "wardesk/wardesk.h"

#include <getopt.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/phone.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

/* ---- report ---------------------------------------------------------- */

int cmd_report(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "category", required_argument, NULL, 'c' },
		{ "text", required_argument, NULL, 't' },
		{ "address", required_argument, NULL, 'a' },
		{ "phone", required_argument, NULL, 'p' },
		{ "name", required_argument, NULL, 'n' },
		{ "channel", required_argument, NULL, 'C' },
		{ "received", required_argument, NULL, 'r' },
		{ "line", required_argument, NULL, 'L' },
		{ "callback", no_argument, NULL, 'B' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("report");
	struct wd_report r = { .channel = WD_CH_HOTLINE };
	char phone[32], ref[32];
	struct st_err err = { 0 };
	struct store *st;
	int c, rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': r.category = optarg; break;
		case 't': r.description = optarg; break;
		case 'a': r.address = optarg; break;
		case 'n': r.name = optarg; break;
		case 'p':
			if (phone_normalize(optarg, phone, sizeof phone) == PHONE_INVALID) {
				char *safe = text_sanitize(optarg, false);

				fprintf(stderr, _("wardesk: phone number \"%s\": %s\n"), safe, phone);
				free(safe);
				return WD_EXIT_USAGE;
			}
			r.phone = phone;
			break;
		case 'C': {
			int ch = wd_channel_parse(optarg);

			if (ch < 0)
				return cli_usage_error(self, _("channel must be app, hotline, walkin or import"));
			r.channel = (enum wd_channel)ch;
			break;
		}
		case 'L':
			if (strcmp(optarg, "police") && strcmp(optarg, "committee"))
				return cli_usage_error(self, _("--line is police or committee"));
			r.hotline_line = optarg;
			break;
		case 'B': r.callback = true; break;
		case 'r':
			if (time_parse(optarg, &r.received_at) != 0)
				return cli_usage_error(self, _("--received needs a time like 2026-11-23T07:42:10+07:00"));
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
	if (!r.category || !r.description)
		return cli_usage_error(self, _("--category and --text are required"));
	st = cli_connect(g);
	if (store_report(st, &r, ref, sizeof ref, &err) == ST_OK) {
		printf("%s\n", ref);
		rc = WD_EXIT_OK;
	} else {
		rc = cli_fail(&err);
	}
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


static int term_columns(void)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
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

int cmd_ls(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "state", required_argument, NULL, 's' },
		{ "mine", no_argument, NULL, 'm' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *head[] = {
		N_("REF"), N_("LEFT"), N_("STATE"), N_("CH"), N_("CAT"), N_("OWNER"),
		N_("ADDRESS"), N_("DESCRIPTION"),
	};
	const struct cli_command *self = cli_find("ls");
	struct st_query q = { .states = 1u << WD_NEW | 1u << WD_IN_PROGRESS | 1u << WD_REOPENED };
	bool mine = false;
	int fmt = FMT_TABLE, c;
	struct wd_case_list l;
	struct st_err err = { 0 };
	struct store *st;
	time_t now = time(NULL);

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			if (!parse_states(optarg, &q.states))
				return cli_usage_error(self, _("states are new, in_progress, resolved, reopened, open or all"));
			break;
		case 'm': mine = true; break;
		case 'f':
			fmt = cli_parse_format(optarg, 1u << FMT_TABLE | 1u << FMT_TSV | 1u << FMT_JSON);
			if (fmt < 0)
				return cli_usage_error(self, _("format must be table, tsv or json"));
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
	st = cli_connect(g);
	if (mine)
		q.owner = store_login(st);
	if (store_list(st, &q, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_TSV) {
		printf("ref\tstate\tchannel\tcategory\towner\treceived\tdeadline\tescalation\tversion\taddress\tdescription\n");
		for (size_t i = 0; i < l.n; i++) {
			const struct wd_case *k = &l.v[i];
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
			cli_tsv_cell(stdout, k->description, true);
		}
	} else if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++)
			json_object_array_add(arr, case_json(&l.v[i]));
		cli_print_json(arr);
	} else {
		struct cli_table t;
		int cols = term_columns();

		cli_table_init(&t, ARRAY_SIZE(head), head);
		t.maxw[6] = 32;
		t.maxw[7] = cols > 100 ? cols - 100 + 40 : 40;
		for (size_t i = 0; i < l.n; i++) {
			const struct wd_case *k = &l.v[i];
			char left[32];

			left_text(k, now, left, sizeof left);
			cli_table_row(&t, k->ref, left, wd_state_name(k->state),
			              wd_channel_name(k->channel), k->category, k->owner, k->address,
			              k->description);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
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
	printf("%s\n", safe);
	free(safe);
}

static void print_wrapped(const char *text, const char *indent)
{
	char *safe = text_sanitize(text, true);
	char **lines = text_wrap(safe, 72);

	for (char **l = lines; l && *l; l++)
		printf("%s%s\n", indent, *l);
	text_lines_free(lines);
	free(safe);
}

static void show_text(struct store *st, const struct wd_case *c, const struct wd_event_list *ev)
{
	char a[40], b[40], left[32], buf[256];
	time_t now = time(NULL);

	printf("%s  %s  (%s %d)\n", c->ref, wd_state_name(c->state), _("version"), c->version);
	snprintf(buf, sizeof buf, "%s  %s", c->category, c->category_vi ? c->category_vi : "");
	field(_("Category:"), buf);
	field(_("Channel:"), wd_channel_name(c->channel));
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
	printf("%s\n", _("Description:"));
	print_wrapped(c->description ? c->description : "", "  ");
	if (c->state == WD_RESOLVED) {
		time_short(c->closed_at, a, sizeof a);
		field(_("Closed:"), a);
		field(_("Reason:"), c->close_reason);
		field(_("Duplicate of:"), c->duplicate_of);
		printf("%s\n", _("Resolution:"));
		print_wrapped(c->resolution_note ? c->resolution_note : "", "  ");
	}
	cli_intake_show(st, c, NULL);   /* rating, flags, other reporters */
	printf("\n%s\n", _("History:"));
	for (size_t i = 0; ev && i < ev->n; i++) {
		const struct wd_event *e = &ev->v[i];
		char *actor = text_sanitize(e->actor ? e->actor : "", false);
		char *action = text_sanitize(e->action ? e->action : "", false);

		time_short(e->at, a, sizeof a);
		printf("  %s  %-10s %s\n", a, actor, action);
		if (e->note && *e->note)
			print_wrapped(e->note, "      ");
		free(actor);
		free(action);
	}
}

int cmd_show(const struct cli_global *g, int argc, char **argv)
{
	const struct cli_command *self = cli_find("show");
	int fmt = FMT_TEXT, r;
	struct wd_case k;
	struct wd_event_list ev;
	struct st_err err = { 0 };
	struct store *st;

	if ((r = cli_format_args(self, argc, argv, FMTS(FMT_TEXT, FMT_JSON), 1, &fmt)))
		return r < 0 ? WD_EXIT_OK : r;
	st = cli_connect(g);
	if (store_get(st, argv[optind], 0, &k, &ev, &err) != ST_OK) {
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

struct act_args {
	const char *ref, *login, *note, *reason, *dup;
	const char *delay, *apology;   /* close: a late case's delay reason, apology note */
	bool apology_template;         /* close --apology-template */
	int seen;
};

enum { NEED_LOGIN = 1, TAKES_NOTE = 2, NEEDS_NOTE = 4, TAKES_REASON = 8 };

static int parse_act(const char *name, unsigned flags, int argc, char **argv, struct act_args *a)
{
	static const struct option opts[] = {
		{ "seen", required_argument, NULL, 's' },
		{ "note", required_argument, NULL, 'n' },
		{ "reason", required_argument, NULL, 'r' },
		{ "duplicate-of", required_argument, NULL, 'D' },
		{ "delay-reason", required_argument, NULL, 'L' },
		{ "apology", required_argument, NULL, 'A' },
		{ "apology-template", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find(name);
	int c, npos = flags & NEED_LOGIN ? 2 : 1;

	memset(a, 0, sizeof *a);
	if (cli_want_help(self, argc, argv))
		return -1;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*end || v < 1 || v > 2000000000)
				return cli_usage_error(self, _("--seen needs a version number"));
			a->seen = (int)v;
			break;
		}
		case 'n':
			if (!(flags & (TAKES_NOTE | NEEDS_NOTE)))
				return cli_usage_error(self, _("%s takes no note"), name);
			a->note = optarg;
			break;
		case 'r':
		case 'D':
		case 'L':
		case 'A':
		case 'T':
			if (!(flags & TAKES_REASON))
				return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
			if (c == 'r')
				a->reason = optarg;
			else if (c == 'D')
				a->dup = optarg;
			else if (c == 'L')
				a->delay = optarg;
			else if (c == 'A')
				a->apology = optarg;
			else
				a->apology_template = true;
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (argc - optind != npos)
		return cli_usage_error(self, npos == 2 ? _("need a case reference and a login")
		                                       : _("need one case reference"));
	a->ref = argv[optind];
	if (npos == 2)
		a->login = argv[optind + 1];
	if ((flags & NEEDS_NOTE) && !a->note)
		return cli_usage_error(self, _("a note is required (--note TEXT)"));
	if (a->dup && !a->reason)
		a->reason = "duplicate";
	return 0;
}

enum act_kind {
	ACT_K_TAKE, ACT_K_ASSIGN, ACT_K_ESCALATE, ACT_K_CLOSE, ACT_K_REOPEN, ACT_K_DEESCALATE,
};

static int run_act(const struct cli_global *g, enum act_kind kind, const struct act_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	enum st_status rc = ST_OK;

	switch (kind) {
	case ACT_K_TAKE: rc = store_take(st, a->ref, a->seen, &err); break;
	case ACT_K_ASSIGN: rc = store_assign(st, a->ref, a->login, a->seen, &err); break;
	case ACT_K_ESCALATE: rc = store_escalate(st, a->ref, a->seen, a->note, &err); break;
	case ACT_K_CLOSE:
		rc = store_close_late(st, a->ref, a->seen, a->note, a->reason, a->dup, a->delay,
		                      a->apology, a->apology_template, &err);
		break;
	case ACT_K_REOPEN: rc = store_reopen(st, a->ref, a->seen, a->note, &err); break;
	case ACT_K_DEESCALATE: rc = store_deescalate(st, a->ref, a->seen, a->note, &err); break;
	}
	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

#define ACTION_CMD(fn, name, flags, kind) \
	int fn(const struct cli_global *g, int argc, char **argv) \
	{ \
		struct act_args a; \
		int rc = parse_act(name, flags, argc, argv, &a); \
		return rc < 0 ? WD_EXIT_OK : rc > 0 ? rc : run_act(g, kind, &a); \
	}

ACTION_CMD(cmd_take, "take", 0, ACT_K_TAKE)
ACTION_CMD(cmd_assign, "assign", NEED_LOGIN, ACT_K_ASSIGN)
ACTION_CMD(cmd_escalate, "escalate", TAKES_NOTE, ACT_K_ESCALATE)
ACTION_CMD(cmd_close, "close", NEEDS_NOTE | TAKES_REASON, ACT_K_CLOSE)
ACTION_CMD(cmd_reopen, "reopen", NEEDS_NOTE, ACT_K_REOPEN)
ACTION_CMD(cmd_deescalate, "deescalate", NEEDS_NOTE, ACT_K_DEESCALATE)
