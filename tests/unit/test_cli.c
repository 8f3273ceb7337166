/* test_cli.c - the command line without a terminal or a database: the one
 * argument parser (src/cli_args.c) on a test row and on the real table,
 * table lookups, generated help, usage, man synopses and completion. */
#include "wardesk/wardesk.h"

#include "wardesk/cli.h"

#include "unit.h"

static int run_nothing(const struct cli_global *g, const struct cli_args *a)
{
	(void)g;
	(void)a;
	return 0;
}

static const struct cli_opt t_opts[] = {
	{ .name = "note", .short_name = 'n', .kind = CK_STRING, .arg = "TEXT", .help = "a note" },
	{ .name = "mine", .short_name = 'm', .kind = CK_FLAG, .help = "mine only" },
	{ .name = "quiet", .short_name = 'q', .kind = CK_FLAG, .help = "say less" },
	{ .name = "limit", .kind = CK_INT, .arg = "N", .min = 1, .max = 100, .help = "at most N" },
	{ .name = "since", .kind = CK_TIME, .arg = "TIME", .help = "from" },
	{ .name = "line", .kind = CK_CHOICE, .choices = "police|committee", .help = "which line" },
	{ .name = "format", .kind = CK_FORMAT, .choices = "table|json", .help = "output format" },
	{ .name = "exclude", .kind = CK_REF, .arg = "REF", .flags = CO_LIST, .help = "kept" },
	{ .name = "notify", .kind = CK_CHOICE, .choices = "mine|all", .flags = CO_OPTARG,
	  .help = "notifications" },
	{ .name = "to", .kind = CK_LOGIN, .arg = "LOGIN", .flags = CO_REQUIRED, .help = "to whom" },
	{ .name = "mind", .kind = CK_FLAG, .help = "shares a prefix with mine" },
	{ 0 },
};

static const struct cli_command t_cmd = {
	.name = "test", .run = run_nothing, .help = "A test command", .opts = t_opts,
	.pos = { { "REF", CK_REF }, { "LOGIN", CK_LOGIN } }, .pos_min = 1,
};

/* Parse "test ARGS..." (NULL-terminated); err gets the error text. */
static int parse(struct cli_args *a, char *err, size_t errsz, ...)
{
	char *argv[32] = { "test" };
	int argc = 1, rc;
	va_list ap;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	va_start(ap, errsz);
	for (char *s; argc < 31 && (s = va_arg(ap, char *)) != NULL;)
		argv[argc++] = s;
	va_end(ap);
	rc = cli_parse(&t_cmd, argc, argv, a, fp, fp);
	fclose(fp);
	snprintf(err, errsz, "%s", buf ? buf : "");
	free(buf);
	return rc;
}

static void test_parse_options(void)
{
	struct cli_args a;
	char err[1024];

	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--note", "rác", NULL), CLI_OK);
	CHECK_INT(a.npos, 1);
	CHECK_STR(a.pos[0], "BT-1");
	CHECK_STR(cli_str(&a, "to"), "an");
	CHECK_STR(cli_str(&a, "note"), "rác");
	CHECK(!cli_flag(&a, "mine"));
	CHECK(cli_str(&a, "line") == NULL);
	CHECK_INT(cli_int(&a, "limit", 42), 42);
	CHECK_INT(cli_fmt(&a, FMT_TABLE), FMT_TABLE);
	cli_args_free(&a);

	/* --name=value, options before and after the positional words */
	CHECK_INT(parse(&a, err, sizeof err, "--to=binh", "BT-2", "cuong", "--limit=7", NULL), CLI_OK);
	CHECK_INT(a.npos, 2);
	CHECK_STR(a.pos[1], "cuong");
	CHECK_STR(cli_str(&a, "to"), "binh");
	CHECK_INT(cli_int(&a, "limit", 0), 7);
	cli_args_free(&a);

	/* a unique prefix as getopt_long; an ambiguous one is an error */
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--lim", "3", "--qui", NULL), CLI_OK);
	CHECK_INT(cli_int(&a, "limit", 0), 3);
	CHECK(cli_flag(&a, "quiet"));
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--min", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "ambiguous") != NULL);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--mine", NULL), CLI_OK);
	CHECK(cli_flag(&a, "mine") && !cli_flag(&a, "mind"));
	cli_args_free(&a);
}

