/* model_fold.c - the filter's folding of text (see model.h): text_fold
 * with a fast path, without libunistring, for ASCII and every Vietnamese
 * letter. */
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
