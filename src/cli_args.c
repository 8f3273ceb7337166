/* cli_args.c - the one argument parser of the command line: reads a
 * command's words against its row of cli_commands[] (cli.h) and fills a
 * struct cli_args; the accessors the commands read it with; the usage line
 * and --help generated from the row.
 *
 * Long options as --name VALUE or --name=VALUE (a unique prefix will do, as
 * with getopt_long), short ones as -x VALUE, -xVALUE or combined flags -xy;
 * options and positional words in any order; "--" ends the options; "-" and
 * words like "-5" are positional. */
#include "wardesk/wardesk.h"

#include <ctype.h>
#include <errno.h>

#include "wardesk/cli.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

/* ---- errors ---------------------------------------------------------- */

static void usage_verror(const struct cli_command *c, FILE *err, const char *fmt, va_list ap)
{
	char *usage = cli_usage_line(c);

	/* the words quoted back come from the command line: sanitised */
	fputs("wardesk: ", err);
	cli_vfprintf(err, fmt, ap);
	cli_fprintf(err, _("\nUsage: wardesk %s %s\n"), c->name, usage);
	cli_fprintf(err, _("Try 'wardesk %s --help' for more.\n"), c->name);
	free(usage);
}

static int WD_PRINTF(3, 4) perr(const struct cli_command *c, FILE *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_verror(c, err, fmt, ap);
	va_end(ap);
	return WD_EXIT_USAGE;
}

int cli_usage_error(const struct cli_command *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	usage_verror(c, stderr, fmt, ap);
	va_end(ap);
	return WD_EXIT_USAGE;
}

/* ---- the row --------------------------------------------------------- */

static size_t nopts(const struct cli_command *c)
{
	size_t n = 0;

	while (c->opts && c->opts[n].name)
		n++;
	return n;
}

static size_t npos_named(const struct cli_command *c)
{
	size_t n = 0;

	while (n < CLI_MAX_POS && c->pos[n].name)
		n++;
	return n;
}

/* Exact name, else a unique prefix (as getopt_long); -1: none, -2: ambiguous. */
static int find_long(const struct cli_command *c, const char *name, size_t len)
{
	int found = -1;

	for (size_t i = 0; i < nopts(c); i++) {
		const char *n = c->opts[i].name;

		if (strncmp(n, name, len))
			continue;
		if (n[len] == '\0')
			return (int)i;
		found = found == -1 ? (int)i : -2;
	}
	return found;
}

static int find_short(const struct cli_command *c, char ch)
{
	for (size_t i = 0; i < nopts(c); i++)
		if (c->opts[i].short_name && c->opts[i].short_name == ch)
			return (int)i;
	return -1;
}

static int index_of(const struct cli_args *a, const char *name)
{
	for (size_t i = 0; i < nopts(a->cmd); i++)
		if (!strcmp(a->cmd->opts[i].name, name))
			return (int)i;
	die(WD_EXIT_USAGE, "internal error: command \"%s\" has no option --%s", a->cmd->name, name);
}

/* Is word one of the choices "a|b|c"? */
static bool in_choices(const char *choices, const char *word)
{
	size_t len = strlen(word);

	for (const char *p = choices; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);

		if (n == len && !strncmp(p, word, n))
			return true;
		p = bar ? bar + 1 : NULL;
	}
	return false;
}

/* "table|tsv|json" -> "table, tsv or json" */
static char *choices_words(const char *choices)
{
	struct strbuf sb = { 0 };
	const char *last = strrchr(choices, '|');

	for (const char *p = choices; *p; p++) {
		if (*p != '|')
			sb_putc(&sb, *p);
		else if (p == last)
			sb_puts(&sb, _(" or "));
		else
			sb_puts(&sb, ", ");
	}
	return sb_steal(&sb);
}

/* ---- values ---------------------------------------------------------- */

/* The row's own message; it may name the option once with %s. */
static int bad_msg(const struct cli_command *c, const struct cli_opt *o, FILE *err)
{
	char name[64];

	snprintf(name, sizeof name, "--%s", o->name);
	return perr(c, err, _(o->bad), name);
}

