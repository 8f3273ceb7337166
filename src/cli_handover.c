/* cli_handover.c - handovers from the command line: create, acknowledge,
 * cancel, the handover record (text or markdown) and the pending list. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"
#include "wardesk/words.h"

/* ---- helpers --------------------------------------------------------- */

/* "12" or "#12", positive. */
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
/* ---- handover create / ack / cancel ---------------------------------- */

/* --exclude "BT-1,BT-2" (repeats joined by the parser) -> NULL-terminated. */
static char **split_refs(const char *list)
{
	char **ex = xcalloc(1, sizeof *ex), *copy = xstrdup(list ? list : ""), *save = NULL;
	size_t nex = 0;

	for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		ex = xreallocarray(ex, nex + 2, sizeof *ex);
		ex[nex++] = xstrdup(w);
		ex[nex] = NULL;
	}
	free(copy);
	return ex;
}

int cmd_handover_create(const struct cli_global *g, const struct cli_args *a)
{
	char **ex = split_refs(cli_str(a, "exclude"));
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int64_t id = 0;
	int rc;

	if (store_handover_create(st, cli_str(a, "to"), cli_str(a, "note"), (const char *const *)ex,
	                          &id, &err) == ST_OK) {
		cli_printf("%lld\n", (long long)id);
		rc = WD_EXIT_OK;
	} else {
		rc = cli_fail(&err);
	}
	store_close(&st);
	for (char **p = ex; *p; p++)
		free(*p);
	free(ex);
	return rc;
}

