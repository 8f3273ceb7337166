/* cli.c - command dispatch and the helpers every command file shares. */
#include "wardesk/wardesk.h"

#include <getopt.h>

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

struct store *cli_connect(const struct cli_global *g)
{
	struct st_err err = { 0 };
	struct store *st = store_open(g->conninfo, &err);

	if (!st) {
		fprintf(stderr, "wardesk: %s\n", err.msg);
		exit(WD_EXIT_OFFLINE);
	}
	return st;
}

int cli_fail(const struct st_err *err)
{
	char *safe = text_sanitize(err->msg, false);

	fprintf(stderr, "wardesk: %s\n", safe);
	free(safe);
	switch (err->status) {
	case ST_OK: return WD_EXIT_OK;
	case ST_REFUSED: return WD_EXIT_REFUSED;
	case ST_BADINPUT: return WD_EXIT_USAGE;
	case ST_OFFLINE: return WD_EXIT_OFFLINE;
	}
	return WD_EXIT_REFUSED;
}

int cli_usage_error(const struct cli_command *c, const char *fmt, ...)
{
	va_list ap;

	fputs("wardesk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\nUsage: wardesk %s %s\n"), c->name, c->usage);
	return WD_EXIT_USAGE;
}

bool cli_want_help(const struct cli_command *c, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf(_("Usage: wardesk %s %s\n\n%s\n"), c->name, c->usage, _(c->help));
			return true;
		}
	}
	return false;
}

int cli_parse_format(const char *s, unsigned allowed)
{
	static const char *const names[] = { "table", "tsv", "json", "text", "markdown" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(s, names[i]) && (allowed & (1u << i)))
			return (int)i;
	return -1;
}

unsigned cli_fmt_mask(int first, ...)
{
	va_list ap;
	unsigned m = 0;

	va_start(ap, first);
	for (int f = first; f >= 0; f = va_arg(ap, int))
		m |= 1u << f;
	va_end(ap);
	return m;
}

static const char *format_choices(unsigned allowed)
{
	if (allowed == FMTS(FMT_TABLE, FMT_TSV, FMT_JSON))
		return _("format must be table, tsv or json");
	if (allowed == FMTS(FMT_TABLE, FMT_JSON))
		return _("format must be table or json");
	if (allowed == FMTS(FMT_TEXT, FMT_JSON))
		return _("format must be text or json");
	return _("unknown format");
}

int cli_format_args(const struct cli_command *self, int argc, char **argv, unsigned allowed,
                    int npos, int *fmt)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	if (cli_want_help(self, argc, argv))
		return -1;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'f')
			return cli_usage_error(self, _("unknown option %s"), argv[optind - 1]);
		if ((*fmt = cli_parse_format(optarg, allowed)) < 0)
			return cli_usage_error(self, "%s", format_choices(allowed));
	}
	if (npos == 0 && optind != argc)
		return cli_usage_error(self, _("unexpected argument \"%s\""), argv[optind]);
	if (npos == 1 && optind + 1 != argc)
		return cli_usage_error(self, _("need one case reference"));
	return 0;
}

void cli_usage(FILE *fp)
{
	fprintf(fp, _("Commands:\n"));
	for (size_t i = 0; i < cli_commands_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		char *left = xasprintf("%s %s", c->name, c->usage);

		fprintf(fp, "  %-44s %s\n", left, _(c->help));
		free(left);
	}
}

/* Commands may be one word ("take") or two ("db init"). */
int cli_main(const struct cli_global *g, int argc, char **argv)
{
	for (size_t i = 0; i < cli_commands_count; i++) {
		const struct cli_command *c = &cli_commands[i];
		const char *space = strchr(c->name, ' ');

		if (!space) {
			if (!strcmp(argv[0], c->name))
				return c->run(g, argc, argv);
			continue;
		}
		if (strncmp(argv[0], c->name, (size_t)(space - c->name)) ||
		    argv[0][space - c->name] != '\0')
			continue;
		if (argc >= 2 && !strcmp(argv[1], space + 1))
			return c->run(g, argc - 1, argv + 1);
	}
	if (argc >= 1 && (!strcmp(argv[0], "help")))  {
		cli_usage(stdout);
		return WD_EXIT_OK;
	}
	{
		char *safe = text_sanitize(argv[0], false);

		fprintf(stderr, _("wardesk: unknown command \"%s%s%s\" (try wardesk --help)\n"), safe,
		        argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
		free(safe);
	}
	return WD_EXIT_USAGE;
}

/* ---- tables ---------------------------------------------------------- */

void cli_table_init(struct cli_table *t, size_t ncols, const char **head)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->head = head;
	t->maxw = xcalloc(ncols, sizeof *t->maxw);
}

void cli_table_row(struct cli_table *t, ...)
{
	va_list ap;

	if (t->nrows + 1 > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, t->cap * t->ncols, sizeof *t->cells);
	}
	va_start(ap, t);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = va_arg(ap, const char *);

		t->cells[t->nrows * t->ncols + c] = text_sanitize(s ? s : "", false);
	}
	va_end(ap);
	t->nrows++;
}

void cli_table_print(struct cli_table *t, FILE *fp)
{
	int *w = xcalloc(t->ncols, sizeof *w);

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = text_width(_(t->head[c]));
		for (size_t r = 0; r < t->nrows; r++) {
			int cw = text_width(t->cells[r * t->ncols + c]);

			if (cw > w[c])
				w[c] = cw;
		}
		if (t->maxw[c] > 0 && w[c] > t->maxw[c])
			w[c] = t->maxw[c];
	}
	for (size_t r = 0; r <= t->nrows; r++) {
		struct strbuf line = { 0 };

		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r == 0 ? _(t->head[c]) : t->cells[(r - 1) * t->ncols + c];
			bool last = c + 1 == t->ncols;
			char *cell = text_fit(s, w[c], !last, true);

			sb_puts(&line, cell);
			if (!last)
				sb_puts(&line, "  ");
			free(cell);
		}
		/* trailing blanks of a short last column are noise */
		while (line.len && line.s[line.len - 1] == ' ')
			line.s[--line.len] = '\0';
		fprintf(fp, "%s\n", line.s ? line.s : "");
		sb_free(&line);
	}
	free(w);
}

void cli_table_free(struct cli_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->maxw);
	memset(t, 0, sizeof *t);
}

void cli_tsv_cell(FILE *fp, const char *s, bool last)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '\t': fputs("\\t", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\r': fputs("\\r", fp); break;
		case '\\': fputs("\\\\", fp); break;
		default: fputc(*s, fp);
		}
	}
	fputc(last ? '\n' : '\t', fp);
}

/* ---- json ------------------------------------------------------------ */

struct json_object *cli_jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

struct json_object *cli_jtime(time_t t)
{
	char buf[40];

	if (!t)
		return NULL;
	time_iso(t, buf, sizeof buf);
	return json_object_new_string(buf);
}

void cli_print_json(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
	                                              JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

void cli_label(FILE *fp, const char *label, int width)
{
	struct strbuf sb = { 0 };

	text_sb_pad(&sb, label, width, false);
	fprintf(fp, "%s ", sb.s ? sb.s : "");
	sb_free(&sb);
}
