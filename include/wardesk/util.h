/* util.h - allocation that never fails, string buffers, die().
 *
 * Ownership: every x* allocator returns memory the caller owns and frees
 * with free() (or FREE(&p), which also sets p to NULL). */
#ifndef WARDESK_UTIL_H
#define WARDESK_UTIL_H

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) WD_PRINTF(1, 2);

#define FREE(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

/* A growable string.  buf.s is NUL-terminated once anything was added. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_puts(struct strbuf *sb, const char *s);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) WD_PRINTF(2, 3);
void sb_reset(struct strbuf *sb);           /* keeps the allocation */
void sb_free(struct strbuf *sb);
char *sb_steal(struct strbuf *sb);          /* caller owns the result */

/* The value of one hex digit (0-9, a-f, A-F); -1 for any other char. */
int hexval(char c);

/* die() restores the terminal (through the hook, if one is set), prints
 * "wardesk: MESSAGE" to stderr and exits with the given status. */
void die_set_hook(void (*hook)(void));
WD_NORETURN void die(int status, const char *fmt, ...) WD_PRINTF(2, 3);

#endif