static int bad_value(const struct cli_command *c, const struct cli_opt *o, FILE *err)
{
	char *w;
	int rc;

	if (o->bad)
		return bad_msg(c, o, err);
	switch (o->kind) {
	case CK_INT:
		return perr(c, err, _("--%s needs a whole number from %ld to %ld"), o->name, o->min,
		            o->max);
	case CK_TIME:
		return perr(c, err, _("--%s needs a time like 2026-11-23T07:42:10+07:00"), o->name);
	case CK_CHOICE:
	case CK_FORMAT:
		w = choices_words(o->choices);
		rc = perr(c, err, _("--%s must be %s"), o->name, w);
		free(w);
		return rc;
	default:
		return perr(c, err, _("bad value for --%s"), o->name);
	}
}

static int store_value(const struct cli_command *c, int i, const char *v, struct cli_args *a,
                       FILE *err)
{
	const struct cli_opt *o = &c->opts[i];
	char *end;

	a->set[i] = true;
	a->val[i] = v;
	if (!v)
		return 0;
	switch (o->kind) {
	case CK_INT:
		errno = 0;
		a->num[i] = strtol(v, &end, 10);
		if (errno || end == v || *end || a->num[i] < o->min || a->num[i] > o->max)
			return bad_value(c, o, err);
		break;
	case CK_TIME:
		if (time_parse(v, &a->when[i]) != 0)
			return bad_value(c, o, err);
		break;
	case CK_STRING:
		/* max: at most this many characters (the importer's limits) */
		if (o->max > 0 && text_length(v) > (size_t)o->max)
			return perr(c, err, _("--%s is too long (%zu characters, at most %ld)"), o->name,
			            text_length(v), o->max);
		break;
	case CK_CHOICE:
	case CK_FORMAT:
		if (!in_choices(o->choices, v))
			return bad_value(c, o, err);
		if (o->kind == CK_FORMAT)
			a->fmt = cli_parse_format(v);
		break;
	default:
		break;
	}
	if (o->flags & CO_LIST) {
		char *joined = a->owned[i] ? xasprintf("%s,%s", a->owned[i], v) : xstrdup(v);

		free(a->owned[i]);
		a->owned[i] = joined;
		a->val[i] = joined;
	}
	return 0;
}

/* --name, --name=value, --prefix: *i may advance past a separate value. */
static int long_option(const struct cli_command *c, int argc, char **argv, int *i,
                       struct cli_args *a, FILE *err)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	int k = find_long(c, name, len);
	const struct cli_opt *o;

	if (k == -2)
		return perr(c, err, _("option %s is ambiguous"), argv[*i]);
	if (k < 0)
		return perr(c, err, _("unknown option %s"), argv[*i]);
	o = &c->opts[k];
	if (o->kind == CK_FLAG) {
		if (eq)
			return perr(c, err, _("option --%s takes no value"), o->name);
		return store_value(c, k, "", a, err);
	}
	if (eq)
		return store_value(c, k, eq + 1, a, err);
	if (o->flags & CO_OPTARG)
		return store_value(c, k, NULL, a, err);
	if (*i + 1 >= argc)
		return perr(c, err, _("option --%s needs a value (%s)"), o->name,
		            o->arg ? o->arg : o->choices);
	return store_value(c, k, argv[++*i], a, err);
}

/* -x, -xy (flags), -xVALUE, -x VALUE. */
static int short_options(const struct cli_command *c, int argc, char **argv, int *i,
                         struct cli_args *a, FILE *err)
{
	for (const char *p = argv[*i] + 1; *p; p++) {
		int k = find_short(c, *p);
		const struct cli_opt *o;

		if (k < 0)
			return perr(c, err, _("unknown option -%c"), *p);
		o = &c->opts[k];
		if (o->kind == CK_FLAG || (o->flags & CO_OPTARG)) {
			if (store_value(c, k, o->kind == CK_FLAG ? "" : NULL, a, err))
				return WD_EXIT_USAGE;
			continue;
		}
		if (p[1])
			return store_value(c, k, p + 1, a, err);
		if (*i + 1 >= argc)
			return perr(c, err, _("option -%c needs a value (%s)"), *p,
			            o->arg ? o->arg : o->choices);
		return store_value(c, k, argv[++*i], a, err);
	}
	return 0;
}

