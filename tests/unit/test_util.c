/* test_util.c - allocators, strbuf, die(). */
#include "wardesk/wardesk.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unit.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void test_alloc(void)
{
	char *p = xmalloc(0);
	int *v;

	CHECK(p != NULL);
	free(p);
	v = xcalloc(16, sizeof *v);
	CHECK(v != NULL && v[0] == 0 && v[15] == 0);
	v = xreallocarray(v, 1000, sizeof *v);
	v[999] = 7;
	CHECK_INT(v[999], 7);
	CHECK_INT(v[15], 0);
	v = xrealloc(v, 0);
	CHECK(v != NULL);
	FREE(&v);
	CHECK(v == NULL);
	v = xcalloc(0, 0);
	CHECK(v != NULL);
	free(v);
	v = xcalloc(0, 4);
	CHECK(v != NULL);
	free(v);

	CHECK_STR_FREE(xstrdup("Nguy\xe1\xbb\x85n"), "Nguy\xe1\xbb\x85n");
	CHECK_STR_FREE(xstrdup(""), "");
	CHECK_STR_FREE(xstrndup("abcdef", 3), "abc");
	CHECK_STR_FREE(xstrndup("ab", 10), "ab");
	CHECK_STR_FREE(xstrndup("ab", 0), "");
	CHECK_STR_FREE(xasprintf("%s-%03d", "case", 7), "case-007");
	CHECK_STR_FREE(xasprintf("%s", ""), "");
	{
		char big[5000];
		char *s;

		memset(big, 'x', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		s = xasprintf("<%s>", big);
		CHECK_INT(strlen(s), sizeof big + 1);
		CHECK(s[0] == '<' && s[sizeof big] == '>');
		free(s);
	}
}

static void test_strbuf(void)
{
	struct strbuf sb = { 0 };
	char *s;

	CHECK_STR_FREE(sb_steal(&sb), "");                 /* never NULL */
	sb_add(&sb, "", 0);
	CHECK(sb.s != NULL && sb.s[0] == '\0' && sb.len == 0);
	sb_puts(&sb, "ab");
	sb_putc(&sb, 'c');
	sb_add(&sb, "defgh", 2);
	sb_printf(&sb, "[%d|%s]", 42, "x");
	CHECK_STR(sb.s, "abcde[42|x]");
	CHECK_INT(sb.len, 11);
	sb_reset(&sb);
	CHECK_STR(sb.s, "");
	CHECK_INT(sb.len, 0);
	CHECK(sb.cap > 0);
	for (int i = 0; i < 10000; i++)
		sb_printf(&sb, "%d,", i % 10);
	CHECK_INT(sb.len, 20000);
	CHECK_INT(strlen(sb.s), 20000);
	CHECK(sb.cap > sb.len);
	s = sb_steal(&sb);
	CHECK(sb.s == NULL && sb.len == 0 && sb.cap == 0);
	CHECK(strncmp(s, "0,1,2,", 6) == 0);
	free(s);
	sb_putc(&sb, '\0');                                /* embedded NUL is data */
	CHECK_INT(sb.len, 1);
	sb_free(&sb);
	CHECK(sb.s == NULL && sb.len == 0);
	sb_free(&sb);                                      /* twice is fine */
	sb_reset(&sb);
	CHECK(sb.s == NULL);
}

/* Run fn in a child with stderr captured; returns the wait status. */
static int in_child(void (*fn)(void), char *err, size_t errsz)
{
	int fd[2], status = -1;
	pid_t pid;
	size_t got = 0;
	ssize_t n;

	if (pipe(fd) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		fn();
		_exit(99);
	}
	close(fd[1]);
	while (got + 1 < errsz && (n = read(fd[0], err + got, errsz - 1 - got)) > 0)
		got += (size_t)n;
	err[got] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	return status;
}

static int hook_calls;

static void hook(void)
{
	hook_calls++;
	fputs("[terminal restored]\n", stderr);
}

static void bad_hook(void)
{
	hook_calls++;
	die(7, "from the hook");     /* must not loop */
}

static void child_die(void)
{
	die_set_hook(hook);
	die(WD_EXIT_OFFLINE, "database %s unreachable", "wardesk");
}

static void child_die_newline(void)
{
	die(WD_EXIT_USAGE, "bad option\n");
}

static void child_die_bad_hook(void)
{
	die_set_hook(bad_hook);
	die(4, "first");
}

#ifndef UNDER_ASAN
static void child_oom(void)
{
	die_set_hook(hook);
	(void)xmalloc(SIZE_MAX - 8);
}

static void child_oom_array(void)
{
	(void)xreallocarray(NULL, SIZE_MAX / 2, 4);
}
#endif

static void test_die(void)
{
	char err[512];
	int st;

	st = in_child(child_die, err, sizeof err);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == WD_EXIT_OFFLINE);
	CHECK_STR(err, "[terminal restored]\nwardesk: database wardesk unreachable\n");

	st = in_child(child_die_newline, err, sizeof err);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == WD_EXIT_USAGE);
	CHECK_STR(err, "wardesk: bad option\n");

	st = in_child(child_die_bad_hook, err, sizeof err);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	CHECK_STR(err, "wardesk: from the hook\n");

#ifndef UNDER_ASAN
	st = in_child(child_oom, err, sizeof err);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	CHECK(strstr(err, "[terminal restored]\nwardesk: out of memory") != NULL);
	st = in_child(child_oom_array, err, sizeof err);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
	CHECK(strstr(err, "wardesk: out of memory") != NULL);
#else
	printf("# skipped out-of-memory checks under AddressSanitizer\n");
#endif
}

int main(void)
{
	RUN(test_alloc);
	RUN(test_strbuf);
	RUN(test_die);
	return unit_done();
}
