/* config_file.c - the config file syntax shared by the config (config.c)
 * and the themes (theme.c): splitting a line into words, the error list,
 * where the files are.  Knows no command: config.c runs set / bind / color /
 * source, theme.c its color lines. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <pwd.h>
#include <unistd.h>

#include "wardesk/config_file.h"

static char **errors;
static size_t nerrors, errors_cap;

/* ---- errors ------------------------------------------------------------ */

void
config_error_add(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);

	if (nerrors == errors_cap) {
		errors_cap = errors_cap ? errors_cap * 2 : 8;
		errors = xreallocarray(errors, errors_cap, sizeof *errors);
	}
	errors[nerrors++] = xstrdup(msg);
}

size_t
config_error_count(void)
{
	return nerrors;
}

const char *
config_error(size_t i)
{
	return i < nerrors ? errors[i] : NULL;
}

void
config_errors_clear(void)
{
	for (size_t i = 0; i < nerrors; i++)
		free(errors[i]);
	free(errors);
	errors = NULL;
	nerrors = errors_cap = 0;
}

/* ---- words ------------------------------------------------------------- */

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

/* Split line into words: blanks separate, '#' as the first word or as a
 * word of its own starts a comment, "double quotes" group blanks and '#' (inside them \" and \\
 * stand for " and \).  *words gets a NULL-terminated array (free with
 * config_words_free) even when the count is 0.  Returns the count, or -1
 * with a reason in err (and *words NULL). */
int
config_split(const char *line, char ***words, char *err, size_t errsz)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *p = line;

	*words = NULL;
	for (;;) {
		struct strbuf w = { 0 };

		while (is_blank(*p))
			p++;
		/* A comment: '#' first on the line, or "# ..." after a word
		 * ("#d70000" and "a#b" are words). */
		if (*p == '\0' || (*p == '#' && (n == 0 || p[1] == '\0' || is_blank(p[1]))))
			break;
		while (*p != '\0' && !is_blank(*p)) {
			if (*p != '"') {
				sb_putc(&w, *p++);
				continue;
			}
			p++;
			while (*p != '"') {
				if (*p == '\0') {
					snprintf(err, errsz, "%s", _("missing closing quote"));
					sb_free(&w);
					config_words_free(v);
					return -1;
				}
				if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				sb_putc(&w, *p++);
			}
			p++;
		}
		if (n + 1 >= cap) {
			cap = cap ? cap * 2 : 8;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[n++] = w.s != NULL ? sb_steal(&w) : xstrdup("");   /* "" is a word */
		v[n] = NULL;
	}
	if (v == NULL)
		v = xcalloc(1, sizeof *v);
	*words = v;
	return (int)n;
}

void
config_words_free(char **words)
{
	if (words == NULL)
		return;
	for (char **w = words; *w != NULL; w++)
		free(*w);
	free(words);
}

/* ---- paths ------------------------------------------------------------- */

static const char *
home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h != NULL && *h != '\0')
		return h;
	pw = getpwuid(getuid());
	return pw != NULL && pw->pw_dir != NULL ? pw->pw_dir : "/";
}

/* $XDG_CONFIG_HOME/wardesk (only an absolute XDG_CONFIG_HOME counts, as the
 * XDG spec says), else ~/.config/wardesk.  Caller frees. */
char *
config_dir(void)
{
	const char *x = getenv("XDG_CONFIG_HOME");

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/wardesk", x);
	return xasprintf("%s/.config/wardesk", home_dir());
}

char *
config_default_path(void)
{
	char *dir = config_dir();
	char *path = xasprintf("%s/config", dir);

	free(dir);
	return path;
}

/* "~" and "~/x" become $HOME and $HOME/x; a relative path is taken
 * relative to the directory of base_file (when not NULL).  Caller frees. */
char *
config_expand_path(const char *path, const char *base_file)
{
	const char *slash;

	if (path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
		return xasprintf("%s%s", home_dir(), path + 1);
	if (path[0] == '/' || base_file == NULL)
		return xstrdup(path);
	slash = strrchr(base_file, '/');
	if (slash == NULL)
		return xstrdup(path);
	return xasprintf("%.*s/%s", (int)(slash - base_file), base_file, path);
}
