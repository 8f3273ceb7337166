/* text.c - UTF-8 text for the terminal, on libunistring.
 *
 * Widths come from uc_width(uc, "UTF-8"): East Asian ambiguous characters
 * count 1, combining marks 0, CJK and emoji 2.  A "cluster" here is what a
 * terminal puts in one cell: a character of non-zero width followed by every
 * zero-width character after it.  Nothing in this file depends on the locale. */
#include "wardesk/wardesk.h"
#include "wardesk/text.h"

#include <errno.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#define ENC "UTF-8"

/* What text_sanitize lets through unchanged (besides ' ' .. '~'). */
#define SAFE_MASK (UC_CATEGORY_MASK_L | UC_CATEGORY_MASK_M | UC_CATEGORY_MASK_N | \
                   UC_CATEGORY_MASK_P | UC_CATEGORY_MASK_S | UC_CATEGORY_MASK_Zs)

#define DOTTED_CIRCLE "\xe2\x97\x8c"   /* U+25CC, base for an orphan mark */
#define ELLIPSIS "\xe2\x80\xa6"        /* U+2026, one column */

static bool is_cat(ucs4_t uc, uint32_t mask)
{
	return uc_is_general_category_withtable(uc, mask);
}

/* Normalise valid UTF-8 s[0..n) into a new NUL-terminated string. */
static uint8_t *normalize(uninorm_t nf, const uint8_t *s, size_t n, size_t *outlen)
{
	uint8_t *r;
	size_t len = 0;

	if (n == 0) {
		*outlen = 0;
		return (uint8_t *)xstrdup("");
	}
	r = u8_normalize(nf, s, n, NULL, &len);
	if (r == NULL) {
		if (errno == ENOMEM)
			die(EXIT_FAILURE, "out of memory (normalising %zu bytes)", n);
		/* Not reachable for valid input; keep the text as it is. */
		r = (uint8_t *)xstrndup((const char *)s, n);
		len = n;
	}
	r = xrealloc(r, len + 1);
	r[len] = '\0';
	*outlen = len;
	return r;
}

static void sb_uc(struct strbuf *sb, ucs4_t uc)
{
	uint8_t buf[6];
	int n = u8_uctomb(buf, uc, (ptrdiff_t)sizeof buf);

	if (n > 0)
		sb_add(sb, (const char *)buf, (size_t)n);
}

static bool is_plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

bool text_valid_utf8(const char *s, size_t n, size_t *bad)
{
	const uint8_t *p = u8_check((const uint8_t *)s, n);

	if (p == NULL)
		return true;
	if (bad != NULL)
		*bad = (size_t)(p - (const uint8_t *)s);
	return false;
}

char *text_nfc(const char *s)
{
	size_t n = strlen(s), len;

	if (!text_valid_utf8(s, n, NULL))
		return NULL;
	return (char *)normalize(UNINORM_NFC, (const uint8_t *)s, n, &len);
}

/* Code points whose NFC is themselves in any context: combining class 0,
 * no canonical decomposition that NFC keeps (no singleton, no exclusion),
 * and never the second of a canonical composition (no mark, no Hangul
 * vowel or trailing consonant): NFC_Quick_Check Yes with class 0, so a text
 * made only of them is NFC already (UAX #15, "Detecting Normalization
 * Forms").  Vietnamese in NFC is (Latin-1, Latin Extended-A/B, Latin
 * Extended Additional); so are the console's own symbols.  Every code point
 * of these ranges is checked against libunistring in tests/unit/test_text.c. */
static const struct { ucs4_t lo, hi; } nfc_stable[] = {
	{ 0x0000, 0x02FF },   /* ASCII .. spacing modifier letters */
	{ 0x1E00, 0x1EFF },   /* Latin Extended Additional: ạ ả ấ ầ ... ỹ */
	{ 0x2010, 0x2027 },   /* dashes, quotes, bullet, ellipsis */
	{ 0x2030, 0x205E },   /* per mille .. punctuation */
	{ 0x2190, 0x22FF },   /* arrows, mathematical operators (≈) */
	{ 0x2500, 0x26FF },   /* box drawing, shapes, miscellaneous symbols (☎) */
};