static void test_parse_short(void)
{
	struct cli_args a;
	char err[1024];

	/* combined short flags, a short option's value attached or apart */
	CHECK_INT(parse(&a, err, sizeof err, "-mq", "BT-1", "--to", "an", "-nfoo", NULL), CLI_OK);
	CHECK(cli_flag(&a, "mine") && cli_flag(&a, "quiet"));
	CHECK_STR(cli_str(&a, "note"), "foo");
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "-mn", "bar", "BT-1", "--to", "an", NULL), CLI_OK);
	CHECK(cli_flag(&a, "mine"));
	CHECK_STR(cli_str(&a, "note"), "bar");
	CHECK_STR(a.pos[0], "BT-1");
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "-x", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "unknown option -x") != NULL);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "-n", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "needs a value") != NULL);
}

static void test_parse_positional(void)
{
	struct cli_args a;
	char err[1024];

	/* "--" ends the options; "-" and "-5" are words */
	CHECK_INT(parse(&a, err, sizeof err, "--to", "an", "--", "--mine", NULL), CLI_OK);
	CHECK_STR(a.pos[0], "--mine");
	CHECK(!cli_flag(&a, "mine"));
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "--to", "an", "-", "-5", NULL), CLI_OK);
	CHECK_INT(a.npos, 2);
	CHECK_STR(a.pos[0], "-");
	CHECK_STR(a.pos[1], "-5");
	cli_args_free(&a);
	/* -h after -- is a word, not --help */
	CHECK_INT(parse(&a, err, sizeof err, "--to", "an", "--", "-h", NULL), CLI_OK);
	CHECK_STR(a.pos[0], "-h");
	cli_args_free(&a);
	/* too many, too few */
	CHECK_INT(parse(&a, err, sizeof err, "--to", "an", "a", "b", "c", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "unexpected argument \"c\"") != NULL);
	CHECK_INT(parse(&a, err, sizeof err, "--to", "an", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "REF is missing") != NULL);
	/* a required option */
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "--to LOGIN is required") != NULL);
}

static void test_parse_values(void)
{
	struct cli_args a;
	char err[1024];

	/* int ranges */
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--limit", "100", NULL), CLI_OK);
	CHECK_INT(cli_int(&a, "limit", 0), 100);
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--limit", "101", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "--limit needs a whole number from 1 to 100") != NULL);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--limit", "0", NULL), WD_EXIT_USAGE);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--limit", "7x", NULL), WD_EXIT_USAGE);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--limit", "", NULL), WD_EXIT_USAGE);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--limit", "99999999999999999999",
	                NULL), WD_EXIT_USAGE);
	/* times */
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--since",
	                "2026-11-23T07:42:10+07:00", NULL), CLI_OK);
	CHECK_INT((long long)cli_time(&a, "since"), 1795394530LL);
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--since", "hôm qua", NULL),
	          WD_EXIT_USAGE);
	CHECK(strstr(err, "--since needs a time") != NULL);
	/* choices, formats */
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--line", "police", "--format",
	                "json", NULL), CLI_OK);
	CHECK_STR(cli_str(&a, "line"), "police");
	CHECK_INT(cli_fmt(&a, FMT_TABLE), FMT_JSON);
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--line", "fire", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "--line must be police or committee") != NULL);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--format", "tsv", NULL), WD_EXIT_USAGE);
	/* a list option repeats; an optional value only with = */
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--exclude", "BT-2", "--exclude",
	                "BT-3,BT-4", "--notify", NULL), CLI_OK);
	CHECK_STR(cli_str(&a, "exclude"), "BT-2,BT-3,BT-4");
	CHECK(cli_flag(&a, "notify") && cli_str(&a, "notify") == NULL);
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--notify=all", NULL), CLI_OK);
	CHECK_STR(cli_str(&a, "notify"), "all");
	cli_args_free(&a);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--notify=some", NULL), WD_EXIT_USAGE);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", "an", "--mine=yes", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "takes no value") != NULL);
}

