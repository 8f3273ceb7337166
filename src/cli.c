/* cli.c - command dispatch and the helpers every command file shares. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

struct store *cli_connect(const struct cli_global *g)
{
	struct st_err err = { 0 };
	struct store *st = store_open(g->conninfo, &err);

	if (!st)
		exit(cli_fail(&err));
	return st;
}

int cli_fail(const struct st_err *err)
{
	cli_fprintf(stderr, "wardesk: %s\n", err->msg);
	switch (err->status) {
	case ST_OK: return WD_EXIT_OK;
	case ST_REFUSED: return WD_EXIT_REFUSED;
	case ST_BADINPUT: return WD_EXIT_USAGE;
	case ST_OFFLINE: return WD_EXIT_OFFLINE;
	}
	return WD_EXIT_REFUSED;
}

/* Commands may be one word ("take") or two ("db init"); `wardesk help`
 * lists them; `_complete` and `_man` are hidden helpers (cli_docs.c). */
int cli_main(const struct cli_global *g, int argc, char **argv)
{
	const struct cli_command *c;
	struct cli_args a;
	int used, rc;

	if (!strcmp(argv[0], "_complete"))
		return cli_complete(argc - 1, argv + 1, stdout);
	if (!strcmp(argv[0], "_man"))
		return cli_man(stdout);
	if (!(c = cli_lookup(argc, argv, &used))) {
		if (!strcmp(argv[0], "help")) {
			cli_usage(stdout);
			return WD_EXIT_OK;
		}
		if (cli_group_usage(argc, argv, stderr))
			return WD_EXIT_USAGE;
		cli_fprintf(stderr, _("wardesk: unknown command \"%s%s%s\" (try wardesk --help)\n"),
		            argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
		return WD_EXIT_USAGE;
	}
	rc = cli_parse(c, argc - used + 1, argv + used - 1, &a, stdout, stderr);
	if (rc == CLI_HELP)
		return WD_EXIT_OK;
	if (rc != CLI_OK)
		return rc;
	rc = c->run(g, &a);
	cli_args_free(&a);
	return rc;
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

/* With t->fit, the capped columns (the long texts) give up width, the last
 * one first, down to 8 columns each, until a line fits. */
static void table_fit(const struct cli_table *t, int *w)
{
	int total = 0;

	if (t->fit <= 0)
		return;
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c] + (c + 1 < t->ncols ? 2 : 0);
	for (size_t c = t->ncols; c-- > 0 && total > t->fit;) {
		int give = w[c] - 8;

		if (t->maxw[c] <= 0 || give <= 0)
			continue;
		if (give > total - t->fit)
			give = total - t->fit;
		w[c] -= give;
		total -= give;
	}
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
	table_fit(t, w);
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
		cli_fprintf(fp, "%s\n", line.s ? line.s : "");
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

/* ---- output for people: table, text, markdown, CSV, messages -------- */

static bool plain_text(const char *s)
{
	for (; *s; s++)
		if (((unsigned char)*s < 0x20 && *s != '\n') || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

void cli_vfprintf(FILE *fp, const char *fmt, va_list ap)
{
	char *buf = NULL, *safe;

	if (vasprintf(&buf, fmt, ap) < 0)
		die(EXIT_FAILURE, "out of memory");
	if (plain_text(buf)) {
		fputs(buf, fp);
	} else {
		safe = text_sanitize(buf, true);
		fputs(safe, fp);
		free(safe);
	}
	free(buf);
}

void cli_fprintf(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vfprintf(fp, fmt, ap);
	va_end(ap);
}

void cli_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_vfprintf(stdout, fmt, ap);
	va_end(ap);
}

void cli_csv_cell(FILE *fp, const char *s, bool last)
{
	char *safe = text_sanitize(s ? s : "", false);
	bool quote = strpbrk(safe, ",\"") != NULL;

	if (quote)
		fputc('"', fp);
	for (const char *p = safe; *p; p++) {
		if (*p == '"')
			fputc('"', fp);
		fputc(*p, fp);
	}
	if (quote)
		fputc('"', fp);
	fputc(last ? '\n' : ',', fp);
	free(safe);
}

/* ---- machine-readable output: TSV, JSON ------------------------------ */

void cli_tsv_cell(FILE *fp, const char *s, bool last)
{
	char *esc = text_escape_tsv(s ? s : "");

	fputs(esc, fp);
	fputc(last ? '\n' : '\t', fp);
	free(esc);
}

void cli_time_long(time_t t, char *out, size_t outsz)
{
	char iso[40];

	if (!t) {
		snprintf(out, outsz, "-");
		return;
	}
	time_iso(t, iso, sizeof iso);   /* 2026-11-23T07:42:10+07:00 */
	snprintf(out, outsz, "%.2s/%.2s/%.4s %.5s", iso + 8, iso + 5, iso, iso + 11);
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
	char *esc = text_escape_json(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
	                                                           JSON_C_TO_STRING_NOSLASHESCAPE));

	printf("%s\n", esc);
	free(esc);
	json_object_put(o);
}

void cli_label(FILE *fp, const char *label, int width)
{
	struct strbuf sb = { 0 };

	text_sb_pad(&sb, label, width, false);
	cli_fprintf(fp, "%s ", sb.s ? sb.s : "");
	sb_free(&sb);
}

/* ---- files ----------------------------------------------------------- */

/* The new file's mode: the old file's permissions when it exists, else
 * what open(2) would give (0666 less the umask). */
static mode_t final_mode(const char *path)
{
	struct stat sb;
	mode_t um;

	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return sb.st_mode & 07777;
	um = umask(0);
	umask(um);
	return 0666 & ~um;
}

int cli_write_file(const char *path, const char *data, size_t len)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, slash ? slash + 1 : path);
	int fd, saved, dfd;
	size_t off = 0;

	/* mkstemp: a name nobody could plant beforehand, O_CREAT|O_EXCL, 0600 */
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0)
		goto fail_nofd;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			goto fail;
		off += (size_t)w;
	}
	if (fchmod(fd, final_mode(path)) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	/* the rename itself survives a crash once the directory is synced */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
fail_nofd:
	saved = errno;
	free(tmp);
	free(dir);
	errno = saved;
	return -1;
}
