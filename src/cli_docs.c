/* cli_docs.c - what the command table tells other tools: the synopsis line
 * of each command in wardesk(1) (`wardesk _man`, spliced by
 * tools/man-cmds.sh) and the candidates for bash completion (`wardesk
 * _complete`, read by tools/wardesk.bash-completion). */
#include "wardesk/wardesk.h"

#include <ctype.h>

#include "wardesk/cli.h"

/* ---- wardesk(1) --------------------------------------------------------- */

/* "FILE|-" -> "Ar file Ns | Ns Cm -"; "S,..." -> "Ar s , Ns ..." */
static void mdoc_arg(struct strbuf *sb, const char *word)
{
	char *copy = xstrdup(word), *save = NULL, *dots = strstr(copy, ",...");
	bool first = true;

	if (dots)
		*dots = '\0';
	for (char *p = strtok_r(copy, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
		sb_puts(sb, first ? "" : " Ns | Ns ");
		first = false;
		if (!strcmp(p, "-")) {
			sb_puts(sb, "Cm -");
			continue;
		}
		sb_puts(sb, "Ar ");
		for (char *c = p; *c; c++)
			sb_putc(sb, (char)tolower((unsigned char)*c));
	}
	if (dots)
		sb_puts(sb, " , Ns ...");
	free(copy);
}

/* "table|tsv|json" -> "Cm table | tsv | json" */
static void mdoc_choices(struct strbuf *sb, const char *choices)
{
	sb_puts(sb, "Cm ");
	for (const char *p = choices; *p; p++)
		sb_puts(sb, *p == '|' ? " | " : (char[]){ *p, 0 });
}

static void mdoc_opt(struct strbuf *sb, const struct cli_opt *o)
{
	sb_printf(sb, "Fl -%s", o->name);
	if (o->kind == CK_FLAG)
		return;
	if (o->flags & CO_OPTARG) {
		sb_puts(sb, " Ns Oo = Ns ");
		mdoc_choices(sb, o->choices);
		sb_puts(sb, " Oc");
		return;
	}
	sb_putc(sb, ' ');
	if (o->arg)
		mdoc_arg(sb, o->arg);
	else
		mdoc_choices(sb, o->choices);
	if (o->flags & CO_LIST)
		sb_puts(sb, " , Ns ...");
}

/* Optional parts as "Oo ... Oc", the last as "Op ..." (it runs to the end). */
static void mdoc_part(struct strbuf *sb, const char *part, bool optional, bool last)
{
	if (!optional)
		sb_printf(sb, " %s", part);
	else if (last)
		sb_printf(sb, " Op %s", part);
	else
		sb_printf(sb, " Oo %s Oc", part);
}

void cli_man_line(const struct cli_command *c, FILE *fp)
{
	struct strbuf sb = { 0 }, part = { 0 };
	size_t npos = 0, nopt = 0;

	while (npos < CLI_MAX_POS && c->pos[npos].name)
		npos++;
	while (c->opts && c->opts[nopt].name)
		nopt++;
	sb_printf(&sb, ".It Cm %s", c->name);
	for (size_t i = 0; i < npos + nopt; i++) {
		bool last = i + 1 == npos + nopt, optional;

		sb_reset(&part);
		if (i < npos) {
			mdoc_arg(&part, c->pos[i].name);
			optional = (int)i >= c->pos_min;
		} else {
			mdoc_opt(&part, &c->opts[i - npos]);
			optional = !(c->opts[i - npos].flags & CO_REQUIRED);
		}
		mdoc_part(&sb, part.s, optional, last);
	}
	fprintf(fp, "%s\n", sb.s);
	sb_free(&sb);
	sb_free(&part);
}

int cli_man(FILE *fp)
{
	for (size_t i = 0; i < cli_commands_count; i++)
		cli_man_line(&cli_commands[i], fp);
	return WD_EXIT_OK;
}

/* ---- bash completion ---------------------------------------------------- */

/* Candidates for a value of this kind: words, or a line the completion
 * script turns into a lookup (":ref" case references, ":login" logins,
 * ":category", ":delay-reason", ":setting" codes from the database, ":file"
 * file names). */
static void complete_kind(enum cli_kind kind, const char *choices, FILE *fp)
{
	static const char *const lookup[] = {
		[CK_REF] = "ref", [CK_LOGIN] = "login", [CK_FILE] = "file",
		[CK_CATEGORY] = "category", [CK_DELAY] = "delay-reason", [CK_SETTING] = "setting",
	};

	switch (kind) {
	case CK_CHOICE:
	case CK_FORMAT:
		for (const char *p = choices; *p; p++)
			fputc(*p == '|' ? '\n' : *p, fp);
		fputc('\n', fp);
		break;
	default:
		if ((size_t)kind < ARRAY_SIZE(lookup) && lookup[kind])
			fprintf(fp, ":%s\n", lookup[kind]);
		break;
	}
}

static const struct cli_opt *opt_named(const struct cli_command *c, const char *name, size_t len)
{
	const struct cli_opt *found = NULL;

	for (size_t i = 0; c->opts && c->opts[i].name; i++) {
		if (strncmp(c->opts[i].name, name, len))
			continue;
		if (!c->opts[i].name[len])
			return &c->opts[i];
		found = found ? NULL : &c->opts[i];
	}
	return found;
}

static bool takes_value(const struct cli_opt *o)
{
	return o && o->kind != CK_FLAG && !(o->flags & CO_OPTARG);
}

/* The option whose value the next word is, after word w (NULL: none). */
static const struct cli_opt *wants_value(const struct cli_command *c, const char *w)
{
	if (w[0] != '-' || !w[1] || isdigit((unsigned char)w[1]) || !strcmp(w, "--"))
		return NULL;
	if (w[1] == '-') {
		const struct cli_opt *o = strchr(w, '=') ? NULL : opt_named(c, w + 2, strlen(w + 2));

		return takes_value(o) ? o : NULL;
	}
	for (const char *p = w + 1; *p; p++) {
		for (size_t i = 0; c->opts && c->opts[i].name; i++) {
			if (c->opts[i].short_name == *p && takes_value(&c->opts[i]))
				return p[1] ? NULL : &c->opts[i];
		}
	}
	return NULL;
}

/* Words after the command's name (words[0..n-1]), then the current one. */
static void complete_args(const struct cli_command *c, int n, char **words, const char *cur,
                          FILE *fp)
{
	bool only_pos = false;
	int pos = 0;

	for (int j = 0; j < n; j++) {
		const struct cli_opt *o = only_pos ? NULL : wants_value(c, words[j]);

		if (o && j + 1 == n) {
			complete_kind(o->kind, o->choices, fp);
			return;
		}
		if (o)
			j++;
		else if (!only_pos && !strcmp(words[j], "--"))
			only_pos = true;
		else if (only_pos || words[j][0] != '-' || !words[j][1])
			pos++;
	}
	if (!only_pos && cur[0] == '-') {
		for (size_t i = 0; c->opts && c->opts[i].name; i++)
			fprintf(fp, "--%s\n", c->opts[i].name);
		fputs("--help\n", fp);
	} else if (pos < CLI_MAX_POS && c->pos[pos].name) {
		complete_kind(c->pos[pos].kind, NULL, fp);
	}
}

static void complete_command(const char *first, bool second, FILE *fp)
{
	for (size_t i = 0; i < cli_commands_count; i++) {
		const char *name = cli_commands[i].name, *space = strchr(name, ' ');
		size_t len = space ? (size_t)(space - name) : strlen(name);

		if (second) {
			if (space && strlen(first) == len && !strncmp(name, first, len))
				fprintf(fp, "%s\n", space + 1);
			continue;
		}
		/* a first word once (db init, db demo) */
		if (i && !strncmp(cli_commands[i - 1].name, name, len) &&
		    (cli_commands[i - 1].name[len] == ' ' || !cli_commands[i - 1].name[len]))
			continue;
		fprintf(fp, "%.*s\n", (int)len, name);
	}
	if (!second)
		fputs("help\n", fp);
}

/* `wardesk _complete WORD... CUR`: the words after `wardesk`, the last one
 * being completed.  Prints one candidate a line. */
int cli_complete(int argc, char **argv, FILE *fp)
{
	static const char *const global_val[] = { "-d", "--dbname", "--theme", "--config",
	                                          "--max-iterations" };
	const char *cur = argc > 0 ? argv[argc - 1] : "";
	int n = argc > 0 ? argc - 1 : 0, i = 0, used;
	const struct cli_command *c;

	while (i < n && argv[i][0] == '-') {
		bool val = false;

		for (size_t k = 0; k < ARRAY_SIZE(global_val); k++)
			val |= !strcmp(argv[i], global_val[k]);
		if (val && i + 1 == n) {
			if (!strcmp(argv[i], "--config"))
				complete_kind(CK_FILE, NULL, fp);
			return WD_EXIT_OK;
		}
		i += val ? 2 : 1;
	}
	if (i >= n) {
		if (cur[0] == '-')
			fputs("-d\n--dbname\n--theme\n--config\n--check-config\n--help\n--version\n", fp);
		else
			complete_command(NULL, false, fp);
		return WD_EXIT_OK;
	}
	if (i + 1 == n && cur[0] != '-')
		complete_command(argv[i], true, fp);
	if (!(c = cli_lookup(n - i, argv + i, &used)))
		return WD_EXIT_OK;
	if (used == 1 && i + 1 == n && cur[0] != '-' && strchr(c->name, ' '))
		return WD_EXIT_OK;
	complete_args(c, n - i - used, argv + i + used, cur, fp);
	return WD_EXIT_OK;
}
