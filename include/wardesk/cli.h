/* cli.h - the command line: one table of commands, shared helpers.
 *
 * Every command runs through the same store functions as the console.
 * Exit statuses: enum wd_exit (wardesk.h). */
#ifndef WARDESK_CLI_H
#define WARDESK_CLI_H

#include "wardesk/store.h"

struct cli_global {
	const char *conninfo;     /* -d */
	const char *theme, *config;
	long max_iterations;
};

struct cli_command {
	const char *name;         /* "take", "db init", "officer add" */
	int (*run)(const struct cli_global *g, int argc, char **argv);
	const char *usage;        /* "REF [--seen VERSION]" */
	const char *help;         /* one line, msgid */
};

extern const struct cli_command cli_commands[];
extern const size_t cli_commands_count;

/* Dispatch argv (argv[0] is the first word of the command). */
int cli_main(const struct cli_global *g, int argc, char **argv);
void cli_usage(FILE *fp);

/* Helpers for command files. */
struct store *cli_connect(const struct cli_global *g);      /* exits 3 when unreachable */
int cli_fail(const struct st_err *err);                     /* prints, returns exit status */
int cli_usage_error(const struct cli_command *c, const char *fmt, ...) WD_PRINTF(2, 3);
bool cli_want_help(const struct cli_command *c, int argc, char **argv);

enum cli_format { FMT_TABLE, FMT_TSV, FMT_JSON, FMT_TEXT, FMT_MARKDOWN };
int cli_parse_format(const char *s, unsigned allowed);      /* -1 when not allowed */
#define FMTS(...) cli_fmt_mask(__VA_ARGS__, -1)
unsigned cli_fmt_mask(int first, ...);
/* Arguments of a command whose only option is --format (one of allowed,
 * a mask of 1u << FMT_*) and that takes npos (0 or 1) positional words,
 * left at argv[optind].  Returns 0 to go on, -1 after printing --help, or
 * the exit status of a usage error (already reported). */
int cli_format_args(const struct cli_command *self, int argc, char **argv, unsigned allowed,
                    int npos, int *fmt);

/* A table printed with columns aligned by display width (text_fit); cells
 * are sanitised when printing.  The last column is not padded. */
struct cli_table {
	size_t ncols, nrows, cap;
	const char **head;
	char **cells;             /* nrows * ncols, owned */
	int *maxw;                /* per column cap on width, 0: none */
};
void cli_table_init(struct cli_table *t, size_t ncols, const char **head);
void cli_table_row(struct cli_table *t, ...);               /* ncols const char * (NULL ok) */
void cli_table_print(struct cli_table *t, FILE *fp);
void cli_table_free(struct cli_table *t);

/* JSON output (json-c): NULL string -> JSON null; time 0 -> null, else
 * ISO 8601 in Asia/Ho_Chi_Minh; print pretty, without escaping slashes, and
 * release the object. */
struct json_object;
struct json_object *cli_jstr(const char *s);
struct json_object *cli_jtime(time_t t);
void cli_print_json(struct json_object *o);

/* Print a label padded to width display columns and a space (labels are
 * translated, so printf's byte widths would misalign them). */
void cli_label(FILE *fp, const char *label, int width);

/* TSV cell: tab, newline, CR and backslash escaped as \t \n \r \\. */
void cli_tsv_cell(FILE *fp, const char *s, bool last);

#endif