static bool nfc_stable_uc(ucs4_t uc)
{
	for (size_t i = 0; i < ARRAY_SIZE(nfc_stable); i++)
		if (uc >= nfc_stable[i].lo && uc <= nfc_stable[i].hi)
			return true;
	return false;
}

bool text_nfc_quick(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;

	while (p < end) {
		ucs4_t uc;
		int len;

		if (*p < 0x80) {
			p++;
			continue;
		}
		len = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc == 0xfffd || !nfc_stable_uc(uc))
			return false;   /* (U+FFFD: also what an invalid byte reads as) */
		p += len;
	}
	return true;
}

/* ---- sanitising ---- */

static bool is_bidi_control(ucs4_t uc)
{
	return uc == 0x061C || uc == 0x200E || uc == 0x200F ||
	       (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069);
}

/* Characters a terminal would act on or that can hide or reorder text: C0,
 * DEL, C1, bidi controls, and everything outside letters, marks, numbers,
 * punctuation, symbols and the space separator (format characters such as
 * U+200B and U+FEFF, line/paragraph separators, private use, unassigned). */
static bool is_unsafe(ucs4_t uc)
{
	if (uc < 0x20 || uc == 0x7f)
		return true;
	if (uc < 0x7f)
		return false;
	return uc <= 0x9f || is_bidi_control(uc) || !is_cat(uc, SAFE_MASK) || uc_width(uc, ENC) < 0;
}

/* Append the safe form of one run of valid NFC text. */
static void sanitize_run(struct strbuf *sb, const uint8_t *p, size_t n,
                         bool keep_newlines, bool *line_start)
{
	const uint8_t *end = p + n;

	while (p < end) {
		ucs4_t uc;
		int len = u8_mbtouc(&uc, p, (size_t)(end - p));

		p += len;
		if (uc == '\n' && keep_newlines) {
			sb_putc(sb, '\n');
			*line_start = true;
			continue;
		}
		if (keep_newlines && uc == '\r' && p < end && *p == '\n')
			continue;                       /* CRLF -> LF */
		if (keep_newlines && uc == '\t') {
			sb_putc(sb, ' ');
		} else if (uc < 0x20) {
			sb_putc(sb, '^');
			sb_putc(sb, (char)(uc + 0x40));
		} else if (uc == 0x7f) {
			sb_puts(sb, "^?");
		} else if (uc < 0x7f) {
			sb_putc(sb, (char)uc);
		} else if (is_unsafe(uc)) {
			sb_printf(sb, "<U+%04X>", (unsigned)uc);
		} else {
			if (*line_start && is_cat(uc, UC_CATEGORY_MASK_M))
				sb_puts(sb, DOTTED_CIRCLE);
			sb_uc(sb, uc);
		}
		*line_start = false;
	}
}

char *text_sanitize(const char *s, bool keep_newlines)
{
	struct strbuf sb = { 0 };
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);
	bool line_start = true;

	sb_add(&sb, "", 0);
	while (n > 0) {
		const uint8_t *bad = u8_check(p, n);
		size_t run = bad != NULL ? (size_t)(bad - p) : n;

		if (run > 0 && text_nfc_quick((const char *)p, run)) {
			/* NFC already (most text is): no normalising, no copy */
			sanitize_run(&sb, p, run, keep_newlines, &line_start);
			p += run;
			n -= run;
		} else if (run > 0) {
			size_t len;
			uint8_t *nfc = normalize(UNINORM_NFC, p, run, &len);

			sanitize_run(&sb, nfc, len, keep_newlines, &line_start);
			free(nfc);
			p += run;
			n -= run;
		}
		if (n > 0) {
			sb_printf(&sb, "<%02X>", (unsigned)*p);
			line_start = false;
			p++;
			n--;
		}
	}
	return sb_steal(&sb);
}

size_t text_length(const char *s)
{
	char *nfc = text_nfc(s);
	const char *t = nfc ? nfc : s;
	size_t n = 0;

	for (; *t; t++)
		n += ((unsigned char)*t & 0xC0) != 0x80 || !nfc;
	free(nfc);
	return n;
}

/* ---- escaping for machine-readable output ---- */