static bool is_option(const char *s)
{
	return s[0] == '-' && s[1] != '\0' && !isdigit((unsigned char)s[1]);
}

static int check_counts(const struct cli_command *c, char **extra, int npos, struct cli_args *a,
                        FILE *err)
{
	size_t named = npos_named(c);

	if (npos > (int)named || npos < c->pos_min) {
		if (c->pos_error)
			return perr(c, err, "%s", _(c->pos_error));
		if (npos > (int)named)
			return perr(c, err, _("unexpected argument \"%s\""), extra[named]);
		return perr(c, err, _("%s is missing"), c->pos[npos].name);
	}
	for (size_t i = 0; i < nopts(c); i++) {
		const struct cli_opt *o = &c->opts[i];

		if ((o->flags & CO_REQUIRED) && !a->set[i]) {
			if (o->bad)
				return bad_msg(c, o, err);
			return perr(c, err, _("--%s %s is required"), o->name, o->arg ? o->arg : "");
		}
	}
	return 0;
}

int cli_parse(const struct cli_command *c, int argc, char **argv, struct cli_args *a, FILE *out,
              FILE *err)
{
	char **words = xcalloc((size_t)argc + 1, sizeof *words);
	bool only_pos = false;
	int npos = 0, rc = 0;

	memset(a, 0, sizeof *a);
	a->cmd = c;
	a->fmt = -1;
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			cli_help(c, out);
			free(words);
			return CLI_HELP;
		}
	}
	for (int i = 1; i < argc && !rc; i++) {
		if (only_pos || !is_option(argv[i]))
			words[npos++] = argv[i];
		else if (!strcmp(argv[i], "--"))
			only_pos = true;
		else if (argv[i][1] == '-')
			rc = long_option(c, argc, argv, &i, a, err);
		else
			rc = short_options(c, argc, argv, &i, a, err);
	}
	if (!rc)
		rc = check_counts(c, words, npos, a, err);
	for (int i = 0; i < npos && i < CLI_MAX_POS; i++)
		a->pos[i] = words[i];
	a->npos = npos < CLI_MAX_POS ? npos : CLI_MAX_POS;
	free(words);
	if (rc)
		cli_args_free(a);
	return rc ? WD_EXIT_USAGE : CLI_OK;
}

void cli_args_free(struct cli_args *a)
{
	for (size_t i = 0; i < CLI_MAX_OPTS; i++) {
		free(a->owned[i]);
		a->owned[i] = NULL;
	}
}

/* ---- accessors ------------------------------------------------------- */

bool cli_flag(const struct cli_args *a, const char *name)
{
	return a->set[index_of(a, name)];
}

const char *cli_str(const struct cli_args *a, const char *name)
{
	return a->val[index_of(a, name)];
}

long cli_int(const struct cli_args *a, const char *name, long dflt)
{
	int i = index_of(a, name);

	return a->set[i] ? a->num[i] : dflt;
}

time_t cli_time(const struct cli_args *a, const char *name)
{
	int i = index_of(a, name);

	return a->set[i] ? a->when[i] : 0;
}

int cli_fmt(const struct cli_args *a, int dflt)
{
	return a->fmt >= 0 ? a->fmt : dflt;
}

int cli_parse_format(const char *s)
{
	static const char *const names[] = { "table", "tsv", "json", "text", "markdown", "csv" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i]))
			return (int)i;
	return -1;
}

/* ---- usage and help -------------------------------------------------- */

static const char *opt_arg(const struct cli_opt *o)
{
	return o->arg ? o->arg : o->choices ? o->choices : "VALUE";
}

