/* cli_shift.c - shifts, handovers, the chair's board, statistics and
 * de-escalation from the command line (issue 6; store_shift.h). */
#include "wardesk/wardesk.h"

#include <getopt.h>

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/stats.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

/* ---- helpers --------------------------------------------------------- */

/* "23/11/2026 07:42" (Asia/Ho_Chi_Minh), "-" for 0. */
static void time_long(time_t t, char *out, size_t outsz)
{
	char iso[40];

	if (!t) {
		snprintf(out, outsz, "-");
		return;
	}
	time_iso(t, iso, sizeof iso);   /* 2026-11-23T07:42:10+07:00 */
	snprintf(out, outsz, "%.2s/%.2s/%.4s %.5s", iso + 8, iso + 5, iso, iso + 11);
}




static bool parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (!s || !*s)
		return false;
	if (*s == '#')
		s++;
	v = strtoll(s, &end, 10);
	if (*end || v < 1)
		return false;
	*id = v;
	return true;
}

static const char *role_label(enum wd_role r)
{
	switch (r) {
	case WD_ROLE_HOTLINE: return _("hotline operator");
	case WD_ROLE_OFFICER: return _("duty officer");
	case WD_ROLE_CHAIR: return _("ward chair");
	case WD_ROLE_NONE: break;
	}
	return "-";
}

/* Options without arguments only: every argument must be consumed. */
static int no_args(const struct cli_command *self, int argc, char **argv)
{
	if (argc > 1)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[1]);
	return 0;
}

/* ---- shift start / end ----------------------------------------------- */

static int shift_cmd(const struct cli_global *g, int argc, char **argv, bool start)
{
	const struct cli_command *self = cli_find(start ? "shift start" : "shift end");
	struct st_err err = { 0 };
	struct wd_shift s;
	struct store *st;
	enum st_status rc;
	char a[40], b[40];

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	if (no_args(self, argc, argv))
		return WD_EXIT_USAGE;
	st = cli_connect(g);
	rc = start ? store_shift_start(st, &s, &err) : store_shift_end(st, &s, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	time_long(s.started_at, a, sizeof a);
	time_long(s.ended_at, b, sizeof b);
	if (start)
		printf(_("shift %lld started %s\n"), (long long)s.id, a);
	else
		printf(_("shift %lld ended %s (started %s)\n"), (long long)s.id, b, a);
	wd_shift_free(&s);
	return WD_EXIT_OK;
}

int cmd_shift_start(const struct cli_global *g, int argc, char **argv)
{
	return shift_cmd(g, argc, argv, true);
}

int cmd_shift_end(const struct cli_global *g, int argc, char **argv)
{
	return shift_cmd(g, argc, argv, false);
}

/* ---- handover create / ack / cancel ---------------------------------- */

int cmd_handover_create(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "note", required_argument, NULL, 'n' },
		{ "exclude", required_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("handover create");
	const char *to = NULL, *note = NULL;
	char **ex = xcalloc(1, sizeof *ex), *save = NULL;
	size_t nex = 0;
	struct st_err err = { 0 };
	struct store *st;
	int64_t id = 0;
	int c, rc;

	if (cli_want_help(self, argc, argv)) {
		free(ex);
		return WD_EXIT_OK;
	}
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't': to = optarg; break;
		case 'n': note = optarg; break;
		case 'x': {
			char *copy = xstrdup(optarg);

			for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
				ex = xreallocarray(ex, nex + 2, sizeof *ex);
				ex[nex++] = xstrdup(w);
				ex[nex] = NULL;
			}
			free(copy);
			break;
		}
		default:
			rc = cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
			goto out;
		}
	}
	if (optind != argc) {
		rc = cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
		goto out;
	}
	if (!to || !note) {
		rc = cli_usage_error(self, _("--to LOGIN and --note TEXT are required"));
		goto out;
	}
	st = cli_connect(g);
	if (store_handover_create(st, to, note, (const char *const *)ex, &id, &err) == ST_OK) {
		printf("%lld\n", (long long)id);
		rc = WD_EXIT_OK;
	} else {
		rc = cli_fail(&err);
	}
	store_close(&st);
out:
	for (size_t i = 0; i < nex; i++)
		free(ex[i]);
	free(ex);
	return rc;
}