/* Append \uXXXX (JSON: a surrogate pair above U+FFFF). */
static void sb_json_u(struct strbuf *sb, ucs4_t uc)
{
	if (uc > 0xffff) {
		uc -= 0x10000;
		sb_printf(sb, "\\u%04x\\u%04x", 0xd800 + (unsigned)(uc >> 10),
		          0xdc00 + (unsigned)(uc & 0x3ff));
	} else {
		sb_printf(sb, "\\u%04x", (unsigned)uc);
	}
}

char *text_escape_json(const char *json)
{
	struct strbuf sb = { 0 };
	const uint8_t *p = (const uint8_t *)json, *end = p + strlen(json);

	sb_add(&sb, "", 0);
	while (p < end) {
		ucs4_t uc;
		int len;

		/* raw tab, newline and CR are the printer's whitespace between
		 * tokens (inside strings they are escaped already) */
		if ((*p >= 0x20 && *p < 0x7f) || *p == '\n' || *p == '\t' || *p == '\r') {
			sb_putc(&sb, (char)*p++);
			continue;
		}
		len = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (len < 0) {                  /* not UTF-8: JSON cannot carry it */
			sb_json_u(&sb, 0xfffd);
			p++;
			continue;
		}
		if (is_unsafe(uc))
			sb_json_u(&sb, uc);
		else
			sb_add(&sb, (const char *)p, (size_t)len);
		p += len;
	}
	return sb_steal(&sb);
}

char *text_escape_tsv(const char *s)
{
	struct strbuf sb = { 0 };
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);

	sb_add(&sb, "", 0);
	while (p < end) {
		ucs4_t uc;
		int len;

		if (*p >= 0x20 && *p < 0x7f && *p != '\\') {
			sb_putc(&sb, (char)*p++);
			continue;
		}
		len = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (len < 0) {
			sb_puts(&sb, "\\ufffd");
			p++;
			continue;
		}
		p += len;
		switch (uc) {
		case '\\': sb_puts(&sb, "\\\\"); continue;
		case '\t': sb_puts(&sb, "\\t"); continue;
		case '\n': sb_puts(&sb, "\\n"); continue;
		case '\r': sb_puts(&sb, "\\r"); continue;
		case 0x1b: sb_puts(&sb, "\\e"); continue;
		default: break;
		}
		if (uc <= 0x9f && is_unsafe(uc))
			sb_printf(&sb, "\\x%02x", (unsigned)uc);
		else if (is_unsafe(uc))
			sb_printf(&sb, uc > 0xffff ? "\\U%08x" : "\\u%04x", (unsigned)uc);
		else
			sb_add(&sb, (const char *)(p - len), (size_t)len);
	}
	return sb_steal(&sb);
}

/* ---- width and cutting ---- */

/* Length in bytes of the cluster at p (rem > 0 bytes); *w gets its width.
 * Invalid bytes are one cluster of width 1 each (sanitised text has none);
 * control characters are a cluster of width 0. */
static size_t next_cluster(const uint8_t *p, size_t rem, int *w)
{
	ucs4_t uc;
	int len = u8_mbtoucr(&uc, p, rem);
	size_t off;

	if (len < 0) {
		*w = 1;
		return 1;
	}
	*w = uc_width(uc, ENC);
	off = (size_t)len;
	if (*w < 0) {
		*w = 0;
		return off;
	}
	while (off < rem) {
		len = u8_mbtoucr(&uc, p + off, rem - off);
		if (len < 0 || uc == 0 || uc_width(uc, ENC) != 0)
			break;
		off += (size_t)len;
	}
	return off;
}

int text_width(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), off = 0;
	long w = 0;

	while (off < n) {
		int cw;

		off += next_cluster(p + off, n - off, &cw);
		w += cw;
	}
	return w > INT32_MAX ? INT32_MAX : (int)w;
}

size_t text_prefix_for_width(const char *s, size_t n, int cols, int *width)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t off = 0;
	int w = 0;

	n = strnlen(s, n);
	while (off < n && cols > 0) {
		int cw;
		size_t len;
		ucs4_t uc;

		if (u8_mbtoucr(&uc, p + off, n - off) == -2)
			break;          /* n cuts a character: stop before it */
		len = next_cluster(p + off, n - off, &cw);

		if (cw > cols - w)
			break;
		w += cw;
		off += len;
	}
	if (width != NULL)
		*width = w;
	return off;
}