static void test_errors_name_the_command(void)
{
	struct cli_args a;
	char err[1024];

	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--bogus", NULL), WD_EXIT_USAGE);
	CHECK(!strncmp(err, "wardesk: unknown option --bogus\n", 32));
	CHECK(strstr(err, "\nUsage: wardesk test REF [LOGIN] ") != NULL);
	CHECK(strstr(err, "wardesk test --help") != NULL);
	CHECK_INT(parse(&a, err, sizeof err, "BT-1", "--to", NULL), WD_EXIT_USAGE);
	CHECK(strstr(err, "option --to needs a value (LOGIN)") != NULL);
}

static void test_help(void)
{
	struct cli_args a;
	char out[4096];
	char *usage = cli_usage_line(&t_cmd);

	CHECK_STR(usage, "REF [LOGIN] [--note TEXT] [--mine] [--quiet] [--limit N] [--since TIME] "
	                 "[--line police|committee] [--format table|json] [--exclude REF,...] "
	                 "[--notify[=mine|all]] --to LOGIN [--mind]");
	free(usage);
	/* --help (or -h) anywhere before "--" wins over errors */
	CHECK_INT(parse(&a, out, sizeof out, "--bogus", "--help", NULL), CLI_HELP);
	CHECK(!strncmp(out, "Usage: wardesk test REF [LOGIN] ", 32));
	CHECK(strstr(out, "\n\nA test command\n") != NULL);
	CHECK(strstr(out, "\n  -n, --note TEXT            a note\n") != NULL);
	CHECK(strstr(out, "\n      --limit N              at most N\n") != NULL);
	CHECK(strstr(out, "\n      --notify[=mine|all]    notifications\n") != NULL);
	CHECK(strstr(out, "\n  -h, --help                 show this help\n") != NULL);
	CHECK_INT(parse(&a, out, sizeof out, "-h", NULL), CLI_HELP);
}

/* ---- the real table ---------------------------------------------------- */

static void test_table_lookup(void)
{
	char *take[] = { "take", "BT-1" }, *ack[] = { "handover", "ack", "3" };
	char *ho[] = { "handover", "--id", "3" }, *db[] = { "db" }, *typo[] = { "tkae", "BT-1" };
	int used = 0;

	CHECK(cli_find("take") != NULL);
	CHECK_STR(cli_find("handover ack")->name, "handover ack");
	CHECK(cli_find("tkae") == NULL);             /* an error, not abort() */
	CHECK(cli_find("") == NULL);
	CHECK_STR(cli_lookup(2, take, &used)->name, "take");
	CHECK_INT(used, 1);
	CHECK_STR(cli_lookup(3, ack, &used)->name, "handover ack");
	CHECK_INT(used, 2);
	CHECK_STR(cli_lookup(3, ho, &used)->name, "handover");
	CHECK_INT(used, 1);
	CHECK(cli_lookup(1, db, &used) == NULL);
	CHECK(cli_lookup(2, typo, &used) == NULL);
}

/* Every row is well formed: limits, unique option names, ranges, choices. */
static void test_table_rows(void)
{
	for (size_t i = 0; i < cli_commands_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		size_t n = 0, np = 0;
		bool ok = c->run && c->help && *c->help;

		for (; c->opts && c->opts[n].name; n++) {
			const struct cli_opt *o = &c->opts[n];

			ok &= o->help != NULL;
			ok &= o->kind != CK_INT || o->min <= o->max;
			ok &= (o->kind != CK_CHOICE && o->kind != CK_FORMAT) || o->choices;
			ok &= o->kind == CK_FLAG || o->arg || o->choices;
			for (size_t k = 0; k < n; k++)
				ok &= strcmp(c->opts[k].name, o->name) != 0;
		}
		while (np < CLI_MAX_POS && c->pos[np].name)
			np++;
		ok &= n <= CLI_MAX_OPTS && c->pos_min <= (int)np;
		ok &= cli_find(c->name) == c;
		unit_result(ok, c->name, __FILE__, __LINE__, "a malformed row");
	}
}

