/* util.c - allocation that never fails, string buffers, die().
 *
 * Out of memory is not recoverable in a console: the x* wrappers restore
 * the terminal (through the die hook), print one line and abort(). */
#include "wardesk/wardesk.h"

#include <unistd.h>

static void (*die_hook)(void);
static volatile int in_hook;

static void run_die_hook(void)
{
	/* A hook that fails (and so calls die() or an x* allocator) must not
	 * recurse. */
	if (die_hook != NULL && !in_hook) {
		in_hook = 1;
		die_hook();
	}
}

static WD_NORETURN void oom(size_t n)
{
	char msg[96];
	int len;

	run_die_hook();
	len = snprintf(msg, sizeof msg, "wardesk: out of memory (%zu bytes)\n", n);
	if (len > 0) {
		ssize_t w WD_UNUSED = write(STDERR_FILENO, msg,
		                            (size_t)len < sizeof msg ? (size_t)len : sizeof msg - 1);
	}
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = calloc(n, size);
	if (p == NULL)
		oom(size != 0 && n > SIZE_MAX / size ? SIZE_MAX : n * size);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(p, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, SIZE_MAX);
}

char *xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	char probe[1];

	va_start(ap, fmt);
	n = vsnprintf(probe, sizeof probe, fmt, ap);   /* not NULL: gcc -fsanitize warns */
	va_end(ap);
	if (n < 0)
		die(WD_EXIT_USAGE, "xasprintf: bad format \"%s\"", fmt);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* ---- strbuf ---- */

static void sb_grow(struct strbuf *sb, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - sb->len - 1)
		oom(SIZE_MAX);
	need = sb->len + extra + 1;
	if (sb->s != NULL && need <= sb->cap)
		return;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	sb->s = xrealloc(sb->s, cap);
	sb->cap = cap;
	if (sb->len == 0)
		sb->s[0] = '\0';
}

void sb_add(struct strbuf *sb, const char *s, size_t n)
{
	sb_grow(sb, n);
	if (n != 0)
		memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void sb_puts(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void sb_putc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;

	char probe[1];

	va_start(ap, fmt);
	n = vsnprintf(probe, sizeof probe, fmt, ap);
	va_end(ap);
	if (n < 0)
		die(WD_EXIT_USAGE, "sb_printf: bad format \"%s\"", fmt);
	sb_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

void sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s != NULL)
		sb->s[0] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

char *sb_steal(struct strbuf *sb)
{
	char *s = sb->s != NULL ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

/* ---- die ---- */

void die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

void die(int status, const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(fmt);

	run_die_hook();
	fflush(stdout);
	fputs("wardesk: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (n == 0 || fmt[n - 1] != '\n')
		fputc('\n', stderr);
	exit(status);
}

int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
