/* fuzz_theme.c - libFuzzer target for theme files (theme_load, theme_set).
 *
 * The input is a theme file: written to a private temporary file and loaded
 * with theme_load(path), as `set theme PATH` would (theme_set, the `color`
 * line of a config file, is fuzzed through config_line by fuzz_config).
 * Invariants checked: theme_load of an existing file succeeds; every
 * complaint is "PATH:LINE: reason"; theme_attr answers for every element.  Curses is linked but never
 * started (no initscr): before theme_apply() the theme only records, and
 * this checks that path does not touch the terminal.
 * Built by `make fuzz` / `make fuzz-ci`; corpus in tests/fuzz/corpus/theme. */
#include "wardesk/wardesk.h"

#include <unistd.h>

#include "wardesk/config.h"
#include "wardesk/theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char path[64];
static int fd = -1;

static void cleanup(void)
{
	if (path[0])
		unlink(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("XDG_CONFIG_HOME", "/nonexistent-wardesk-fuzz", 1);
	unsetenv("NO_COLOR");
	/* tmpfs when there is one: a file is written for every input */
	snprintf(path, sizeof path, "/dev/shm/wardesk-fuzz-XXXXXX.theme");
	fd = mkstemps(path, 6);
	if (fd < 0) {
		snprintf(path, sizeof path, "/tmp/wardesk-fuzz-XXXXXX.theme");
		fd = mkstemps(path, 6);
	}
	if (fd < 0) {
		perror("mkstemps");
		exit(2);
	}
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[512];
	size_t plen = strlen(path);

	if (size > 16384)
		return 0;
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	theme_reset();
	config_errors_clear();
	err[0] = '\0';
	if (!theme_load(path, err, sizeof err))
		abort();               /* the file exists: bad lines are only skipped */
	for (size_t i = 0; i < config_error_count(); i++) {
		const char *e = config_error(i);

		if (strncmp(e, path, plen) != 0 || e[plen] != ':')
			abort();       /* "PATH:LINE: reason" */
	}
	config_errors_clear();
	for (int e = 0; e < EL_COUNT; e++)
		(void)theme_attr(e);
	theme_reset();
	return 0;
}