char *text_fit(const char *s, int cols, bool pad, bool ellipsis)
{
	char *safe = is_plain_ascii(s) ? NULL : text_sanitize(s, false);
	char *r = text_fit_safe(safe != NULL ? safe : s, cols, pad, ellipsis, NULL);

	free(safe);
	return r;
}

char *text_fit_safe(const char *t, int cols, bool pad, bool ellipsis, int *width)
{
	struct strbuf sb = { 0 };
	size_t n = strlen(t), len;
	int w;

	if (cols < 0)
		cols = 0;
	sb_add(&sb, "", 0);
	len = text_prefix_for_width(t, n, cols, &w);
	if (len < n && ellipsis && cols > 0) {
		len = text_prefix_for_width(t, n, cols - 1, &w);
		while (len > 0 && t[len - 1] == ' ') {
			len--;
			w--;
		}
		sb_add(&sb, t, len);
		sb_puts(&sb, ELLIPSIS);
		w++;
	} else {
		sb_add(&sb, t, len);
	}
	while (pad && w < cols) {
		sb_putc(&sb, ' ');
		w++;
	}
	if (width != NULL)
		*width = w;
	return sb_steal(&sb);
}

/* ---- wrapping ---- */

struct lines {
	char **v;
	size_t n, cap;
};

static void lines_push(struct lines *l, char *s)
{
	if (l->n + 2 > l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = s;
	l->v[l->n] = NULL;
}

/* Wrap one paragraph (no '\n') of safe text. */
static void wrap_paragraph(struct lines *out, const char *p, size_t n, int cols)
{
	struct strbuf line = { 0 };
	const char *end = p + n;
	size_t first = out->n;
	int lw = 0;

	sb_add(&line, "", 0);
	while (p < end) {
		const char *word;
		size_t wlen;
		int ww;

		while (p < end && *p == ' ')
			p++;
		if (p == end)
			break;
		word = p;
		while (p < end && *p != ' ')
			p++;
		wlen = (size_t)(p - word);
		text_prefix_for_width(word, wlen, INT32_MAX, &ww);

		if (line.len > 0 && ww <= cols - lw - 1) {
			sb_putc(&line, ' ');
			sb_add(&line, word, wlen);
			lw += 1 + ww;
			continue;
		}
		if (line.len > 0) {
			lines_push(out, sb_steal(&line));
			sb_add(&line, "", 0);
			lw = 0;
		}
		while (ww > cols) {
			int cw;
			size_t cut = text_prefix_for_width(word, wlen, cols, &cw);

			if (cut == 0)   /* a wide character wider than cols: take it anyway */
				cut = next_cluster((const uint8_t *)word, wlen, &cw);
			lines_push(out, xstrndup(word, cut));
			word += cut;
			wlen -= cut;
			ww -= cw;
		}
		if (wlen > 0) {
			sb_add(&line, word, wlen);
			lw = ww;
		}
	}
	if (line.len > 0 || out->n == first)   /* an empty paragraph is one empty line */
		lines_push(out, sb_steal(&line));
	else
		sb_free(&line);
}

char **text_wrap(const char *s, int cols)
{
	char *safe = text_sanitize(s, true);
	struct lines out = { 0 };
	const char *p = safe;

	if (cols < 1)
		cols = 1;
	out.cap = 8;
	out.v = xcalloc(out.cap, sizeof *out.v);
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);

		wrap_paragraph(&out, p, n, cols);
		p += n;
		if (*p == '\n')
			p++;
	}
	free(safe);
	return out.v;
}

void text_lines_free(char **lines)
{
	if (lines == NULL)
		return;
	for (char **l = lines; *l != NULL; l++)
		free(*l);
	free(lines);
}

/* ---- folding for search ---- */

static bool fold_is_space(ucs4_t uc)
{
	return uc == ' ' || (uc >= 0x09 && uc <= 0x0d) || uc == 0x85 ||
	       is_cat(uc, UC_CATEGORY_MASK_Z);
}

