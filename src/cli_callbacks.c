/* cli_callbacks.c - `wardesk callbacks` (the hotline's call-back list) and
 * `wardesk callback REF` (record a call), issue 16 §0. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_callbacks.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/phone.h"
#include "wardesk/stats.h"
#include "wardesk/store_callbacks.h"
#include "wardesk/timefmt.h"

/* ---- callbacks -------------------------------------------------------- */

static void callbacks_json(const struct wd_callback_list *l)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct wd_callback *c = &l->v[i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "ref", cli_jstr(c->ref));
		json_object_object_add(o, "version", json_object_new_int(c->version));
		json_object_object_add(o, "reporter", cli_jstr(c->reporter));
		json_object_object_add(o, "name", cli_jstr(c->name));
		json_object_object_add(o, "phone", cli_jstr(c->phone));
		json_object_object_add(o, "channel", cli_jstr(c->channel));
		json_object_object_add(o, "resolved_at", cli_jtime(c->resolved_at));
		json_object_object_add(o, "attempts", json_object_new_int(c->attempts));
		json_object_object_add(o, "last_at", c->last_at ? cli_jtime(c->last_at) : NULL);
		json_object_object_add(o, "next_try", cli_jtime(c->next_try));
		json_object_object_add(o, "due", json_object_new_boolean(c->due));
		json_object_object_add(o, "resolution_note", cli_jstr(c->note));
		json_object_array_add(arr, o);
	}
	cli_print_json(arr);
}

static void callbacks_tsv(const struct wd_callback_list *l)
{
	fputs("ref\treporter\tname\tphone\tresolved_at\tattempts\tnext_try\tdue\tresolution_note\n", stdout);
	for (size_t i = 0; i < l->n; i++) {
		const struct wd_callback *c = &l->v[i];
		char res[40], next[40], n[16];

		time_iso(c->resolved_at, res, sizeof res);
		time_iso(c->next_try, next, sizeof next);
		snprintf(n, sizeof n, "%d", c->attempts);
		cli_tsv_cell(stdout, c->ref, false);
		cli_tsv_cell(stdout, c->reporter, false);
		cli_tsv_cell(stdout, c->name, false);
		cli_tsv_cell(stdout, c->phone, false);
		cli_tsv_cell(stdout, res, false);
		cli_tsv_cell(stdout, n, false);
		cli_tsv_cell(stdout, next, false);
		cli_tsv_cell(stdout, c->due ? "t" : "f", false);
		cli_tsv_cell(stdout, c->note, true);
	}
}

static void callbacks_table(const struct wd_callback_list *l)
{
	static const char *head[] = {
		N_("REF"), N_("REPORTER"), N_("PHONE"), N_("RESOLVED"), N_("CALLS"), N_("NEXT TRY"),
		N_("READ OUT"),
	};
	struct cli_table t;

	cli_table_init(&t, ARRAY_SIZE(head), head);
	t.maxw[1] = 24;
	t.maxw[6] = 40;
	for (size_t i = 0; i < l->n; i++) {
		const struct wd_callback *c = &l->v[i];
		char who[256], phone[32], res[40], next[48], n[16];

		snprintf(who, sizeof who, "%s (%s)", c->name ? c->name : "?", c->reporter);
		phone_format(c->phone, phone, sizeof phone);
		time_short(c->resolved_at, res, sizeof res);
		if (c->due)
			snprintf(next, sizeof next, "%s", _("now"));
		else
			time_short(c->next_try, next, sizeof next);
		snprintf(n, sizeof n, "%d", c->attempts);
		cli_table_row(&t, c->ref, who, phone, res, n, next, c->note);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
}

int cmd_callbacks(const struct cli_global *g, const struct cli_args *a)
{
	struct wd_callback_list l;
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int fmt = cli_fmt(a, FMT_TABLE);

	if (store_callbacks(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == FMT_JSON)
		callbacks_json(&l);
	else if (fmt == FMT_TSV)
		callbacks_tsv(&l);
	else if (l.n == 0)
		cli_printf("%s\n", _("nobody to call back"));
	else
		callbacks_table(&l);
	wd_callback_list_free(&l);
	return WD_EXIT_OK;
}

/* ---- callback REF ----------------------------------------------------- */

static const struct { const char *flag; enum wd_call_outcome outcome; } outcome_flags[] = {
	{ "reached", WD_CALL_REACHED },
	{ "no-answer", WD_CALL_NO_ANSWER },
	{ "wrong-number", WD_CALL_WRONG_NUMBER },
};

int cmd_callback(const struct cli_global *g, const struct cli_args *a)
{
	struct st_callback_call q = {
		.ref = a->pos[0], .reporter = cli_str(a, "reporter"), .comment = cli_str(a, "comment"),
		.rating = (int)cli_int(a, "rating", 0), .seen = (int)cli_int(a, "seen", 0),
	};
	struct st_err err = { 0 };
	struct store *st;
	int given = 0, attempt = 0;
	time_t next = 0;
	char when[40];

	for (size_t i = 0; i < ARRAY_SIZE(outcome_flags); i++)
		if (cli_flag(a, outcome_flags[i].flag)) {
			q.outcome = outcome_flags[i].outcome;
			given++;
		}
	if (given != 1)
		return cli_usage_error(a->cmd, "%s", _("say what the call came to: --reached, --no-answer or --wrong-number"));
	if ((q.rating || q.comment) && q.outcome != WD_CALL_REACHED)
		return cli_usage_error(a->cmd, "%s", _("--rating and --comment go with --reached"));
	st = cli_connect(g);
	if (store_callback_record(st, &q, &attempt, &next, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (next) {
		time_short(next, when, sizeof when);
		cli_printf(_("%s: call %d recorded; next try at %s\n"), q.ref, attempt, when);
	} else {
		cli_printf(_("%s: call %d recorded\n"), q.ref, attempt);
	}
	return WD_EXIT_OK;
}

/* ---- in `wardesk stats` ------------------------------------------------- */

static void rating_line(const char *label, double avg, long n)
{
	char a[32] = "-";

	if (n > 0 && avg >= 0)
		stats_decimal(avg, 2, a, sizeof a);
	cli_label(stdout, label, 24);
	cli_printf("%s (%ld)\n", a, n);
}

void cli_callback_stats_table(const struct wd_callback_stats *c)
{
	char buf[64];

	cli_printf("\n%s\n", _("Call-backs"));
	stats_ratio(c->informed, c->reporters, buf, sizeof buf);
	cli_label(stdout, _("Informed within 24 h:"), 24);
	cli_printf("%s\n", buf);
	rating_line(_("Rating by phone:"), c->phone_avg, c->phone_n);
	rating_line(_("Rating in the app:"), c->app_avg, c->app_n);
	cli_label(stdout, _("On the list now:"), 24);
	if (c->list_n > 0 && c->oldest_secs >= 0) {
		stats_duration((double)c->oldest_secs, buf, sizeof buf);
		cli_printf(_("%ld (%ld due), the oldest waiting %s\n"), c->list_n, c->list_due, buf);
	} else {
		cli_printf("%ld\n", c->list_n);
	}
}

struct json_object *cli_callback_stats_json(const char *json, const struct wd_callback_stats *c)
{
	struct json_object *doc = json_tokener_parse(json ? json : "{}");

	if (!doc)
		doc = json_object_new_object();
	json_object_object_add(doc, "callbacks", json_tokener_parse(c->json ? c->json : "{}"));
	return doc;
}
