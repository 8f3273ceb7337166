/* cli_admin.c - db init, db demo, ward add, officers, officer add, officer
 * set (a mobile number for the chair's phone, store_phone.h). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/store_phone.h"
#include "wardesk/text.h"

int cmd_db_init(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st;
	int applied = 0, rc;

	st = cli_connect(g);
	if (store_db_init(st, &applied, &err) != ST_OK) {
		rc = cli_fail(&err);
	} else {
		if (applied)
			cli_printf(_("applied %d migration(s); the schema is up to date\n"), applied);
		else
			cli_printf(_("the schema is up to date; nothing to do\n"));
		rc = WD_EXIT_OK;
	}
	store_close(&st);
	return rc;
}

int cmd_db_demo(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st;
	int applied, rc;

	st = cli_connect(g);
	if (store_db_init(st, &applied, &err) != ST_OK || store_db_demo(st, &err) != ST_OK) {
		rc = cli_fail(&err);
	} else {
		cli_printf(_("demo ward ready\n"));
		rc = WD_EXIT_OK;
	}
	store_close(&st);
	return rc;
}

int cmd_ward_add(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int rc;

	rc = store_ward_add(st, a->pos[0], cli_str(a, "name"), &err) == ST_OK ? WD_EXIT_OK
	                                                                    : cli_fail(&err);
	store_close(&st);
	return rc;
}

int cmd_officer_add(const struct cli_global *g, const struct cli_args *a)
{
	const char *role_name = cli_str(a, "role");
	int role = role_name ? wd_role_parse(role_name) : WD_ROLE_OFFICER, rc;
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);

	rc = store_officer_add(st, a->pos[0], cli_str(a, "name"), (enum wd_role)role,
	                       cli_str(a, "ward"), cli_str(a, "mobile"), &err) == ST_OK
	         ? WD_EXIT_OK : cli_fail(&err);
	store_close(&st);
	return rc;
}

int cmd_officers(const struct cli_global *g, const struct cli_args *a)
{
	static const char *head[] = { N_("LOGIN"), N_("NAME"), N_("ROLE"), N_("WARD"), N_("OPEN") };
	int fmt = cli_fmt(a, FMT_TABLE);
	struct wd_officer_list l;
	struct st_err err = { 0 };
	struct store *st;

	st = cli_connect(g);
	if (store_officers(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_TSV) {
		fputs("login\tname\trole\tward\topen\n", stdout);
		for (size_t i = 0; i < l.n; i++) {
			char open[16];

			snprintf(open, sizeof open, "%d", l.v[i].open_cases);
			cli_tsv_cell(stdout, l.v[i].login, false);
			cli_tsv_cell(stdout, l.v[i].full_name, false);
			cli_tsv_cell(stdout, wd_role_name(l.v[i].role), false);
			cli_tsv_cell(stdout, l.v[i].ward_code, false);
			cli_tsv_cell(stdout, open, true);
		}
	} else if (fmt == FMT_JSON) {
		struct json_object *arr = json_object_new_array();

		for (size_t i = 0; i < l.n; i++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "login", json_object_new_string(l.v[i].login));
			json_object_object_add(o, "name", json_object_new_string(l.v[i].full_name));
			json_object_object_add(o, "role",
			                       json_object_new_string(wd_role_name(l.v[i].role)));
			json_object_object_add(o, "ward", cli_jstr(l.v[i].ward_code));
			json_object_object_add(o, "open", json_object_new_int(l.v[i].open_cases));
			json_object_object_add(o, "active", json_object_new_boolean(l.v[i].active));
			json_object_array_add(arr, o);
		}
		cli_print_json(arr);
	} else {
		struct cli_table t;

		cli_table_init(&t, ARRAY_SIZE(head), head);
		for (size_t i = 0; i < l.n; i++) {
			char open[16];

			snprintf(open, sizeof open, "%d", l.v[i].open_cases);
			cli_table_row(&t, l.v[i].login, l.v[i].full_name, wd_role_name(l.v[i].role),
			              l.v[i].ward_code, open);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_officer_list_free(&l);
	store_close(&st);
	return WD_EXIT_OK;
}

/* officer set LOGIN --mobile N | --no-mobile */
int cmd_officer_set(const struct cli_global *g, const struct cli_args *a)
{
	const char *mobile = cli_str(a, "mobile");
	bool clear = cli_flag(a, "no-mobile");
	char stored[32];
	struct st_err err = { 0 };
	struct store *st;
	int rc;

	if (!mobile == !clear)
		return cli_usage_error(a->cmd, "%s", _("give --mobile NUMBER or --no-mobile"));
	st = cli_connect(g);
	if (store_officer_mobile_set(st, a->pos[0], clear ? NULL : mobile, stored, sizeof stored,
	                             &err) != ST_OK) {
		rc = cli_fail(&err);
	} else {
		char *who = text_sanitize(a->pos[0], false);

		if (*stored)
			cli_printf(_("mobile of %s: %s\n"), who, stored);
		else
			cli_printf(_("mobile of %s: none\n"), who);
		free(who);
		rc = WD_EXIT_OK;
	}
	store_close(&st);
	return rc;
}