static int handover_id_cmd(const struct cli_global *g, int argc, char **argv, bool ack)
{
	const struct cli_command *self = cli_find(ack ? "handover ack" : "handover cancel");
	struct st_err err = { 0 };
	struct store *st;
	int64_t id;
	enum st_status rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	if (argc != 2 || !parse_id(argv[1], &id))
		return cli_usage_error(self, _("need one handover number"));
	st = cli_connect(g);
	rc = ack ? store_handover_ack(st, id, &err) : store_handover_cancel(st, id, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	printf(ack ? _("handover #%lld acknowledged\n") : _("handover #%lld cancelled\n"),
	       (long long)id);
	return WD_EXIT_OK;
}

int cmd_handover_ack(const struct cli_global *g, int argc, char **argv)
{
	return handover_id_cmd(g, argc, argv, true);
}

int cmd_handover_cancel(const struct cli_global *g, int argc, char **argv)
{
	return handover_id_cmd(g, argc, argv, false);
}

/* ---- handover record ------------------------------------------------- */

static const char *ho_state_label(enum wd_handover_state s)
{
	switch (s) {
	case WD_HO_PENDING: return _("pending, not acknowledged yet");
	case WD_HO_ACKNOWLEDGED: return _("acknowledged");
	case WD_HO_CANCELLED: return _("cancelled");
	case WD_HO_STATE_COUNT: break;
	}
	return "?";
}

/* What became of a case: "moved to binh", "kept", "not moved: resolved" ... */
static void case_fate(const struct wd_handover *h, const struct wd_handover_case *c, char *out,
                      size_t outsz)
{
	if (!c->included)
		snprintf(out, outsz, _("kept by %s"), h->from);
	else if (c->moved == 1)
		snprintf(out, outsz, _("moved to %s"), h->to);
	else if (c->moved == 0)
		snprintf(out, outsz, _("not moved: now %s%s%s"), wd_state_name(c->state_now),
		         c->owner_now ? " " : "", c->owner_now ? c->owner_now : "");
	else if (h->state == WD_HO_CANCELLED)
		snprintf(out, outsz, _("stays with %s"), h->from);
	else if (!h->to)
		snprintf(out, outsz, _("to hand over"));
	else
		snprintf(out, outsz, _("to %s on acknowledgement"), h->to);
}

static char *person(const char *login, const char *name, enum wd_role role)
{
	return xasprintf("%s (%s), %s", login ? login : "-", name ? name : "", role_label(role));
}

/* Markdown cell: sanitised, one line, | and \ escaped. */
static void md_cell(struct strbuf *sb, const char *s)
{
	char *safe = text_sanitize(s ? s : "", false);

	for (const char *p = safe; *p; p++) {
		if (*p == '|' || *p == '\\')
			sb_putc(sb, '\\');
		sb_putc(sb, *p);
	}
	free(safe);
}

static char *short_text(const char *s, int cols)
{
	return text_fit(s ? s : "", cols, false, true);
}

static void record_cases_text(const struct wd_handover *h, bool included)
{
	static const char *head[] = {
		N_("REF"), N_("CAT"), N_("STATE"), N_("DEADLINE"), N_("LEFT"), N_("CALL"), N_("NOW"),
		N_("DESCRIPTION"),
	};
	struct cli_table t;

	cli_table_init(&t, ARRAY_SIZE(head), head);
	t.maxw[7] = 40;
	for (size_t i = 0; i < h->ncases; i++) {
		const struct wd_handover_case *c = &h->cases[i];
		char dl[40], left[32], fate[128];

		if (c->included != included)
			continue;
		time_short(c->deadline_at, dl, sizeof dl);
		countdown_format(h->created_at, c->deadline_at, left, sizeof left);
		case_fate(h, c, fate, sizeof fate);
		cli_table_row(&t, c->ref, c->category, wd_state_name(c->state), dl, left,
		              c->callback_wanted ? _("yes") : "", fate, c->description);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

static void print_record_text(const struct wd_handover *h)
{
	char a[40], b[40], *p;

	if (h->id)
		printf(_("Handover #%lld - %s\n"), (long long)h->id, ho_state_label(h->state));
	else
		printf(_("Handover (preview, not written yet)\n"));
	printf("%s\n\n", _("Ward duty desk handover log book (sổ giao ca)"));
	p = person(h->from, h->from_name, h->from_role);
	cli_label(stdout, _("Outgoing:"), 15);
	printf("%s\n", p);
	free(p);
	if (h->to) {
		p = person(h->to, h->to_name, h->to_role);
		cli_label(stdout, _("Incoming:"), 15);
		printf("%s\n", p);
		free(p);
	}
	if (h->shift_id) {
		time_long(h->shift_started, a, sizeof a);
		time_long(h->shift_ended, b, sizeof b);
		cli_label(stdout, _("Shift:"), 15);
		printf("#%lld  %s - %s\n", (long long)h->shift_id, a,
		       h->shift_ended ? b : _("(still on duty)"));
	} else {
		cli_label(stdout, _("Shift:"), 15);
		printf("%s\n", _("no shift recorded"));
	}
	time_long(h->created_at, a, sizeof a);
	cli_label(stdout, _("Written:"), 15);
	printf("%s\n", a);
	if (h->state == WD_HO_ACKNOWLEDGED) {
		time_long(h->acked_at, a, sizeof a);
		cli_label(stdout, _("Acknowledged:"), 15);
		printf("%s\n", a);
	} else if (h->state == WD_HO_CANCELLED) {
		time_long(h->cancelled_at, a, sizeof a);
		cli_label(stdout, _("Cancelled:"), 15);
		printf("%s (%s)\n", a, h->cancelled_by ? h->cancelled_by : "");
	} else if (h->id) {
		cli_label(stdout, _("Acknowledged:"), 15);
		printf("%s\n", _("not yet"));
	}
	if (h->note) {
		char *safe = text_sanitize(h->note, true);
		char **lines = text_wrap(safe, 72);

		printf("\n%s\n", _("Note:"));
		for (char **l = lines; l && *l; l++)
			printf("  %s\n", *l);
		text_lines_free(lines);
		free(safe);
	}
	printf("\n");
	printf(_("Cases handed over (%d):\n"), h->n_included);
	if (h->n_included)
		record_cases_text(h, true);
	if (h->n_excluded) {
		printf("\n");
		printf(_("Cases kept by %s (%d):\n"), h->from, h->n_excluded);
		record_cases_text(h, false);
	}
	time_long(h->window_from, a, sizeof a);
	time_long(h->window_to, b, sizeof b);
	printf("\n");
	printf(_("During the shift (%s - %s):\n"), a, b);
	printf("  %-11s %d\n", _("Received:"), h->received);
	printf("  %-11s %d (%d by %s)\n", _("Resolved:"), h->resolved, h->resolved_by_from, h->from);
	printf("  %-11s %d", _("Late:"), h->late);
	for (char **r = h->late_refs; r && *r; r++)
		printf("%s%s", r == h->late_refs ? "  " : ", ", *r);
	printf("\n");
}

static void record_cases_md(const struct wd_handover *h, bool included, struct strbuf *sb)
{
	sb_printf(sb, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", _("Ref"), _("Category"),
	          _("State"), _("Deadline"), _("Left"), _("Call back"), _("Now"), _("Description"));
	sb_puts(sb, "|---|---|---|---|---:|---|---|---|\n");
	for (size_t i = 0; i < h->ncases; i++) {
		const struct wd_handover_case *c = &h->cases[i];
		char dl[40], left[32], fate[128], *desc;

		if (c->included != included)
			continue;
		time_short(c->deadline_at, dl, sizeof dl);
		countdown_format(h->created_at, c->deadline_at, left, sizeof left);
		case_fate(h, c, fate, sizeof fate);
		desc = short_text(c->description, 60);
		sb_puts(sb, "| ");
		md_cell(sb, c->ref);
		sb_puts(sb, " | ");
		md_cell(sb, c->category);
		sb_printf(sb, " | %s | %s | %s | %s | ", wd_state_name(c->state), dl, left,
		          c->callback_wanted ? _("yes") : "");
		md_cell(sb, fate);
		sb_puts(sb, " | ");
		md_cell(sb, desc);
		sb_puts(sb, " |\n");
		free(desc);
	}
}

static void print_record_md(const struct wd_handover *h)
{
	struct strbuf sb = { 0 };
	char a[40], b[40], *p;

	if (h->id)
		sb_printf(&sb, "# %s #%lld — %s\n\n", _("Handover"), (long long)h->id,
		          ho_state_label(h->state));
	else
		sb_printf(&sb, "# %s\n\n", _("Handover (preview, not written yet)"));
	sb_printf(&sb, "| | |\n|---|---|\n");
	p = person(h->from, h->from_name, h->from_role);
	sb_printf(&sb, "| %s | ", _("Outgoing"));
	md_cell(&sb, p);
	sb_puts(&sb, " |\n");
	free(p);
	if (h->to) {
		p = person(h->to, h->to_name, h->to_role);
		sb_printf(&sb, "| %s | ", _("Incoming"));
		md_cell(&sb, p);
		sb_puts(&sb, " |\n");
		free(p);
	}
	time_long(h->shift_started, a, sizeof a);
	time_long(h->shift_ended, b, sizeof b);
	if (h->shift_id)
		sb_printf(&sb, "| %s | #%lld %s – %s |\n", _("Shift"), (long long)h->shift_id, a,
		          h->shift_ended ? b : _("(still on duty)"));
	else
		sb_printf(&sb, "| %s | %s |\n", _("Shift"), _("no shift recorded"));
	time_long(h->created_at, a, sizeof a);
	sb_printf(&sb, "| %s | %s |\n", _("Written"), a);
	if (h->state == WD_HO_ACKNOWLEDGED) {
		time_long(h->acked_at, a, sizeof a);
		sb_printf(&sb, "| %s | %s |\n", _("Acknowledged"), a);
	} else if (h->state == WD_HO_CANCELLED) {
		time_long(h->cancelled_at, a, sizeof a);
		sb_printf(&sb, "| %s | %s (%s) |\n", _("Cancelled"), a, h->cancelled_by ? h->cancelled_by : "");
	} else if (h->id) {
		sb_printf(&sb, "| %s | %s |\n", _("Acknowledged"), _("not yet"));
	}
	if (h->note) {
		char *safe = text_sanitize(h->note, true);

		sb_printf(&sb, "\n## %s\n\n", _("Note"));
		for (char *line = safe, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			sb_puts(&sb, "> ");
			sb_add(&sb, line, nl ? (size_t)(nl - line) : strlen(line));
			sb_puts(&sb, nl && nl[1] ? "  \n" : "\n");
		}
		free(safe);
	}
	sb_printf(&sb, "\n## %s (%d)\n\n", _("Cases handed over"), h->n_included);
	if (h->n_included)
		record_cases_md(h, true, &sb);
	if (h->n_excluded) {
		sb_printf(&sb, "\n## %s %s (%d)\n\n", _("Cases kept by"), h->from, h->n_excluded);
		record_cases_md(h, false, &sb);
	}
	time_long(h->window_from, a, sizeof a);
	time_long(h->window_to, b, sizeof b);
	sb_printf(&sb, "\n## %s (%s – %s)\n\n", _("During the shift"), a, b);
	sb_printf(&sb, "- %s: %d\n", _("Received"), h->received);
	sb_printf(&sb, "- %s: %d (%d by %s)\n", _("Resolved"), h->resolved, h->resolved_by_from, h->from);
	sb_printf(&sb, "- %s: %d", _("Late"), h->late);
	for (char **r = h->late_refs; r && *r; r++)
		sb_printf(&sb, "%s%s", r == h->late_refs ? " (" : ", ", *r);
	sb_puts(&sb, h->late_refs && h->late_refs[0] ? ")\n" : "\n");
	fputs(sb.s, stdout);
	sb_free(&sb);
}

int cmd_handover(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "id", required_argument, NULL, 'i' },
		{ "shift", required_argument, NULL, 's' },
		{ "preview", no_argument, NULL, 'p' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("handover");
	int64_t id = 0, shift = 0;
	bool preview = false;
	int fmt = FMT_TEXT, c;
	struct wd_handover h;
	struct st_err err = { 0 };
	struct store *st;
	enum st_status rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (!parse_id(optarg, &id))
				return cli_usage_error(self, _("--id needs a handover number"));
			break;
		case 's':
			if (!parse_id(optarg, &shift))
				return cli_usage_error(self, _("--shift needs a shift number"));
			break;
		case 'p': preview = true; break;
		case 'f':
			fmt = cli_parse_format(optarg, 1u << FMT_TEXT | 1u << FMT_MARKDOWN);
			if (fmt < 0)
				return cli_usage_error(self, _("format must be text or markdown"));
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
	if (preview && (id || shift))
		return cli_usage_error(self, _("--preview takes no --id or --shift"));
	st = cli_connect(g);
	rc = preview ? store_handover_preview(st, &h, &err) : store_handover_get(st, id, shift, &h, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	if (fmt == FMT_MARKDOWN)
		print_record_md(&h);
	else
		print_record_text(&h);
	wd_handover_free(&h);
	return WD_EXIT_OK;
}

/* ---- handovers (pending) --------------------------------------------- */

int cmd_handovers(const struct cli_global *g, int argc, char **argv)
{
	static const char *head[] = {
		N_("ID"), N_("FROM"), N_("TO"), N_("WRITTEN"), N_("CASES"), N_("KEPT"), N_("NOTE"),
	};
	const struct cli_command *self = cli_find("handovers");
	struct wd_handover_list l;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = FMT_TABLE, r;

	if ((r = cli_format_args(self, argc, argv, FMTS(FMT_TABLE, FMT_JSON), 0, &fmt)))
		return r < 0 ? WD_EXIT_OK : r;
	st = cli_connect(g);
	if (store_handovers_pending(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++) {
			const struct wd_handover *h = &l.v[i];
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_int64(h->id));
			json_object_object_add(o, "from", cli_jstr(h->from));
			json_object_object_add(o, "to", cli_jstr(h->to));
			json_object_object_add(o, "created", cli_jtime(h->created_at));
			json_object_object_add(o, "shift", h->shift_id ? json_object_new_int64(h->shift_id) : NULL);
			json_object_object_add(o, "cases", json_object_new_int(h->n_included));
			json_object_object_add(o, "kept", json_object_new_int(h->n_excluded));
			json_object_object_add(o, "note", cli_jstr(h->note));
			json_object_array_add(arr, o);
		}
		cli_print_json(arr);
	} else {
		struct cli_table t;

		cli_table_init(&t, ARRAY_SIZE(head), head);
		t.maxw[6] = 50;
		for (size_t i = 0; i < l.n; i++) {
			const struct wd_handover *h = &l.v[i];
			char id[32], when[40], n[16], k[16], *note = xstrdup(h->note ? h->note : "");

			for (char *p = note; *p; p++)
				if (*p == '\n' || *p == '\r' || *p == '\t')
					*p = ' ';

			snprintf(id, sizeof id, "%lld", (long long)h->id);
			time_short(h->created_at, when, sizeof when);
			snprintf(n, sizeof n, "%d", h->n_included);
			snprintf(k, sizeof k, "%d", h->n_excluded);
			cli_table_row(&t, id, h->from, h->to, when, n, k, note);
			free(note);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_handover_list_free(&l);
	return WD_EXIT_OK;
}

/* ---- board ----------------------------------------------------------- */

int cmd_board(const struct cli_global *g, int argc, char **argv)
{
	static const char *head[] = {
		N_("OFFICER"), N_("NAME"), N_("ROLE"), N_("ON DUTY"), N_("OPEN"), N_("DUE SOON"),
		N_("OVERDUE"), N_("ESCALATED"),
	};
	const struct cli_command *self = cli_find("board");
	struct wd_board b;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = FMT_TABLE, rc;

	if ((rc = cli_format_args(self, argc, argv, FMTS(FMT_TABLE, FMT_JSON), 0, &fmt)))
		return rc < 0 ? WD_EXIT_OK : rc;
	st = cli_connect(g);
	if (store_board(st, &b, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == FMT_JSON) {
		struct json_object *o = json_object_new_object(), *arr = json_object_new_array();

		for (size_t i = 0; i < b.n; i++) {
			const struct wd_board_row *r = &b.v[i];
			struct json_object *e = json_object_new_object();

			json_object_object_add(e, "login", cli_jstr(r->login));
			json_object_object_add(e, "full_name", cli_jstr(r->full_name));
			json_object_object_add(e, "role", cli_jstr(wd_role_name(r->role)));
			json_object_object_add(e, "on_duty", json_object_new_boolean(r->on_duty));
			json_object_object_add(e, "shift_started", cli_jtime(r->shift_started));
			json_object_object_add(e, "open", json_object_new_int(r->open));
			json_object_object_add(e, "due_soon", json_object_new_int(r->due_soon));
			json_object_object_add(e, "overdue", json_object_new_int(r->overdue));
			json_object_object_add(e, "escalated", json_object_new_int(r->escalated));
			json_object_array_add(arr, e);
		}
		json_object_object_add(o, "officers", arr);
		json_object_object_add(o, "unowned", json_object_new_int(b.unowned));
		json_object_object_add(o, "unowned_due_soon", json_object_new_int(b.unowned_due_soon));
		json_object_object_add(o, "unowned_overdue", json_object_new_int(b.unowned_overdue));
		json_object_object_add(o, "escalated", json_object_new_int(b.escalated));
		json_object_object_add(o, "pending_handovers", json_object_new_int(b.pending_handovers));
		json_object_object_add(o, "on_duty", json_object_new_int(b.on_duty));
		json_object_object_add(o, "today_received", json_object_new_int(b.today_received));
		json_object_object_add(o, "today_resolved", json_object_new_int(b.today_resolved));
		json_object_object_add(o, "today_on_time", json_object_new_int(b.today_on_time));
		json_object_object_add(o, "today_on_time_rate", b.today_on_time_rate >= 0
		                       ? json_object_new_double(b.today_on_time_rate) : NULL);
		cli_print_json(o);
	} else {
		struct cli_table t;
		char ratio[48];

		cli_table_init(&t, ARRAY_SIZE(head), head);
		for (size_t i = 0; i < b.n; i++) {
			const struct wd_board_row *r = &b.v[i];
			char since[40] = "-", n1[16], n2[16], n3[16], n4[16];

			if (r->on_duty)
				time_hhmm(r->shift_started, since, sizeof since);
			snprintf(n1, sizeof n1, "%d", r->open);
			snprintf(n2, sizeof n2, "%d", r->due_soon);
			snprintf(n3, sizeof n3, "%d", r->overdue);
			snprintf(n4, sizeof n4, "%d", r->escalated);
			cli_table_row(&t, r->login, r->full_name, wd_role_name(r->role), since, n1, n2, n3, n4);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
		stats_ratio(b.today_on_time, b.today_resolved, ratio, sizeof ratio);
		printf("\n");
		printf(_("Unowned queue:        %d (%d due soon, %d overdue)\n"), b.unowned,
		       b.unowned_due_soon, b.unowned_overdue);
		printf(_("Escalations waiting:  %d\n"), b.escalated);
		printf(_("Pending handovers:    %d\n"), b.pending_handovers);
		printf(_("On duty:              %d\n"), b.on_duty);
		printf(_("Today:                received %d, on time %s\n"), b.today_received, ratio);
	}
	wd_board_free(&b);
	return WD_EXIT_OK;
}

/* ---- stats ----------------------------------------------------------- */

enum { SFMT_TABLE, SFMT_CSV, SFMT_JSON };

static void csv_cell(const char *s, bool last)
{
	bool quote = s && strpbrk(s, ",\"\n\r") != NULL;

	if (quote)
		putchar('"');
	for (; s && *s; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	if (quote)
		putchar('"');
	putchar(last ? '\n' : ',');
}

/* Numbers for CSV: "" when unknown (negative). */
static const char *csv_num(char *buf, size_t sz, double v, int decimals)
{
	if (v < 0)
		buf[0] = '\0';
	else
		snprintf(buf, sz, "%.*f", decimals, v);
	return buf;
}

/* section,key,name,received,resolved,open,on_time,on_time_rate,median_min,
 * p90_min,rating_avg,rating_count,delay_min */
static void csv_row(const char *section, const char *key, const char *name, long received,
                    long resolved, long open, long on_time, double median_secs, double p90_secs,
                    double rating_avg, long rating_count, double delay_secs)
{
	char b[12][40];

	csv_cell(section, false);
	csv_cell(key, false);
	csv_cell(name, false);
	csv_cell(csv_num(b[0], 40, (double)received, 0), false);
	csv_cell(csv_num(b[1], 40, (double)resolved, 0), false);
	csv_cell(csv_num(b[2], 40, (double)open, 0), false);
	csv_cell(csv_num(b[3], 40, (double)on_time, 0), false);
	csv_cell(csv_num(b[4], 40, resolved > 0 && on_time >= 0 ? (double)on_time / (double)resolved : -1, 4),
	         false);
	csv_cell(csv_num(b[5], 40, median_secs < 0 ? -1 : median_secs / 60.0, 2), false);
	csv_cell(csv_num(b[6], 40, p90_secs < 0 ? -1 : p90_secs / 60.0, 2), false);
	csv_cell(csv_num(b[7], 40, rating_avg, 2), false);
	csv_cell(csv_num(b[8], 40, (double)rating_count, 0), false);
	csv_cell(csv_num(b[9], 40, delay_secs < 0 ? -1 : delay_secs / 60.0, 1), true);
}

static void stats_csv(const struct wd_stats *s)
{
	printf("section,key,name,received,resolved,open,on_time,on_time_rate,median_min,p90_min,"
	       "rating_avg,rating_count,delay_min\n");
	csv_row("total", "", "", s->received, s->resolved, s->open, s->on_time, s->median_secs,
	        s->p90_secs, s->rating_avg, s->rating_count, -1);
	for (size_t i = 0; i < s->n_category; i++) {
		const struct wd_stats_group *x = &s->by_category[i];

		csv_row("category", x->key, x->name, x->received, x->resolved, -1, x->on_time,
		        x->median_secs, -1, x->rating_avg, -1, -1);
	}
	for (size_t i = 0; i < s->n_channel; i++) {
		const struct wd_stats_group *x = &s->by_channel[i];

		csv_row("channel", x->key, "", x->received, x->resolved, -1, x->on_time, x->median_secs,
		        -1, -1, -1, -1);
	}
	for (size_t i = 0; i < s->n_officer; i++) {
		const struct wd_stats_group *x = &s->by_officer[i];

		csv_row("officer", x->key ? x->key : "", x->name, -1, x->resolved, -1, x->on_time,
		        x->median_secs, -1, x->rating_avg, x->rating_count, -1);
	}
	for (size_t i = 0; i < s->n_late; i++) {
		const struct wd_stats_late *l = &s->late[i];

		csv_row("late", l->ref, l->delay_reason ? l->delay_reason : "", -1, l->closed ? 1 : 0,
		        l->closed ? 0 : 1,
		        -1, -1, -1, -1, -1, (double)l->delay_secs);
	}
	for (size_t i = 0; i < s->n_hourly; i++) {
		char iso[40];

		time_iso(s->hourly[i].hour, iso, sizeof iso);
		csv_row("hour", iso, "", s->hourly[i].received, s->hourly[i].resolved, -1, -1, -1, -1,
		        -1, -1, -1);
	}
}

static void group_table(const char *title, const struct wd_stats_group *g, size_t n, bool officer)
{
	static const char *head[] = {
		N_("KEY"), N_("NAME"), N_("RECEIVED"), N_("RESOLVED"), N_("ON TIME"), N_("MEDIAN"),
		N_("RATING"), N_("CHART"),
	};
	struct cli_table t;
	long max = 0;

	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		if (g[i].resolved > max)
			max = g[i].resolved;
	printf("\n%s\n", title);
	cli_table_init(&t, ARRAY_SIZE(head), head);
	t.maxw[1] = 24;
	for (size_t i = 0; i < n; i++) {
		char rec[16], res[16], ot[48], med[32], rat[32], *bar;

		if (officer)
			snprintf(rec, sizeof rec, "-");
		else
			snprintf(rec, sizeof rec, "%ld", g[i].received);
		snprintf(res, sizeof res, "%ld", g[i].resolved);
		stats_ratio(g[i].on_time, g[i].resolved, ot, sizeof ot);
		stats_duration(g[i].median_secs, med, sizeof med);
		if (g[i].rating_avg >= 0)
			snprintf(rat, sizeof rat, "%.1f", g[i].rating_avg);
		else
			snprintf(rat, sizeof rat, "-");
		bar = stats_bar((double)g[i].resolved, (double)max, 12);
		cli_table_row(&t, g[i].key ? g[i].key : "-", g[i].name, rec, res, ot, med, rat, bar);
		free(bar);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

static void stats_table(const struct wd_stats *s)
{
	char a[40], b[40], buf[64], buf2[64];
	int *rec = xcalloc(s->n_hourly + 1, sizeof *rec), *res = xcalloc(s->n_hourly + 1, sizeof *res);
	char *spark;

	time_long(s->from, a, sizeof a);
	time_long(s->to, b, sizeof b);
	cli_label(stdout, _("Period:"), 20);
	printf("%s - %s\n", a, b);
	cli_label(stdout, _("Received:"), 20);
	printf("%ld\n", s->received);
	cli_label(stdout, _("Resolved:"), 20);
	printf("%ld\n", s->resolved);
	cli_label(stdout, _("Open at the end:"), 20);
	printf("%ld\n", s->open);
	stats_ratio(s->on_time, s->resolved, buf, sizeof buf);
	cli_label(stdout, _("On time:"), 20);
	printf("%s\n", buf);
	stats_duration(s->median_secs, buf, sizeof buf);
	stats_duration(s->p90_secs, buf2, sizeof buf2);
	cli_label(stdout, _("Handling, median:"), 20);
	printf("%s (%s %s)\n", buf, _("90th percentile"), buf2);
	if (s->rating_count > 0) {
		cli_label(stdout, _("Satisfaction:"), 20);
		printf("%.2f (%ld)\n", s->rating_avg, s->rating_count);
	} else {
		cli_label(stdout, _("Satisfaction:"), 20);
		printf("- (0)\n");
	}
	for (size_t i = 0; i < s->n_hourly; i++) {
		rec[i] = s->hourly[i].received;
		res[i] = s->hourly[i].resolved;
	}
	if (s->n_hourly) {
		time_hhmm(s->hourly[0].hour, a, sizeof a);
		spark = stats_sparkline(rec, s->n_hourly);
		cli_label(stdout, _("Received per hour:"), 20);
		printf("|%s| %s %s\n", spark, _("from"), a);
		free(spark);
		spark = stats_sparkline(res, s->n_hourly);
		cli_label(stdout, _("Resolved per hour:"), 20);
		printf("|%s|\n", spark);
		free(spark);
	}
	free(rec);
	free(res);
	group_table(_("By category"), s->by_category, s->n_category, false);
	group_table(_("By channel"), s->by_channel, s->n_channel, false);
	group_table(_("By officer (holder at close)"), s->by_officer, s->n_officer, true);
	if (s->n_late) {
		static const char *head[] = {
			N_("REF"), N_("CAT"), N_("OWNER"), N_("STATE"), N_("DEADLINE"), N_("CLOSED"), N_("LATE BY"),
			N_("REASON"),
		};
		struct cli_table t;

		printf("\n%s\n", _("Late cases"));
		cli_table_init(&t, ARRAY_SIZE(head), head);
		for (size_t i = 0; i < s->n_late; i++) {
			const struct wd_stats_late *l = &s->late[i];
			char dl[40], cl[40] = "-", by[32];

			time_short(l->deadline, dl, sizeof dl);
			if (l->closed)
				time_short(l->closed, cl, sizeof cl);
			stats_duration((double)l->delay_secs, by, sizeof by);
			cli_table_row(&t, l->ref, l->category, l->owner ? l->owner : "-",
			              wd_state_name(l->state), dl, cl, by, l->delay_reason);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
}

int cmd_stats(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("stats");
	time_t now = time(NULL), from = 0, to = 0;
	int fmt = SFMT_TABLE, c;
	struct wd_stats s;
	struct st_err err = { 0 };
	struct store *st;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'F':
			if (time_parse(optarg, &from) != 0)
				return cli_usage_error(self, _("--from needs a time like 2026-11-23 or 2026-11-23T07:00+07:00"));
			break;
		case 'T':
			if (time_parse(optarg, &to) != 0)
				return cli_usage_error(self, _("--to needs a time like 2026-11-24 or 2026-11-23T19:00+07:00"));
			break;
		case 'f':
			if (!strcmp(optarg, "table"))
				fmt = SFMT_TABLE;
			else if (!strcmp(optarg, "csv"))
				fmt = SFMT_CSV;
			else if (!strcmp(optarg, "json"))
				fmt = SFMT_JSON;
			else
				return cli_usage_error(self, _("format must be table, csv or json"));
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
	/* defaults (0): to = the desk clock's now, from = that day's midnight */
	if (from && !to && from >= now)
		return cli_usage_error(self, _("--from is in the future"));
	if (from && to && to <= from)
		return cli_usage_error(self, _("--to must be after --from"));
	st = cli_connect(g);
	if (store_stats(st, from, to, &s, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == SFMT_JSON) {
		struct json_object *o = json_tokener_parse(s.json);

		cli_print_json(o);
	} else if (fmt == SFMT_CSV) {
		stats_csv(&s);
	} else {
		stats_table(&s);
	}
	wd_stats_free(&s);
	return WD_EXIT_OK;
}

/* ---- reassign all ---------------------------------------------------- */

int cmd_reassign(const struct cli_global *g, int argc, char **argv)
{
	const struct cli_command *self = cli_find("reassign");
	struct st_err err = { 0 };
	struct store *st;
	int moved = 0;
	enum st_status rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	if (argc != 3)
		return cli_usage_error(self, _("need the login that holds the cases and the login to give them to"));
	st = cli_connect(g);
	rc = store_reassign_all(st, argv[1], argv[2], &moved, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	printf(_("%d case(s) reassigned\n"), moved);
	return WD_EXIT_OK;
}
