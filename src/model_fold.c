/* model_fold.c - the filter's folding of text (see model.h): text_fold
 * with a fast path, without libunistring, for ASCII and every Vietnamese
 * letter; and the summary and address kept as their changes from the
 * folded text (model_impl.h). */
#include "wardesk/wardesk.h"

#include "wardesk/model.h"
#include "wardesk/model_impl.h"
#include "wardesk/text.h"

/* Base letter of precomposed Latin letters (generated with Python's unicodedata: first
 * character of the NFD form, lower-cased; '\0' = not a plain letter). */
static const char fold_00c0[] =
	"aaaaaa\0ceeeeiiii"
	"\0nooooo\0\0uuuuy\0\0"
	"aaaaaa\0ceeeeiiii"
	"\0nooooo\0\0uuuuy\0y"
	"aaaaaaccccccccdd"
	"ddeeeeeeeeeegggg"
	"gggghh\0\0iiiiiiii"
	"i\0\0\0jjkk\0llllll\0"
	"\0\0\0nnnnnn\0\0\0oooo"
	"oo\0\0rrrrrrssssss"
	"sstttt\0\0uuuuuuuu"
	"uuuuwwyyyzzzzzz\0"
	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	"oo\0\0\0\0\0\0\0\0\0\0\0\0\0u"
	"u\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	"\0\0\0\0\0\0\0\0\0\0\0\0\0aai"
	"ioouuuuuuuuuu\0aa"
	"aa\0\0\0\0ggkkoooo\0\0"
	"j\0\0\0gg\0\0nnaa\0\0\0\0"
	"aaaaeeeeiiiioooo"
	"rrrruuuusstt\0\0hh"
	"\0\0\0\0\0\0aaeeoooooo"
	"ooyy\0\0\0\0\0\0\0\0\0\0\0\0"
	"\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
;
static const char fold_1e00[] =
	"aabbbbbbccdddddd"
	"ddddeeeeeeeeeeff"
	"gghhhhhhhhhhiiii"
	"kkkkkkllllllllmm"
	"mmmmnnnnnnnnoooo"
	"oooopppprrrrrrrr"
	"sssssssssstttttt"
	"ttuuuuuuuuuuvvvv"
	"wwwwwwwwwwxxxxyy"
	"zzzzzzhtwy\0\0\0\0\0\0"
	"aaaaaaaaaaaaaaaa"
	"aaaaaaaaeeeeeeee"
	"eeeeeeeeiiiioooo"
	"oooooooooooooooo"
	"oooouuuuuuuuuuuu"
	"uuyyyyyyyy\0\0\0\0\0\0"
;

/* text_fold for the common case, without libunistring: ASCII, combining
 * marks and precomposed Latin letters (every Vietnamese letter).  Returns
 * false when s holds anything else; the caller then uses text_fold, which
 * gives the same result for everything this accepts. */
bool model_fast_fold(const char *s, struct strbuf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	bool space = false;
	size_t n = strlen(s), len = 0;
	char *o;

	/* the result is never longer than s: room for it once, then bytes */
	sb_reset(out);
	sb_add(out, s, n);
	o = out->s;
	while (*p) {
		unsigned cp;
		char c;

		if (*p < 0x80) {
			cp = *p++;
		} else if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			cp = ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu);
			p += 2;
			if (cp < 0x80)
				goto no;
		} else if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
			cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			p += 3;
			if (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000))
				goto no;
		} else {
			goto no;
		}
		if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d)) {
			space = len > 0;
			continue;
		}
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x300 && cp < 0x370))
			continue;
		if (cp < 0x80)
			c = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		else if (cp >= 0xC0 && cp < 0x250 && fold_00c0[cp - 0xC0])
			c = fold_00c0[cp - 0xC0];
		else if (cp >= 0x1E00 && cp < 0x1F00 && fold_1e00[cp - 0x1E00])
			c = fold_1e00[cp - 0x1E00];
		else
			goto no;
		if (space) {
			o[len++] = ' ';
			space = false;
		}
		o[len++] = c;
	}
	o[len] = '\0';
	out->len = len;
	return true;
no:
	o[0] = '\0';
	out->len = 0;
	return false;
}

char *model_fold(const char *s)
{
	struct strbuf sb = { 0 };

	if (model_fast_fold(s, &sb))
		return sb_steal(&sb);
	sb_free(&sb);
	return text_fold(s);
}