static char *capture(void (*fn)(const struct cli_command *, FILE *), const struct cli_command *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	fn(c, fp);
	fclose(fp);
	return buf;
}

static void test_table_docs(void)
{
	char *s = cli_usage_line(cli_find("take"));

	CHECK_STR(s, "REF [--seen VERSION]");
	free(s);
	s = cli_usage_line(cli_find("export"));
	CHECK_STR(s, "[FILE|-] [--since TIME]");
	free(s);
	s = capture(cli_man_line, cli_find("take"));
	CHECK_STR(s, ".It Cm take Ar ref Op Fl -seen Ar version\n");
	free(s);
	s = capture(cli_man_line, cli_find("import"));
	CHECK_STR(s, ".It Cm import Ar file Ns | Ns Cm - Op Fl -dry-run\n");
	free(s);
	s = capture(cli_man_line, cli_find("ls"));
	CHECK_STR(s, ".It Cm ls Oo Fl -state Ar s , Ns ... Oc Oo Fl -mine Oc "
	             "Oo Fl -limit Ar n Oc Op Fl -format Cm table | tsv | json\n");
	free(s);
	for (size_t i = 0; i < cli_commands_count; i++) {
		char *h = capture(cli_help, &cli_commands[i]), *want;

		want = xasprintf("Usage: wardesk %s ", cli_commands[i].name);
		unit_result(!strncmp(h, want, strlen(want)) && strstr(h, "--help") != NULL,
		            cli_commands[i].name, __FILE__, __LINE__, "help without its usage line");
		free(want);
		free(h);
	}
}

/* The real "take": --seen is an int 1..2000000000 with its own message. */
static void test_real_rows(void)
{
	char *argv[] = { "take", "BT-1", "--seen", "0", NULL };
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct cli_args a;

	CHECK_INT(cli_parse(cli_find("take"), 4, argv, &a, fp, fp), WD_EXIT_USAGE);
	fclose(fp);
	CHECK(strstr(buf, "wardesk: --seen needs a version number\n") != NULL);
	free(buf);
	argv[3] = "12";
	CHECK_INT(cli_parse(cli_find("take"), 4, argv, &a, stdout, stdout), CLI_OK);
	CHECK_INT(cli_int(&a, "seen", 0), 12);
	cli_args_free(&a);
}

static char *complete(int argc, char **argv)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	cli_complete(argc, argv, fp);
	fclose(fp);
	return buf;
}

static void test_complete(void)
{
	char *w1[] = { "" }, *w2[] = { "handover", "" }, *w3[] = { "close", "--" };
	char *w4[] = { "stats", "--format", "" }, *w5[] = { "assign", "BT-1", "" };
	char *w6[] = { "close", "--note", "" }, *w7[] = { "-d", "x", "take", "" };
	char *s;

	s = complete(1, w1);
	CHECK(!strncmp(s, "db\n", 3) && strstr(s, "\ntake\n") && !strstr(s, "db init"));
	free(s);
	s = complete(2, w2);
	CHECK_STR(s, "create\nack\ncancel\n");
	free(s);
	s = complete(2, w3);
	CHECK(!strncmp(s, "--note\n--reason\n", 16) && strstr(s, "--help\n"));
	free(s);
	s = complete(3, w4);
	CHECK_STR(s, "table\ncsv\njson\n");
	free(s);
	s = complete(3, w5);
	CHECK_STR(s, ":login\n");
	free(s);
	s = complete(3, w6);
	CHECK_STR(s, "");
	free(s);
	s = complete(4, w7);
	CHECK_STR(s, ":ref\n");
	free(s);
}

int main(void)
{
	setenv("TZ", "Asia/Ho_Chi_Minh", 1);
	tzset();
	RUN(test_parse_options);
	RUN(test_parse_short);
	RUN(test_parse_positional);
	RUN(test_parse_values);
	RUN(test_errors_name_the_command);
	RUN(test_help);
	RUN(test_table_lookup);
	RUN(test_table_rows);
	RUN(test_table_docs);
	RUN(test_real_rows);
	RUN(test_complete);
	return unit_done();
}
