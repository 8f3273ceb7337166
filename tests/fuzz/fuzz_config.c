/* fuzz_config.c - libFuzzer target for the config file line parser.
 *
 * The input is a config file; each line goes through config_split (checked
 * and round-tripped) and then config_line, as config_load would run it.
 * Invariants checked:
 *   - config_split returns -1 with NULL words and a reason, or n >= 0 words
 *     in a NULL-terminated vector;
 *   - the words, written back quoted ("..." with \" and \\), split again
 *     to the same words (round trip);
 *   - config_line never crashes, and a refused line gets a reason starting
 *     "FILE:LINE: ".
 * Lines that would read other files are not run: `source ...` and
 * `set theme PATH` (a path, ~ or NAME.theme; a plain theme NAME is run and
 * is looked up in ./themes) - the fuzzer could name /dev/zero or a FIFO.
 * theme files themselves are fuzz_theme's job.  No curses: theme_set only
 * records before theme_apply(), which is never called here.
 * Built by `make fuzz` / `make fuzz-ci`; corpus in tests/fuzz/corpus/config. */
#include "wardesk/wardesk.h"

#include "wardesk/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	/* No developer's themes or config: an empty private XDG dir. */
	setenv("XDG_CONFIG_HOME", "/nonexistent-wardesk-fuzz", 1);
	setenv("HOME", "/nonexistent-wardesk-fuzz", 1);
	unsetenv("NO_COLOR");
	return 0;
}

static char *quote_words(char **w)
{
	struct strbuf sb = { 0 };

	for (; *w; w++) {
		sb_putc(&sb, '"');
		for (const char *p = *w; *p; p++) {
			if (*p == '"' || *p == '\\')
				sb_putc(&sb, '\\');
			sb_putc(&sb, *p);
		}
		sb_puts(&sb, "\" ");
	}
	return sb.s ? sb_steal(&sb) : xstrdup("");
}

static bool reads_files(char **w, int n)
{
	if (n >= 1 && !strcmp(w[0], "source"))
		return true;
	if (n >= 3 && !strcmp(w[0], "set") && !strcasecmp(w[1], "theme")) {
		const char *v = w[n - 1];
		size_t len = strlen(v);

		return strchr(v, '/') || v[0] == '~' || (len >= 6 && !strcmp(v + len - 6, ".theme"));
	}
	return false;
}

static void one_line(const char *line, int lineno)
{
	char err[1024], err2[512], prefix[64];
	char **w, **w2;
	char *q;
	int n, n2;

	err[0] = '\0';
	n = config_split(line, &w, err, sizeof err);
	if (n < 0) {
		if (w != NULL || err[0] == '\0')
			abort();
	} else {
		if (w == NULL || w[n] != NULL)
			abort();
		for (int i = 0; i < n; i++)
			if (w[i] == NULL)
				abort();
		q = quote_words(w);
		n2 = config_split(q, &w2, err2, sizeof err2);
		if (n2 != n)
			abort();       /* quoted words split back to as many */
		for (int i = 0; i < n; i++)
			if (strcmp(w[i], w2[i]) != 0)
				abort();   /* ... and the same words */
		config_words_free(w2);
		free(q);
		if (reads_files(w, n)) {
			config_words_free(w);
			return;
		}
	}
	config_words_free(w);

	err[0] = '\0';
	if (!config_line(line, "fuzz.conf", lineno, err, sizeof err)) {
		snprintf(prefix, sizeof prefix, "fuzz.conf:%d: ", lineno);
		if (strncmp(err, prefix, strlen(prefix)) != 0)
			abort();       /* a refusal says where */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *line, *nl;
	int lineno = 0;

	if (size > 8192)
		return 0;
	/* Back to the defaults (settings, bindings, theme) as config_load does. */
	config_load("/nonexistent-wardesk-fuzz/config");
	config_errors_clear();

	buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	for (line = buf; line != NULL; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		one_line(line, ++lineno);
		if (nl && nl >= buf + size)
			break;
	}
	/* What the rest of the program reads afterwards. */
	for (int s = 0; s < SET_COUNT; s++) {
		(void)config_bool(s);
		(void)config_int(s);
		if (config_str(s) == NULL)
			abort();
	}
	if (config_int(SET_SWEEP_SECONDS) > 3600 || config_int(SET_NEW_MARK_SECONDS) < 0)
		abort();
	for (size_t i = 0; i < config_error_count(); i++)
		(void)strlen(config_error(i));
	config_errors_clear();
	free(buf);
	return 0;
}