/* ---- the queue summary against the folded text ----
 * Per base letter, the characters that fold to it besides itself (its
 * capital, its precomposed forms): a packed summary names one by its index
 * there, in one byte (0x80 + index).  Built once from the tables above. */
#define VAR_MAX 128

static struct {
	uint16_t cp[26][VAR_MAX];
	uint8_t n[26];
	uint8_t ascii[26], latin[0x250 - 0xC0], ext[0x100];   /* index + 1, 0: none */
	bool ready;
} var;

static void var_add(unsigned cp, char base, uint8_t *idx)
{
	unsigned b = (unsigned char)base - 'a';

	if (b >= 26 || var.n[b] >= VAR_MAX)
		return;
	var.cp[b][var.n[b]] = (uint16_t)cp;
	*idx = ++var.n[b];
}

/* The console's one thread calls the model: no lock. */
static void var_init(void)
{
	unsigned cp;

	if (var.ready)
		return;
	for (cp = 'A'; cp <= 'Z'; cp++)
		var_add(cp, (char)(cp + 32), &var.ascii[cp - 'A']);
	for (cp = 0xC0; cp < 0x250; cp++)
		var_add(cp, fold_00c0[cp - 0xC0], &var.latin[cp - 0xC0]);
	for (cp = 0x1E00; cp < 0x1F00; cp++)
		var_add(cp, fold_1e00[cp - 0x1E00], &var.ext[cp - 0x1E00]);
	var.ready = true;
}

/* Index + 1 of cp among its base letter's variants, 0: none. */
static unsigned var_index(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return var.ascii[cp - 'A'];
	if (cp >= 0xC0 && cp < 0x250)
		return var.latin[cp - 0xC0];
	if (cp >= 0x1E00 && cp < 0x1F00)
		return var.ext[cp - 0x1E00];
	return 0;
}

/* One UTF-8 character of s (n > 0 bytes left): its code point and length;
 * 0 when not valid. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return *cp >= 0x80 ? 2 : 0;
	}
	if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return *cp >= 0x800 ? 3 : 0;
	}
	return 0;
}

size_t model_text_pack(const char *s, size_t n, const char *f, size_t lf, size_t d0,
                          char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, j = d0, o = 2, run = 0;

	var_init();
	if (d0 > 0xFFFF || outsz < 3 || n + 1 <= 3)
		return 0;
	out[0] = (char)(d0 & 0xFF);
	out[1] = (char)(d0 >> 8);
	while (i < n) {
		unsigned cp, k;
		size_t len = utf8_next(p + i, n - i, &cp);

		if (!len || j >= lf)
			return 0;
		if (cp < 0x80 && cp == (unsigned char)f[j]) {
			run++;
		} else {
			k = var_index(cp);
			if (!k || (unsigned char)f[j] < 'a' || (unsigned char)f[j] > 'z' ||
			    var.cp[(unsigned char)f[j] - 'a'][k - 1] != cp)
				return 0;
			if (run && o < outsz)
				out[o++] = (char)run;
			run = 0;
			if (o < outsz)
				out[o++] = (char)(0x80 + k - 1);
		}
		if (run == 0x7F) {
			if (o < outsz)
				out[o++] = (char)run;
			run = 0;
		}
		i += len;
		j++;
	}
	if (run && o < outsz)
		out[o++] = (char)run;
	if (o + 1 >= outsz || o + 1 >= n + 1)
		return 0;   /* no room, or no shorter than the text and its NUL */
	out[o++] = '\0';
	return o;
}

static size_t utf8_put(unsigned cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | (cp >> 12));
	o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

void model_text_unpack(const char *p, const char *f, size_t lf, char *out, size_t outsz)
{
	const unsigned char *q = (const unsigned char *)p + 2;
	size_t j = (unsigned char)p[0] | (size_t)(unsigned char)p[1] << 8, o = 0;

	var_init();
	if (!outsz)
		return;
	for (; *q; q++) {
		if (*q < 0x80) {
			size_t k = *q;

			if (j + k > lf || o + k + 1 > outsz)
				break;
			memcpy(out + o, f + j, k);
			o += k;
			j += k;
		} else {
			unsigned b = j < lf ? (unsigned char)f[j] - 'a' : 26;
			char u[3];
			size_t k;

			if (b >= 26 || *q - 0x80u >= var.n[b])
				break;
			k = utf8_put(var.cp[b][*q - 0x80u], u);
			if (o + k + 1 > outsz)
				break;
			memcpy(out + o, u, k);
			o += k;
			j++;
		}
	}
	out[o] = '\0';
}