static int handover_id_cmd(const struct cli_global *g, const struct cli_args *a, bool ack)
{
	struct st_err err = { 0 };
	struct store *st;
	int64_t id;
	enum st_status rc;

	if (!parse_id(a->pos[0], &id))
		return cli_usage_error(a->cmd, _("need one handover number"));
	st = cli_connect(g);
	rc = ack ? store_handover_ack(st, id, &err) : store_handover_cancel(st, id, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	cli_printf(ack ? _("handover #%lld acknowledged\n") : _("handover #%lld cancelled\n"),
	       (long long)id);
	return WD_EXIT_OK;
}

int cmd_handover_ack(const struct cli_global *g, const struct cli_args *a)
{
	return handover_id_cmd(g, a, true);
}

int cmd_handover_cancel(const struct cli_global *g, const struct cli_args *a)
{
	return handover_id_cmd(g, a, false);
}

/* ---- handover record ------------------------------------------------- */

static const char *ho_state_label(enum wd_handover_state s)
{
	switch (s) {
	case WD_HO_PENDING: return _("pending, not acknowledged yet");
	case WD_HO_ACKNOWLEDGED: return _("acknowledged");
	case WD_HO_CANCELLED: return _("cancelled");
	case WD_HO_DECLINED: return _("declined");
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
		snprintf(out, outsz, _("not moved: now %s%s%s"), word_label(WORD_STATE, (int)c->state_now),
		         c->owner_now ? " " : "", c->owner_now ? c->owner_now : "");
	else if (h->state == WD_HO_CANCELLED || h->state == WD_HO_DECLINED)
		snprintf(out, outsz, _("stays with %s"), h->from);
	else if (!h->to)
		snprintf(out, outsz, _("to hand over"));
	else
		snprintf(out, outsz, _("to %s on acknowledgement"), h->to);
}

/* "an (Nguyễn Văn An), duty officer", sanitised for the terminal (login and
 * name are anyone's text). */
static char *person(const char *login, const char *name, enum wd_role role)
{
	char *raw = xasprintf("%s (%s), %s", login ? login : "-", name ? name : "", role_label(role));
	char *safe = text_sanitize(raw, false);

	free(raw);
	return safe;
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
		cli_table_row(&t, c->ref, c->category, word_label(WORD_STATE, (int)c->state), dl, left,
		              c->callback_wanted ? _("yes") : "", fate, c->description);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

/* Acknowledged, cancelled, declined (with the note) or not yet. */
static void print_outcome_text(const struct wd_handover *h)
{
	char a[40];

	if (h->state == WD_HO_ACKNOWLEDGED) {
		cli_time_long(h->acked_at, a, sizeof a);
		cli_label(stdout, _("Acknowledged:"), 15);
		cli_printf("%s\n", a);
	} else if (h->state == WD_HO_CANCELLED) {
		cli_time_long(h->cancelled_at, a, sizeof a);
		cli_label(stdout, _("Cancelled:"), 15);
		cli_printf("%s (%s)\n", a, h->cancelled_by ? h->cancelled_by : "");
	} else if (h->state == WD_HO_DECLINED) {
		char *why = text_sanitize(h->decline_note ? h->decline_note : "", false);

		cli_time_long(h->declined_at, a, sizeof a);
		cli_label(stdout, _("Declined:"), 15);
		cli_printf("%s (%s): %s\n", a, h->to ? h->to : "", why);
		free(why);
	} else if (h->id) {
		cli_label(stdout, _("Acknowledged:"), 15);
		cli_printf("%s\n", _("not yet"));
	}
}

static void print_record_text(const struct wd_handover *h)
{
	char a[40], b[40], *p;

	if (h->id)
		cli_printf(_("Handover #%lld - %s\n"), (long long)h->id, ho_state_label(h->state));
	else
		cli_printf(_("Handover (preview, not written yet)\n"));
	cli_printf("%s\n\n", _("Ward duty desk handover log book (sổ giao ca)"));
	p = person(h->from, h->from_name, h->from_role);
	cli_label(stdout, _("Outgoing:"), 15);
	cli_printf("%s\n", p);
	free(p);
	if (h->to) {
		p = person(h->to, h->to_name, h->to_role);
		cli_label(stdout, _("Incoming:"), 15);
		cli_printf("%s\n", p);
		free(p);
	}
	if (h->shift_id) {
		cli_time_long(h->shift_started, a, sizeof a);
		cli_time_long(h->shift_ended, b, sizeof b);
		cli_label(stdout, _("Shift:"), 15);
		cli_printf("#%lld  %s - %s\n", (long long)h->shift_id, a,
		       h->shift_ended ? b : _("(still on duty)"));
	} else {
		cli_label(stdout, _("Shift:"), 15);
		cli_printf("%s\n", _("no shift recorded"));
	}
	cli_time_long(h->created_at, a, sizeof a);
	cli_label(stdout, _("Written:"), 15);
	cli_printf("%s\n", a);
	print_outcome_text(h);
	if (h->note) {
		char *safe = text_sanitize(h->note, true);
		char **lines = text_wrap(safe, 72);

		cli_printf("\n%s\n", _("Note:"));
		for (char **l = lines; l && *l; l++)
			cli_printf("  %s\n", *l);
		text_lines_free(lines);
		free(safe);
	}
	cli_printf("\n");
	cli_printf(_("Cases handed over (%d):\n"), h->n_included);
	if (h->n_included)
		record_cases_text(h, true);
	if (h->n_excluded) {
		cli_printf("\n");
		cli_printf(_("Cases kept by %s (%d):\n"), h->from, h->n_excluded);
		record_cases_text(h, false);
	}
	cli_time_long(h->window_from, a, sizeof a);
	cli_time_long(h->window_to, b, sizeof b);
	cli_printf("\n");
	cli_printf(_("During the shift (%s - %s):\n"), a, b);
	cli_printf("  %-11s %d\n", _("Received:"), h->received);
	cli_printf("  %-11s %d (%d by %s)\n", _("Resolved:"), h->resolved, h->resolved_by_from, h->from);
	cli_printf("  %-11s %d", _("Late:"), h->late);
	for (char **r = h->late_refs; r && *r; r++)
		cli_printf("%s%s", r == h->late_refs ? "  " : ", ", *r);
	cli_printf("\n");
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
		sb_printf(sb, " | %s | %s | %s | %s | ", word_label(WORD_STATE, (int)c->state), dl, left,
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
	cli_time_long(h->shift_started, a, sizeof a);
	cli_time_long(h->shift_ended, b, sizeof b);
	if (h->shift_id)
		sb_printf(&sb, "| %s | #%lld %s – %s |\n", _("Shift"), (long long)h->shift_id, a,
		          h->shift_ended ? b : _("(still on duty)"));
	else
		sb_printf(&sb, "| %s | %s |\n", _("Shift"), _("no shift recorded"));
	cli_time_long(h->created_at, a, sizeof a);
	sb_printf(&sb, "| %s | %s |\n", _("Written"), a);
	if (h->state == WD_HO_ACKNOWLEDGED) {
		cli_time_long(h->acked_at, a, sizeof a);
		sb_printf(&sb, "| %s | %s |\n", _("Acknowledged"), a);
	} else if (h->state == WD_HO_CANCELLED) {
		cli_time_long(h->cancelled_at, a, sizeof a);
		sb_printf(&sb, "| %s | %s (%s) |\n", _("Cancelled"), a, h->cancelled_by ? h->cancelled_by : "");
	} else if (h->state == WD_HO_DECLINED) {
		cli_time_long(h->declined_at, a, sizeof a);
		sb_printf(&sb, "| %s | %s (%s): ", _("Declined"), a, h->to ? h->to : "");
		md_cell(&sb, h->decline_note);
		sb_puts(&sb, " |\n");
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
	cli_time_long(h->window_from, a, sizeof a);
	cli_time_long(h->window_to, b, sizeof b);
	sb_printf(&sb, "\n## %s (%s – %s)\n\n", _("During the shift"), a, b);
	sb_printf(&sb, "- %s: %d\n", _("Received"), h->received);
	sb_printf(&sb, "- %s: %d (%d by %s)\n", _("Resolved"), h->resolved, h->resolved_by_from, h->from);
	sb_printf(&sb, "- %s: %d", _("Late"), h->late);
	for (char **r = h->late_refs; r && *r; r++)
		sb_printf(&sb, "%s%s", r == h->late_refs ? " (" : ", ", *r);
	sb_puts(&sb, h->late_refs && h->late_refs[0] ? ")\n" : "\n");
	cli_printf("%s", sb.s);
	sb_free(&sb);
}

int cmd_handover(const struct cli_global *g, const struct cli_args *a)
{
	int64_t id = 0, shift = 0;
	bool preview = cli_flag(a, "preview");
	struct wd_handover h;
	struct cli_chain_heads heads;
	struct st_err err = { 0 };
	struct store *st;
	enum st_status rc;

	if (cli_str(a, "id") && !parse_id(cli_str(a, "id"), &id))
		return cli_usage_error(a->cmd, _("--id needs a handover number"));
	if (cli_str(a, "shift") && !parse_id(cli_str(a, "shift"), &shift))
		return cli_usage_error(a->cmd, _("--shift needs a shift number"));
	if (preview && (id || shift))
		return cli_usage_error(a->cmd, _("--preview takes no --id or --shift"));
	st = cli_connect(g);
	rc = preview ? store_handover_preview(st, &h, &err) : store_handover_get(st, id, shift, &h, &err);
	if (rc == ST_OK && (rc = cli_chain_heads_get(st, h.id, &heads, &err)) != ST_OK)
		wd_handover_free(&h);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	if (cli_fmt(a, FMT_TEXT) == FMT_MARKDOWN)
		print_record_md(&h);
	else
		print_record_text(&h);
	cli_chain_heads_print(&heads, h.state == WD_HO_ACKNOWLEDGED, cli_fmt(a, FMT_TEXT) == FMT_MARKDOWN);
	cli_chain_heads_free(&heads);
	wd_handover_free(&h);
	return WD_EXIT_OK;
}

/* ---- handovers (pending) --------------------------------------------- */

int cmd_handovers(const struct cli_global *g, const struct cli_args *a)
{
	static const char *head[] = {
		N_("ID"), N_("FROM"), N_("TO"), N_("WRITTEN"), N_("CASES"), N_("KEPT"), N_("NOTE"),
	};
	struct wd_handover_list l;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = cli_fmt(a, FMT_TABLE);

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

