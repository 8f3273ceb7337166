/* unit.h - a tiny header-only unit test framework printing TAP.
 *
 *   #include "wardesk/wardesk.h"
 *   #include "unit.h"
 *   static void test_x(void) { CHECK(1 + 1 == 2); CHECK_STR(s, "x"); }
 *   int main(void) { RUN(test_x); return unit_done(); }
 *
 * Output: "ok N - name" or "not ok N - name # file:line: detail", one line
 * per check, "# section" before each RUN, then the plan "1..N" and a
 * summary.  unit_done() returns 1 if anything failed, else 0.  Strings in
 * names and details are escaped (\xNN, \n, \#), so no control byte from a
 * test subject reaches the terminal. */
#ifndef WARDESK_UNIT_H
#define WARDESK_UNIT_H

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_count WD_UNUSED;
static int unit_failed WD_UNUSED;

/* Print s with control bytes, '\\' and '#' escaped (maxlen bytes at most). */
static inline void unit_put_escaped(const char *s, size_t maxlen)
{
	if (s == NULL) {
		fputs("(null)", stdout);
		return;
	}
	for (size_t i = 0; s[i] != '\0' && i < maxlen; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '\\' || c == '#')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
}

/* Record one result.  detail is a printf format for the failure note. */
static inline bool unit_result(bool ok, const char *name, const char *file, int line,
                               const char *detail)
{
	unit_count++;
	if (!ok)
		unit_failed++;
	printf("%s %d - ", ok ? "ok" : "not ok", unit_count);
	unit_put_escaped(name, 200);
	if (!ok) {
		printf(" # %s:%d", file, line);
		if (detail != NULL) {
			fputs(": ", stdout);
			unit_put_escaped(detail, 2000);
		}
	}
	putchar('\n');
	fflush(stdout);
	return ok;
}

static inline bool unit_check(bool ok, const char *expr, const char *file, int line)
{
	return unit_result(ok, expr, file, line, NULL);
}

static inline bool unit_check_int(long long got, long long want, const char *expr,
                                  const char *file, int line)
{
	char detail[96];

	snprintf(detail, sizeof detail, "got %lld, want %lld", got, want);
	return unit_result(got == want, expr, file, line, detail);
}

/* got may be NULL (a failure unless want is NULL too); frees got if owned. */
static inline bool unit_check_str(char *got, const char *want, bool owned,
                                  const char *expr, const char *file, int line)
{
	bool ok = (got == NULL || want == NULL) ? got == want : strcmp(got, want) == 0;
	size_t n = (got ? strlen(got) : 6) + (want ? strlen(want) : 6) + 32;
	char *detail = malloc(n);

	if (detail != NULL)
		snprintf(detail, n, "got \"%s\", want \"%s\"", got ? got : "(null)",
		         want ? want : "(null)");
	unit_result(ok, expr, file, line, detail);
	free(detail);
	if (owned)
		free(got);
	return ok;
}

static inline void unit_section(const char *name)
{
	printf("# %s\n", name);
}

static inline int unit_done(void)
{
	printf("1..%d\n", unit_count);
	if (unit_failed)
		printf("# FAILED %d of %d checks\n", unit_failed, unit_count);
	else
		printf("# all %d checks passed\n", unit_count);
	return unit_failed ? 1 : 0;
}

#define CHECK(cond) unit_check(!!(cond), #cond, __FILE__, __LINE__)
#define CHECK_INT(a, b) \
	unit_check_int((long long)(a), (long long)(b), #a " == " #b, __FILE__, __LINE__)
/* Compare a string; CHECK_STR_FREE also frees a (an owned char *). */
#define CHECK_STR(a, b) \
	unit_check_str((char *)(a), (b), false, #a " == " #b, __FILE__, __LINE__)
#define CHECK_STR_FREE(a, b) \
	unit_check_str((a), (b), true, #a " == " #b, __FILE__, __LINE__)
/* Named check, for loops over tables: CHECK_NAMED(ok, "phone %s", in). */
#define CHECK_NAMED(cond, ...) do { \
		char unit_name_[256]; \
		snprintf(unit_name_, sizeof unit_name_, __VA_ARGS__); \
		unit_check(!!(cond), unit_name_, __FILE__, __LINE__); \
	} while (0)
#define RUN(fn) do { unit_section(#fn); fn(); } while (0)

#endif