char *text_fold(const char *s)
{
	struct strbuf sb = { 0 };
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);
	bool space = false;

	sb_add(&sb, "", 0);
	while (n > 0) {
		const uint8_t *bad = u8_check(p, n);
		size_t run = bad != NULL ? (size_t)(bad - p) : n, len;
		uint8_t *nfd = normalize(UNINORM_NFD, p, run, &len);

		for (const uint8_t *q = nfd, *end = nfd + len; q < end;) {
			ucs4_t uc;

			q += u8_mbtouc(&uc, q, (size_t)(end - q));
			if (fold_is_space(uc)) {
				space = sb.len > 0;
				continue;
			}
			if (is_cat(uc, UC_CATEGORY_MASK_M | UC_CATEGORY_MASK_Cc | UC_CATEGORY_MASK_Cf))
				continue;
			if (uc == 0x0110 || uc == 0x0111)
				uc = 'd';
			else
				uc = uc_tolower(uc);
			if (space) {
				sb_putc(&sb, ' ');
				space = false;
			}
			sb_uc(&sb, uc);
		}
		free(nfd);
		p += run;
		n -= run;
		if (n > 0) {            /* drop one invalid byte */
			p++;
			n--;
		}
	}
	return sb_steal(&sb);
}

/* An ASCII stand-in for a symbol the console draws, NULL when none. */
static const char *ascii_symbol(ucs4_t uc)
{
	switch (uc) {
	case 0x2026: return "...";              /* … */
	case 0x00b7: case 0x2022: return ".";   /* · • */
	case 0x2502: case 0x2503: return "|";   /* │ */
	case 0x2500: case 0x2013: case 0x2014: case 0x2212: return "-";
	case 0x2018: case 0x2019: return "'";
	case 0x201c: case 0x201d: return "\"";
	case 0x260e: case 0x260f: return "T";   /* ☎: call back */
	case 0x2248: return "=";                /* ≈: likely duplicate */
	case 0x2713: case 0x2714: return "v";   /* ✓ */
	case 0x2192: return "->";
	case 0x00b6: return "|";                /* ¶ */
	case 0x25b8: case 0x25b6: case 0x203a: return ">";
	case 0x00a0: return " ";
	default: return NULL;
	}
}

char *text_ascii(const char *s)
{
	struct strbuf sb = { 0 };
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s);

	sb_add(&sb, "", 0);
	while (n > 0) {
		const uint8_t *bad = u8_check(p, n);
		size_t run = bad != NULL ? (size_t)(bad - p) : n, len;
		uint8_t *nfd = normalize(UNINORM_NFD, p, run, &len);

		for (const uint8_t *q = nfd, *end = nfd + len; q < end;) {
			ucs4_t uc;
			const char *sym;

			q += u8_mbtouc(&uc, q, (size_t)(end - q));
			if (uc < 0x80)
				sb_putc(&sb, (char)uc);
			else if (is_cat(uc, UC_CATEGORY_MASK_M | UC_CATEGORY_MASK_Cf))
				continue;
			else if (uc == 0x0110 || uc == 0x0111)
				sb_putc(&sb, uc == 0x0110 ? 'D' : 'd');
			else if ((sym = ascii_symbol(uc)) != NULL)
				sb_puts(&sb, sym);
			else
				sb_putc(&sb, '?');
		}
		free(nfd);
		p += run;
		n -= run;
		if (n > 0) {
			sb_putc(&sb, '?');
			p++;
			n--;
		}
	}
	return sb_steal(&sb);
}

bool text_fold_match(const char *folded_haystack, const char *folded_needle)
{
	size_t hlen = strlen(folded_haystack);
	const char *p = folded_needle;

	for (;;) {
		const char *w;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			return true;
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		if (memmem(folded_haystack, hlen, w, (size_t)(p - w)) == NULL)
			return false;
	}
}

void text_sb_pad(struct strbuf *sb, const char *s, int cols, bool right_align)
{
	int w = text_width(s);

	if (right_align)
		for (; w < cols; w++)
			sb_putc(sb, ' ');
	sb_puts(sb, s);
	if (!right_align)
		for (; w < cols; w++)
			sb_putc(sb, ' ');
}
