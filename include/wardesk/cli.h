/* cli.h - the command line: one table of commands, one argument parser,
 * shared helpers.
 *
 * Every command is a row of cli_commands[] (src/cli_table.c): its name, its
 * positional words, its options (struct cli_opt) and a one-line summary.
 * cli_main() finds the row, cli_parse() reads the words after the command
 * name against it (uniform errors, --help generated from the row) and fills
 * a struct cli_args that the command's run function reads with cli_str(),
 * cli_flag(), cli_int(), cli_time() and cli_fmt().  The same rows give the
 * usage lines, `wardesk help`, the COMMANDS synopses of wardesk(1) and the
 * bash completion (src/cli_args.c).
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

/* What an option's argument (or a positional word) is: checked by the
 * parser (INT, TIME, CHOICE, FORMAT) and offered by the completion (REF,
 * LOGIN, CATEGORY, DELAY, SETTING from the database; FILE; CHOICE, FORMAT). */
enum cli_kind {
	CK_FLAG,      /* option without an argument */
	CK_STRING,    /* free text */
	CK_INT,       /* whole number within [min, max] */
	CK_TIME,      /* ISO 8601 time (time_parse) */
	CK_CHOICE,    /* one of choices ("police|committee") */
	CK_FORMAT,    /* output format, one of choices; read with cli_fmt() */
	CK_REF,       /* a case reference */
	CK_LOGIN,     /* an officer's login */
	CK_FILE,      /* a file name, "-" for standard input/output */
	CK_CODE,      /* some other code (a ward's) */
	CK_CATEGORY,  /* a category code */
	CK_DELAY,     /* a delay reason code */
	CK_SETTING,   /* a desk setting's key */
};

enum {
	CO_REQUIRED = 1,   /* must be given */
	CO_OPTARG = 2,     /* argument optional, only as --name=VALUE */
	CO_LIST = 4,       /* may repeat; values joined with "," */
};

struct cli_opt {
	const char *name;         /* long name without "--" */
	char short_name;          /* -x, 0: none */
	enum cli_kind kind;
	const char *arg;          /* shown in usage: "VERSION"; NULL for flags */
	unsigned flags;           /* CO_* */
	long min, max;            /* CK_INT range; CK_STRING: max characters (0: any) */
	const char *choices;      /* CK_CHOICE, CK_FORMAT: "table|tsv|json" */
	const char *help;         /* msgid: one line for --help */
	const char *bad;          /* msgid: the error for a bad value (NULL: generic) */
};

struct cli_pos {
	const char *name;         /* "REF", "FILE|-" */
	enum cli_kind kind;
};

#define CLI_MAX_OPTS 12
#define CLI_MAX_POS 3

struct cli_args;
struct cli_command {
	const char *name;         /* "take", "db init", "officer add" */
	int (*run)(const struct cli_global *g, const struct cli_args *a);
	const char *help;         /* one line, msgid */
	const struct cli_opt *opts;   /* ends with { NULL }; NULL: none */
	struct cli_pos pos[CLI_MAX_POS];   /* named positional words, in order */
	int pos_min;              /* at least this many (at most: the named ones) */
	const char *pos_error;    /* msgid when the count is wrong (NULL: generic) */
};

/* What cli_parse() read: positional words and, per option of the row (in
 * row order), its value.  Strings point into argv or into owned[]. */
struct cli_args {
	const struct cli_command *cmd;
	int npos;
	const char *pos[CLI_MAX_POS];
	bool set[CLI_MAX_OPTS];
	const char *val[CLI_MAX_OPTS];    /* flags: "" when set; CO_OPTARG: NULL without =VALUE */
	long num[CLI_MAX_OPTS];           /* CK_INT */
	time_t when[CLI_MAX_OPTS];        /* CK_TIME */
	int fmt;                          /* CK_FORMAT given: FMT_*, else -1 */
	char *owned[CLI_MAX_OPTS];        /* CO_LIST joins */
};

extern const struct cli_command cli_commands[];
extern const size_t cli_commands_count;

/* The row for a command name ("handover ack"), NULL when there is none. */
const struct cli_command *cli_find(const char *name);
/* The row argv starts with (one word or two); *used: how many words. */
const struct cli_command *cli_lookup(int argc, char **argv, int *used);

/* Read argv (argv[0] is the command's last name word) against c.  Returns
 * CLI_OK, CLI_HELP after printing --help to out, or WD_EXIT_USAGE after
 * printing the error and the usage line to err.  Free with cli_args_free. */
enum { CLI_OK = 0, CLI_HELP = -1 };
int cli_parse(const struct cli_command *c, int argc, char **argv, struct cli_args *a, FILE *out,
              FILE *err);
void cli_args_free(struct cli_args *a);

/* Values by option name; naming an option the row does not have is a
 * programming error (abort). */
