/* fuzz_text.c - libFuzzer target for the text functions of text.h.
 *
 * The input is untrusted text (case descriptions, names, feed fields); its
 * first byte picks the column count and flags.  Invariants checked:
 *   - text_valid_utf8 agrees with libunistring's u8_check;
 *   - text_sanitize output is valid UTF-8 with no C0 byte (except '\n' when
 *     kept), no DEL, no C1 (U+0080..U+009F), no bidi control, no ESC, and
 *     sanitising it again keeps it so;
 *   - text_nfc of valid input is valid and idempotent; when the quick check
 *     (text_nfc_quick) says NFC, text_nfc leaves it as it is, and
 *     text_sanitize of it and of its NFC agree (the quick path skips
 *     normalising);
 *   - text_fold output is valid UTF-8, has no upper-case ASCII and no
 *     doubled space, and folding is idempotent;
 *   - text_fit output is valid, as wide as cols when padded (never wider);
 *   - text_prefix_for_width stays within n bytes and cols columns;
 *   - text_wrap lines are valid and no wider than cols (a lone wide
 *     character may overflow cols 1).
 * Built by `make fuzz` / `make fuzz-ci`; corpus in tests/fuzz/corpus/text. */
#include "wardesk/wardesk.h"

#include <unistr.h>

#include "wardesk/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_safe(const char *s, bool kept_newlines)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);
	ucs4_t uc;

	if (u8_check(p, n) != NULL)
		abort();               /* not valid UTF-8 */
	for (size_t i = 0; i < n; i++) {
		if (p[i] == 0x7f || (p[i] < 0x20 && !(kept_newlines && p[i] == '\n')))
			abort();       /* C0, ESC or DEL */
	}
	for (const uint8_t *q = p; q < p + n;) {
		int len = u8_mbtouc(&uc, q, (size_t)(p + n - q));

		if (uc >= 0x80 && uc <= 0x9f)
			abort();       /* C1 */
		if (uc == 0x061C || uc == 0x200E || uc == 0x200F || (uc >= 0x202A && uc <= 0x202E) ||
		    (uc >= 0x2066 && uc <= 0x2069))
			abort();       /* bidi control */
		q += len;
	}
}

static void check_valid(const char *s)
{
	if (u8_check((const uint8_t *)s, strlen(s)) != NULL)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *a, *b;
	int cols, w;
	size_t bad = 0, pre;
	bool valid, pad, ell;
	char **lines;

	if (size < 1 || size > 4096)
		return 0;
	cols = (int)(data[0] & 0x3f) - 2;          /* -2 .. 61 */
	pad = data[0] & 0x40;
	ell = data[0] & 0x80;
	data++, size--;

	/* text_valid_utf8 over the raw bytes, NULs included */
	valid = text_valid_utf8((const char *)data, size, &bad);
	if (valid != (u8_check(data, size) == NULL))
		abort();
	if (!valid && (bad >= size || (const uint8_t *)u8_check(data, size) != data + bad))
		abort();

	s = xmalloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	valid = text_valid_utf8(s, strlen(s), NULL);

	for (int k = 0; k < 2; k++) {
		a = text_sanitize(s, k);
		check_safe(a, k);
		b = text_sanitize(a, k);   /* not always equal: NFC may compose a */
		check_safe(b, k);          /* combining mark onto "^J" - see RESULTS.md */
		free(b);
		free(a);
	}

	a = text_nfc(s);
	if (valid != (a != NULL))
		abort();
	if (valid && text_nfc_quick(s, strlen(s)) && a && strcmp(a, s) != 0)
		abort();               /* the quick check said NFC: it must be */
	if (!valid && text_nfc_quick(s, strlen(s)))
		abort();               /* invalid bytes are never "NFC already" */
	if (a) {
		check_valid(a);
		b = text_nfc(a);
		if (!b || strcmp(a, b) != 0)
			abort();
		free(b);
		for (int k = 0; k < 2; k++) {
			char *x = text_sanitize(s, k), *y = text_sanitize(a, k);

			if (strcmp(x, y) != 0)
				abort();   /* quick path or not, the same */
			free(x);
			free(y);
		}
		free(a);
	}

	a = text_fold(s);
	check_valid(a);
	for (const char *p = a; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || (p[0] == ' ' && p[1] == ' '))
			abort();
	b = text_fold(a);
	if (strcmp(a, b) != 0)
		abort();               /* folding is idempotent */
	if (!text_fold_match(a, a) || !text_fold_match(a, ""))
		abort();
	free(b);
	free(a);

	a = text_fit(s, cols, pad, ell);
	check_safe(a, false);
	w = text_width(a);
	if (cols <= 0 ? a[0] != '\0' : (w > cols || (pad && w != cols)))
		abort();
	free(a);

	if (valid) {
		pre = text_prefix_for_width(s, strlen(s), cols, &w);
		if (pre > strlen(s) || (cols >= 0 && w > cols) || u8_check((const uint8_t *)s, pre))
			abort();
	}

	lines = text_wrap(s, cols);
	for (char **l = lines; *l; l++) {
		check_safe(*l, false);
		w = text_width(*l);
		if (w > (cols < 1 ? 1 : cols) && !(w == 2 && cols < 2))
			abort();
	}
	text_lines_free(lines);
	free(s);
	return 0;
}
