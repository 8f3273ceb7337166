/* cli_admin.c - db init, db demo, ward add, officers, officer add. */
#include "wardesk/wardesk.h"

#include <getopt.h>
#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"

int cmd_db_init(const struct cli_global *g, int argc, char **argv)
{
	const struct cli_command *self = cli_find("db init");
	struct st_err err = { 0 };
	struct store *st;
	int applied = 0, rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	if (argc > 1)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[1]);
	st = cli_connect(g);
	if (store_db_init(st, &applied, &err) != ST_OK) {
		rc = cli_fail(&err);
	} else {
		if (applied)
			printf(_("applied %d migration(s); the schema is up to date\n"), applied);
		else
			printf(_("the schema is up to date; nothing to do\n"));
		rc = WD_EXIT_OK;
	}
	store_close(&st);
	return rc;
}

int cmd_db_demo(const struct cli_global *g, int argc, char **argv)
{
	const struct cli_command *self = cli_find("db demo");
	struct st_err err = { 0 };
	struct store *st;
	int applied, rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	if (argc > 1)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[1]);
	st = cli_connect(g);
	if (store_db_init(st, &applied, &err) != ST_OK || store_db_demo(st, &err) != ST_OK) {
		rc = cli_fail(&err);
	} else {
		printf(_("demo ward ready\n"));
		rc = WD_EXIT_OK;
	}
	store_close(&st);
	return rc;
}

int cmd_ward_add(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("ward add");
	const char *name = NULL;
	struct st_err err = { 0 };
	struct store *st;
	int c, rc;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'n')
			name = optarg;
		else
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
	}
	if (optind + 1 != argc || !name)
		return cli_usage_error(self, _("need a ward code and --name"));
	st = cli_connect(g);
	rc = store_ward_add(st, argv[optind], name, &err) == ST_OK ? WD_EXIT_OK : cli_fail(&err);
	store_close(&st);
	return rc;
}

int cmd_officer_add(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "ward", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 },
	};
	const struct cli_command *self = cli_find("officer add");
	const char *name = NULL, *ward = NULL;
	int role = WD_ROLE_OFFICER, c, rc;
	struct st_err err = { 0 };
	struct store *st;

	if (cli_want_help(self, argc, argv))
		return WD_EXIT_OK;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'w': ward = optarg; break;
		case 'r':
			if ((role = wd_role_parse(optarg)) < 0)
				return cli_usage_error(self, _("role must be hotline, officer or chair"));
			break;
		default:
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		}
	}
	if (optind + 1 != argc || !name)
		return cli_usage_error(self, _("need a login and --name"));
	st = cli_connect(g);
	rc = store_officer_add(st, argv[optind], name, (enum wd_role)role, ward, &err) == ST_OK
	         ? WD_EXIT_OK : cli_fail(&err);
	store_close(&st);
	return rc;
}

int cmd_officers(const struct cli_global *g, int argc, char **argv)
{
	static const char *head[] = { N_("LOGIN"), N_("NAME"), N_("ROLE"), N_("WARD"), N_("OPEN") };
	const struct cli_command *self = cli_find("officers");
	int fmt = FMT_TABLE, r;
	struct wd_officer_list l;
	struct st_err err = { 0 };
	struct store *st;

	if ((r = cli_format_args(self, argc, argv, FMTS(FMT_TABLE, FMT_TSV, FMT_JSON), 0, &fmt)))
		return r < 0 ? WD_EXIT_OK : r;
	st = cli_connect(g);
	if (store_officers(st, &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (fmt == FMT_TSV) {
		printf("login\tname\trole\tward\topen\n");
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