bool cli_flag(const struct cli_args *a, const char *name);
const char *cli_str(const struct cli_args *a, const char *name);   /* NULL: not given */
long cli_int(const struct cli_args *a, const char *name, long dflt);
time_t cli_time(const struct cli_args *a, const char *name);       /* 0: not given */
int cli_fmt(const struct cli_args *a, int dflt);

/* Usage line after "wardesk NAME " (caller frees), the --help text, the
 * command list of `wardesk --help`, the mdoc synopsis line of wardesk(1). */
char *cli_usage_line(const struct cli_command *c);
void cli_help(const struct cli_command *c, FILE *fp);
void cli_usage(FILE *fp);
/* "wardesk setting", "wardesk db frob": the usage of the group's commands
 * on fp; false when argv[0] is no group's word. */
bool cli_group_usage(int argc, char **argv, FILE *fp);
void cli_man_line(const struct cli_command *c, FILE *fp);

/* Dispatch argv (argv[0] is the first word of the command). */
int cli_main(const struct cli_global *g, int argc, char **argv);
/* Hidden helpers: `wardesk _complete WORD...` (tools/wardesk.bash-completion)
 * and `wardesk _man` (tools/man-cmds.sh). */
int cli_complete(int argc, char **argv, FILE *fp);
int cli_man(FILE *fp);

/* Helpers for command files. */
struct store *cli_connect(const struct cli_global *g);      /* exits 3 when unreachable */
int cli_fail(const struct st_err *err);                     /* prints, returns exit status */
int cli_usage_error(const struct cli_command *c, const char *fmt, ...) WD_PRINTF(2, 3);

enum cli_format { FMT_TABLE, FMT_TSV, FMT_JSON, FMT_TEXT, FMT_MARKDOWN, FMT_CSV };
int cli_parse_format(const char *s);                        /* -1: unknown */

/* A table printed with columns aligned by display width (text_fit); cells
 * are sanitised when printing.  The last column is not padded. */
struct cli_table {
	size_t ncols, nrows, cap;
	const char **head;
	char **cells;             /* nrows * ncols, owned */
	int *maxw;                /* per column cap on width, 0: none */
	int fit;                  /* > 0: the line's width; capped columns shrink to it */
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

/* "23/11/2026 07:42" (Asia/Ho_Chi_Minh), "-" for 0. */
void cli_time_long(time_t t, char *out, size_t outsz);

/* Output, one helper per format; every command prints through these.
 *
 * Text for people (table, text, markdown, CSV, messages on stderr):
 * cli_printf / cli_fprintf format, then pass the result through the display
 * sanitiser (text_sanitize, newlines kept): no control, bidi or other
 * hiding character reaches the terminal, whatever the arguments hold.
 * cli_csv_cell: one CSV cell, sanitised (one line), quoted when needed.
 *
 * Machine-readable: cli_tsv_cell writes one TSV cell with visible escapes
 * (text_escape_tsv: \\ \t \n \r \e \xHH \uXXXX), then a tab or, when last,
 * a newline; cli_print_json (above) escapes C1, DEL, bidi and format
 * characters as \uXXXX (text_escape_json). */
void cli_printf(const char *fmt, ...) WD_PRINTF(1, 2);
void cli_fprintf(FILE *fp, const char *fmt, ...) WD_PRINTF(2, 3);
void cli_vfprintf(FILE *fp, const char *fmt, va_list ap) WD_PRINTF(2, 0);
void cli_csv_cell(FILE *fp, const char *s, bool last);
void cli_tsv_cell(FILE *fp, const char *s, bool last);

/* Progress of a long import or export on stderr, only when stderr is a
 * terminal: "import: 1,500 of 5,000 (30%), 2,100/s, 2 s left", rewritten in
 * place at most 4 times a second, and its last state when it ends (a
 * newline).  Nothing at all when stderr is not a terminal, nor for fewer
 * than 1,000 items that took less than a quarter second.  cli_progress_step has the signature of
 * st_progress_fn (store_intake.h). */
struct cli_progress {
	const char *what;         /* "import", shown first */
	bool tty;
	bool shown;               /* a line is on the screen */
	double t0, last;          /* seconds, CLOCK_MONOTONIC */
	size_t done, total;
};
void cli_progress_start(struct cli_progress *p, const char *what);
void cli_progress_step(void *p, size_t done, size_t total);
void cli_progress_end(struct cli_progress *p);

/* Write a file by name safely: a new temporary file made with mkstemp in
 * the target's directory (O_EXCL, mode 0600, so a symlink or file planted
 * there is never followed or reused), written, given its final mode (the
 * replaced file's, else 0666 less the umask), fsynced, then renamed over
 * path.  Readers never see half a file.  0, or -1 with errno set (the
 * temporary file is removed). */
int cli_write_file(const char *path, const char *data, size_t len);

#endif
