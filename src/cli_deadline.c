/* cli_deadline.c - ack, categories, alerts, delay reasons and settings from
 * the command line (watch, the headless sweep: cli_watch.c). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/store_deadline.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

/* ---- ack ------------------------------------------------------------- */

int cmd_ack(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	enum st_status rc = store_ack(st, a->pos[0], (int)cli_int(a, "seen", 0), &err);

	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

/* ---- categories ------------------------------------------------------ */

int cmd_category_set(const struct cli_global *g, const struct cli_args *a)
{
	struct wd_category_change ch = {
		.deadline_min = (int)cli_int(a, "deadline", -1), .warn_min = (int)cli_int(a, "warn", -1),
		.escalate_min = (int)cli_int(a, "escalate", -1),
		.urgent_deadline_min = (int)cli_int(a, "urgent-deadline", -1),
		.urgent_warn_min = (int)cli_int(a, "urgent-warn", -1),
		.urgent_escalate_min = (int)cli_int(a, "urgent-escalate", -1),
		.default_priority = cli_str(a, "default-priority"),
	};
	struct st_err err = { 0 };
	struct store *st;
	enum st_status rc;

	if (ch.deadline_min < 0 && ch.warn_min < 0 && ch.escalate_min < 0 && ch.urgent_deadline_min < 0 &&
	    ch.urgent_warn_min < 0 && ch.urgent_escalate_min < 0 && !ch.default_priority)
		return cli_usage_error(a->cmd, _("give --deadline, --warn, --escalate, --urgent-deadline, --urgent-warn, "
		                                 "--urgent-escalate or --default-priority"));
	st = cli_connect(g);
	rc = store_category_set(st, a->pos[0], &ch, &err);
	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

int cmd_category_agency(const struct cli_global *g, const struct cli_args *a)
{
	const char *agency = a->npos > 1 ? a->pos[1] : NULL;
	bool clear = cli_flag(a, "clear");
	struct st_err err = { 0 };
	struct store *st;
	enum st_status rc;
	char *now = NULL;

	if (!agency == !clear)
		return cli_usage_error(a->cmd, _("give the agency, or --clear"));
	st = cli_connect(g);
	rc = store_transfer_agency_set(st, a->pos[0], agency, cli_flag(a, "city"), &now, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	if (now)
		cli_printf(_("%s: transferred and not-ours requests go to %s\n"), a->pos[0], now);
	else
		cli_printf(_("%s: no receiving agency\n"), a->pos[0]);
	free(now);
	return WD_EXIT_OK;
}

static void categories_json(const struct wd_category_list *l)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct wd_category *k = &l->v[i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "code", cli_jstr(k->code));
		json_object_object_add(o, "name_vi", cli_jstr(k->name_vi));
		json_object_object_add(o, "name_en", cli_jstr(k->name_en));
		json_object_object_add(o, "deadline_min", json_object_new_int(k->deadline_min));
		json_object_object_add(o, "warn_min", json_object_new_int(k->warn_min));
		json_object_object_add(o, "escalate_min", json_object_new_int(k->escalate_min));
		json_object_object_add(o, "active", json_object_new_boolean(k->active));
		json_object_object_add(o, "own", json_object_new_boolean(k->own));
		json_object_object_add(o, "default_priority", cli_jstr(k->default_urgent ? "urgent" : "normal"));
		json_object_object_add(o, "urgent_deadline_min", json_object_new_int(k->urgent_deadline_min));
		json_object_object_add(o, "urgent_warn_min", json_object_new_int(k->urgent_warn_min));
		json_object_object_add(o, "urgent_escalate_min", json_object_new_int(k->urgent_escalate_min));
		json_object_array_add(arr, o);
	}
	cli_print_json(arr);
}

int cmd_categories(const struct cli_global *g, const struct cli_args *a)
{
	static const char *head[] = {
		N_("CODE"), N_("DEADLINE"), N_("WARN"), N_("ESCALATE"), N_("URGENT"), N_("NAME"), N_("NAME (EN)"),
	};
	struct wd_category_list l;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = cli_fmt(a, FMT_TABLE);

	st = cli_connect(g);
	if (store_categories(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_JSON) {
		categories_json(&l);
	} else if (fmt == FMT_TSV) {
		fputs("code\tdeadline_min\twarn_min\tescalate_min\tactive\tname_vi\tname_en\town\n", stdout);
		for (size_t i = 0; i < l.n; i++) {
			char d[16], w[16], e[16];

			snprintf(d, sizeof d, "%d", l.v[i].deadline_min);
			snprintf(w, sizeof w, "%d", l.v[i].warn_min);
			snprintf(e, sizeof e, "%d", l.v[i].escalate_min);
			cli_tsv_cell(stdout, l.v[i].code, false);
			cli_tsv_cell(stdout, d, false);
			cli_tsv_cell(stdout, w, false);
			cli_tsv_cell(stdout, e, false);
			cli_tsv_cell(stdout, l.v[i].active ? "t" : "f", false);
			cli_tsv_cell(stdout, l.v[i].name_vi, false);
			cli_tsv_cell(stdout, l.v[i].name_en, false);
			cli_tsv_cell(stdout, l.v[i].own ? "t" : "f", true);
		}
	} else {
		struct cli_table t;

		cli_table_init(&t, ARRAY_SIZE(head), head);
		for (size_t i = 0; i < l.n; i++) {
			char d[16], w[16], e[16], u[48];

			snprintf(d, sizeof d, "%d", l.v[i].deadline_min);
			snprintf(w, sizeof w, "%d", l.v[i].warn_min);
			snprintf(e, sizeof e, "%d", l.v[i].escalate_min);
			/* the urgent deadline/warn/escalate, "!" when urgent by default */
			snprintf(u, sizeof u, "%s%d/%d/%d", l.v[i].default_urgent ? "! " : "",
			         l.v[i].urgent_deadline_min, l.v[i].urgent_warn_min, l.v[i].urgent_escalate_min);
			cli_table_row(&t, l.v[i].code, d, w, e, u, l.v[i].name_vi, l.v[i].name_en);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_category_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

/* ---- alerts ---------------------------------------------------------- */

static void alerts_json(const struct wd_alert_list *l)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct wd_alert *x = &l->v[i];
		struct json_object *o = json_object_new_object();
		char at[40], dl[40];

		time_iso(x->created_at, at, sizeof at);
		time_iso(x->delivered_at, dl, sizeof dl);
		json_object_object_add(o, "id", json_object_new_int64(x->id));
		json_object_object_add(o, "at", json_object_new_string(at));
		json_object_object_add(o, "ref", cli_jstr(x->ref));
		json_object_object_add(o, "kind", json_object_new_string(wd_alert_kind_name(x->kind)));
		json_object_object_add(o, "level", json_object_new_int(x->level));
		json_object_object_add(o, "to", cli_jstr(x->recipient));
		json_object_object_add(o, "by", cli_jstr(x->actor));
		json_object_object_add(o, "run_by", cli_jstr(x->run_by));
		json_object_object_add(o, "about", cli_jstr(x->about));
		json_object_object_add(o, "delivered", x->delivered_at ? json_object_new_string(dl) : NULL);
		/* a summary (sql/023): how many cases, its ref the first */
		json_object_object_add(o, "cases", json_object_new_int(x->case_count > 1 ? x->case_count : 1));
		json_object_array_add(arr, o);
	}
	cli_print_json(arr);
}

/* tsv (ISO times) or the table (short times). */
static void alerts_rows(const struct wd_alert_list *l, bool tsv)
{
	static const char *head[] = {
		N_("ID"), N_("AT"), N_("CASE"), N_("KIND"), N_("LEVEL"), N_("TO"), N_("BY"),
		N_("DELIVERED"), N_("CASES"),
	};
	struct cli_table t;

	if (tsv)
		fputs("id\tat\tref\tkind\tlevel\tto\tby\tdelivered\tcases\n", stdout);
	else
		cli_table_init(&t, ARRAY_SIZE(head), head);
	for (size_t i = 0; i < l->n; i++) {
		const struct wd_alert *x = &l->v[i];
		char id[32], at[40], lv[16], dl[40] = "", nc[16];
		void (*fmt)(time_t, char *, size_t) = tsv ? time_iso : time_short;
		const char *cells[9];

		snprintf(id, sizeof id, "%lld", (long long)x->id);
		snprintf(lv, sizeof lv, "%d", x->level);
		fmt(x->created_at, at, sizeof at);
		if (x->delivered_at)
			fmt(x->delivered_at, dl, sizeof dl);
		cells[0] = id;
		cells[1] = at;
		cells[2] = x->ref;
		cells[3] = wd_alert_kind_name(x->kind);
		cells[4] = lv;
		cells[5] = x->recipient;
		cells[6] = x->actor;
		cells[7] = dl;
		/* a summary (sql/023) stands for that many cases, its ref the first */
		snprintf(nc, sizeof nc, "%d", x->case_count > 1 ? x->case_count : 1);
		cells[8] = nc;
		if (!tsv) {
			cli_table_row(&t, cells[0], cells[1], cells[2], cells[3], cells[4], cells[5],
			              cells[6], cells[7], cells[8]);
			continue;
		}
		for (size_t c = 0; c < ARRAY_SIZE(cells); c++)
			cli_tsv_cell(stdout, cells[c], c + 1 == ARRAY_SIZE(cells));
	}
	if (!tsv) {
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
}

int cmd_alerts(const struct cli_global *g, const struct cli_args *a)
{
	struct st_alert_query q = {
		.limit = (int)cli_int(a, "limit", 100), .mine = cli_flag(a, "mine"),
		.undelivered = cli_flag(a, "undelivered"),
	};
	struct wd_alert_list l;
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int fmt = cli_fmt(a, FMT_TABLE);

	if (store_alerts(st, &q, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_JSON)
		alerts_json(&l);
	else
		alerts_rows(&l, fmt == FMT_TSV);
	wd_alert_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

/* ---- delay reasons and settings -------------------------------------- */

static int named_cmd(const struct cli_global *g, const struct cli_args *a,
                     enum st_status (*fetch)(struct store *, struct wd_named_list *, struct st_err *),
                     const char *const heads[3], const char *const keys[3])
{
	struct wd_named_list l;
	struct st_err err = { 0 };
	struct store *st;
	int fmt = cli_fmt(a, FMT_TABLE);

	st = cli_connect(g);
	if (fetch(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, keys[0], cli_jstr(l.v[i].code));
			json_object_object_add(o, keys[1], cli_jstr(l.v[i].name_vi));
			json_object_object_add(o, keys[2], cli_jstr(l.v[i].name_en));
			json_object_array_add(arr, o);
		}
		cli_print_json(arr);
	} else if (fmt == FMT_TSV) {
		for (size_t c = 0; c < 3; c++)
			cli_tsv_cell(stdout, keys[c], c == 2);
		for (size_t i = 0; i < l.n; i++) {
			cli_tsv_cell(stdout, l.v[i].code, false);
			cli_tsv_cell(stdout, l.v[i].name_vi, false);
			cli_tsv_cell(stdout, l.v[i].name_en, true);
		}
	} else {
		struct cli_table t;
		const char *head[3] = { heads[0], heads[1], heads[2] };

		cli_table_init(&t, 3, head);
		t.maxw[1] = 60;
		for (size_t i = 0; i < l.n; i++)
			cli_table_row(&t, l.v[i].code, l.v[i].name_vi, l.v[i].name_en);
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_named_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

int cmd_delay_reasons(const struct cli_global *g, const struct cli_args *a)
{
	static const char *const heads[3] = { N_("CODE"), N_("NAME"), N_("NAME (EN)") };
	static const char *const keys[3] = { "code", "name_vi", "name_en" };

	return named_cmd(g, a, store_delay_reasons, heads, keys);
}

int cmd_settings(const struct cli_global *g, const struct cli_args *a)
{
	static const char *const heads[3] = { N_("KEY"), N_("VALUE"), N_("WHAT") };
	static const char *const keys[3] = { "key", "value", "description" };

	return named_cmd(g, a, store_settings, heads, keys);
}

int cmd_setting_set(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	enum st_status rc = store_setting_set(st, a->pos[0], a->pos[1], &err);

	store_close(&st);
	return rc == ST_OK ? WD_EXIT_OK : cli_fail(&err);
}

int cmd_apology(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	char *text = NULL, *safe;
	enum st_status rc = store_apology_text(st, a->pos[0], NULL, &text, &err);

	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	safe = text_sanitize(text, true);
	cli_printf("%s\n", safe);
	free(safe);
	free(text);
	return WD_EXIT_OK;
}