char *cli_usage_line(const struct cli_command *c)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < npos_named(c); i++)
		sb_printf(&sb, (int)i < c->pos_min ? "%s%s" : "%s[%s]", sb.len ? " " : "",
		          c->pos[i].name);
	for (size_t i = 0; i < nopts(c); i++) {
		const struct cli_opt *o = &c->opts[i];
		bool req = o->flags & CO_REQUIRED;

		sb_puts(&sb, sb.len ? " " : "");
		sb_puts(&sb, req ? "" : "[");
		if (o->kind == CK_FLAG)
			sb_printf(&sb, "--%s", o->name);
		else if (o->flags & CO_OPTARG)
			sb_printf(&sb, "--%s[=%s]", o->name, opt_arg(o));
		else
			sb_printf(&sb, "--%s %s%s", o->name, opt_arg(o), o->flags & CO_LIST ? ",..." : "");
		sb_puts(&sb, req ? "" : "]");
	}
	return sb.s ? sb_steal(&sb) : xstrdup("");
}

void cli_help(const struct cli_command *c, FILE *fp)
{
	char *usage = cli_usage_line(c);
	struct strbuf left = { 0 };

	cli_fprintf(fp, _("Usage: wardesk %s %s\n\n%s\n"), c->name, usage, _(c->help));
	free(usage);
	cli_fprintf(fp, "\n%s\n", _("Options:"));
	for (size_t i = 0; i <= nopts(c); i++) {
		bool help = i == nopts(c);
		/* no &c->opts[i] for a command without options (opts is NULL) */
		const struct cli_opt *o = help ? NULL : &c->opts[i];

		sb_reset(&left);
		if (help)
			sb_puts(&left, "-h, --help");
		else if (o->short_name)
			sb_printf(&left, "-%c, --%s", o->short_name, o->name);
		else
			sb_printf(&left, "    --%s", o->name);
		if (!help && o->kind != CK_FLAG)
			sb_printf(&left, (o->flags & CO_OPTARG) ? "[=%s]" : " %s", opt_arg(o));
		if (left.len > 26)
			cli_fprintf(fp, "  %s\n  %-26s ", left.s, "");
		else
			cli_fprintf(fp, "  %-26s ", left.s);
		cli_fprintf(fp, "%s", help ? _("show this help") : _(o->help));
		if (!help && o->kind == CK_STRING && o->max > 0)
			cli_fprintf(fp, _(" (at most %ld characters)"), o->max);
		/* "--channel C": the help says what C may be */
		if (!help && o->arg && o->choices)
			cli_fprintf(fp, ": %s", o->choices);
		fputs("\n", fp);
	}
	sb_free(&left);
}

void cli_usage(FILE *fp)
{
	cli_fprintf(fp, _("Commands:\n"));
	for (size_t i = 0; i < cli_commands_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		char *usage = cli_usage_line(c);
		char *left = xasprintf("%s %s", c->name, usage);

		cli_fprintf(fp, "  %-44s %s\n", left, _(c->help));
		free(left);
		free(usage);
	}
}

/* A command group's word alone ("setting", "db") or with a subcommand it
 * does not have: the usage of each of its commands, on fp; false when
 * argv[0] names no group. */
bool cli_group_usage(int argc, char **argv, FILE *fp)
{
	size_t len = strlen(argv[0]), n = 0;

	for (size_t i = 0; i < cli_commands_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		char *usage, *line;

		if (strncmp(c->name, argv[0], len) || c->name[len] != ' ')
			continue;
		if (!n++ && argc > 1)
			cli_fprintf(fp, _("wardesk: unknown command \"%s %s\"\n"), argv[0], argv[1]);
		else if (n == 1)
			cli_fprintf(fp, _("wardesk: \"%s\" needs one of its commands\n"), argv[0]);
		usage = cli_usage_line(c);
		line = *usage ? xasprintf("%s %s", c->name, usage) : xstrdup(c->name);
		cli_fprintf(fp, _("Usage: wardesk %s\n"), line);
		free(line);
		free(usage);
	}
	return n > 0;
}
