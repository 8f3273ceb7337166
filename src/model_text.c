/* model_text.c - a case's text kept coded, and searched coded (see
 * model_impl.h "the case text").
 *
 * Each field (reference, description, address, phone, reporter name) is
 * cut at its spaces into tokens.  A token of printable ASCII holding a
 * digit (house numbers, phones, references) is kept as its bytes (letters
 * all capitals: lower-cased after a 0x7f mark); any other token (words,
 * with their diacritics, capitals and punctuation) is a code into the
 * model's dictionary of tokens, which keeps each token once with its
 * folded form.  The folded search text of a case is the folded tokens
 * joined by spaces (model_fast_fold folds character by character and
 * folds every run of white space to one space), so a needle word, which
 * holds no space, occurs in it exactly when it occurs in one token's fold:
 * the needle is matched against the dictionary once, then each case's
 * codes are looked up, and its kept ASCII tokens searched as they are.
 * When a few codes hold a needle word (MWORD_ENC), their bytes are
 * searched in the stream (SSE2) instead of reading it token by token: a
 * code's first byte is never a trail byte, a literal or a separator, so
 * its bytes occur only where it was written (a word that matches every
 * case of a 100,000-case ward: 1.2-1.5 ms a scan instead of 3-11 ms). */
#include "wardesk/wardesk.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "wardesk/model.h"
#include "wardesk/model_impl.h"
#include "wardesk/text.h"

/* Bytes of the coded stream (model_impl.h): */
#define B_END     0x00     /* end of the address, of the description */
#define B_CODE1   0x01     /* 0x01-0x1f: codes 0-30 */
#define B_SEP     0x20     /* between two kept ASCII tokens */
#define B_UPPER   0x7f     /* the kept ASCII token that follows was in capitals */
#define B_LEAD2   0xc0     /* 0xc0-0xef + one trail byte 0x80-0xbf */
#define B_LEAD3   0xf0     /* 0xf0-0xff + two trail bytes */
#define N1 31u
#define N2 (48u * 64u)
#define N3 (16u * 64u * 64u)
#define MDICT_MAX (N1 + N2 + N3)

static inline bool lit_byte(unsigned char b)
{
	return b > 0x20 && b < 0x7f;
}

/* ---- the dictionary ---- */

static uint32_t tok_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void dict_rehash(struct mdict *d, size_t size)
{
	free(d->hash);
	d->hash = xmalloc(size * sizeof *d->hash);
	memset(d->hash, 0xff, size * sizeof *d->hash);
	d->nhash = size;
	for (uint32_t k = 0; k < d->n; k++) {
		size_t i = tok_hash(d->buf + d->e[k].off, d->e[k].olen) & (size - 1);

		while (d->hash[i] != UINT32_MAX)
			i = (i + 1) & (size - 1);
		d->hash[i] = k;
	}
}

/* The code of token s (n bytes), added when new; UINT32_MAX when it cannot
 * be coded (the dictionary is full, a token over 64 KiB, or its fold is
 * not model_fast_fold's). */
static uint32_t dict_code(struct mdict *d, const char *s, size_t n)
{
	static struct strbuf fb;
	struct mdict_entry *e;
	char tmp[256];
	char *z;
	size_t i;

	if (d->nhash) {
		for (i = tok_hash(s, n) & (d->nhash - 1); d->hash[i] != UINT32_MAX; i = (i + 1) & (d->nhash - 1)) {
			e = &d->e[d->hash[i]];
			if (e->olen == n && memcmp(d->buf + e->off, s, n) == 0)
				return d->hash[i];
		}
	}
	if (d->n >= MDICT_MAX || n > UINT16_MAX || d->blen + n > UINT32_MAX / 2 || d->flen + n > UINT32_MAX / 2)
		return UINT32_MAX;
	z = n < sizeof tmp ? tmp : xmalloc(n + 1);
	memcpy(z, s, n);
	z[n] = '\0';
	i = model_fast_fold(z, &fb) && fb.len <= UINT16_MAX;
	if (z != tmp)
		free(z);
	if (!i)
		return UINT32_MAX;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->e = xreallocarray(d->e, d->cap, sizeof *d->e);
	}
	while (d->blen + n > d->bcap) {
		d->bcap = d->bcap ? d->bcap * 2 : 4096;
		d->buf = xrealloc(d->buf, d->bcap);
	}
	while (d->flen + fb.len + 1 > d->fcap) {
		d->fcap = d->fcap ? d->fcap * 2 : 4096;
		d->folds = xrealloc(d->folds, d->fcap);
	}
	e = &d->e[d->n];
	e->off = (uint32_t)d->blen;
	e->foff = (uint32_t)d->flen;
	e->olen = (uint16_t)n;
	e->flen = (uint16_t)fb.len;
	e->sig = mfilter_sig_of(fb.s, fb.len);
	memcpy(d->buf + d->blen, s, n);
	d->blen += n;
	memcpy(d->folds + d->flen, fb.s, fb.len);
	d->folds[d->flen + fb.len] = '\0';   /* no word of a needle spans two */
	d->flen += fb.len + 1;
	d->n++;
	if (d->n * 2 > d->nhash)
		dict_rehash(d, d->nhash ? d->nhash * 2 : 512);
	else {
		for (i = tok_hash(s, n) & (d->nhash - 1); d->hash[i] != UINT32_MAX; i = (i + 1) & (d->nhash - 1))
			;
		d->hash[i] = d->n - 1;
	}
	return d->n - 1;
}

/* One dictionary for every model of the process (model_address has no
 * model to ask), kept while a model is. */
static struct mdict dict;
static unsigned dict_users;

void mt_dict_hold(void)
{
	dict_users++;
}

void mt_dict_release(void)
{
	if (dict_users && --dict_users == 0) {
		FREE(&dict.buf);
		FREE(&dict.folds);
		FREE(&dict.e);
		FREE(&dict.hash);
		memset(&dict, 0, sizeof dict);
	}
}

size_t mt_dict_bytes(void)
{
	return dict.bcap + dict.fcap + dict.cap * sizeof *dict.e + dict.nhash * sizeof *dict.hash;
}

static inline const char *dict_fold(const struct mdict *d, uint32_t k, size_t *n)
{
	*n = d->e[k].flen;
	return d->folds + d->e[k].foff;
}

/* ---- coding ---- */

struct coder {
	struct mdict *d;
	struct strbuf *out;
	msig sig;
	bool lit;                  /* the last token was kept as ASCII */
	bool fail;
};

/* Code c as it is written in a stream, into b: its length, 1-3. */
static size_t code_bytes(uint32_t c, uint8_t b[3])
{
	if (c < N1) {
		b[0] = (uint8_t)(B_CODE1 + c);
		return 1;
	}
	if ((c -= N1) < N2) {
		b[0] = (uint8_t)(B_LEAD2 + (c >> 6));
		b[1] = (uint8_t)(0x80 + (c & 63));
		return 2;
	}
	c -= N2;
	b[0] = (uint8_t)(B_LEAD3 + (c >> 12));
	b[1] = (uint8_t)(0x80 + ((c >> 6) & 63));
	b[2] = (uint8_t)(0x80 + (c & 63));
	return 3;
}

static void put_code(struct coder *k, uint32_t c)
{
	uint8_t b[3];

	sb_add(k->out, (const char *)b, code_bytes(c, b));
}

/* 0: not kept as ASCII; 1: as it is; 2: its letters are capitals */
static int lit_kind(const char *s, size_t n)
{
	bool digit = false, upper = false, lower = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		if (!lit_byte(b))
			return 0;
		digit |= b >= '0' && b <= '9';
		upper |= b >= 'A' && b <= 'Z';
		lower |= b >= 'a' && b <= 'z';
	}
	return !digit || (upper && lower) ? 0 : upper ? 2 : 1;
}

static void put_token(struct coder *k, const char *s, size_t n)
{
	int kind = lit_kind(s, n);

	if (kind) {
		char *o;

		if (k->lit)
			sb_putc(k->out, (char)B_SEP);
		if (kind == 2)
			sb_putc(k->out, (char)B_UPPER);
		sb_add(k->out, s, n);
		o = k->out->s + k->out->len - n;
		for (size_t i = 0; kind == 2 && i < n; i++)
			o[i] = o[i] >= 'A' && o[i] <= 'Z' ? (char)(o[i] + 32) : o[i];
		k->sig |= mfilter_sig_of(o, n);
		k->lit = true;
		return;
	}
	uint32_t c = dict_code(k->d, s, n);

	if (c == UINT32_MAX) {
		k->fail = true;
		return;
	}
	put_code(k, c);
	k->sig |= k->d->e[c].sig;
	k->lit = false;
}

/* Every token of s; search: only searched, so empty tokens are left out. */
static void put_field(struct coder *k, const char *s, bool search)
{
	const char *p = s ? s : "";

	if (!*p)
		return;
	for (;;) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		if (n || !search)
			put_token(k, p, n);
		if (!sp)
			return;
		p = sp + 1;
	}
}

/* A reference searched where it is (as the model keeps it for the
 * screens), not coded again: printable ASCII (its fold is its
 * lower-case), at most MREF_PLAIN bytes. */
#define MREF_PLAIN 63
static bool ref_plain(const char *ref)
{
	size_t i;

	for (i = 0; ref[i]; i++)
		if (!lit_byte((unsigned char)ref[i]) || i >= MREF_PLAIN)
			return false;
	return i > 0;
}

/* Its fold into out (MREF_PLAIN + 1 bytes); its length. */
static size_t ref_fold(const char *ref, char *out)
{
	size_t i;

	for (i = 0; ref[i]; i++)
		out[i] = ref[i] >= 'A' && ref[i] <= 'Z' ? (char)(ref[i] + 32) : ref[i];
	out[i] = '\0';
	return i;
}

/* Whether the folded word w (wl bytes) is in the plain reference ref (lr
 * bytes), whose fold is its lower-case. */
static inline bool ref_find(const char *ref, size_t lr, const char *w, size_t wl)
{
	for (size_t i = 0; i + wl <= lr; i++) {
		size_t j = 0;

		while (j < wl && (ref[i + j] >= 'A' && ref[i + j] <= 'Z' ? ref[i + j] + 32 : ref[i + j]) == w[j])
			j++;
		if (j == wl)
			return true;
	}
	return false;
}

/* The record text of a case (model_impl.h) into rec; *sig: the signature of its folded
 * text (mfilter_sig_of).  raw_fold: the folded search text, for a case
 * that cannot be coded. */
void mt_encode(const struct wd_case *c, const char *summary, size_t ls,
               const char *(*raw_fold)(const struct wd_case *, size_t *), struct strbuf *rec,
               msig *sig)
{
	struct mdict *d = &dict;
	const char *ref = c->ref ? c->ref : "", *addr = c->address ? c->address : "";
	struct coder k = { d, rec, 0, false, false };
	size_t head, lf;
	const char *f;

	sb_reset(rec);
	sb_add(rec, ref, strlen(ref) + 1);
	head = rec->len;
	/* every token is folded by model_fast_fold when it enters the
	 * dictionary (an ASCII token is its own fold): one it does not take
	 * fails the coding, and the case is kept as it is */
	if (strlen(addr) <= MCASE_ADDRESS_PACKED) {
		bool plain = ref_plain(ref);

		sb_putc(rec, (char)(plain ? MTEXT_CODED : MTEXT_CODED_REF));
		put_field(&k, addr, false);
		sb_putc(rec, (char)B_END);
		k.lit = false;
		put_field(&k, c->description, false);
		sb_putc(rec, (char)B_END);
		k.lit = false;
		if (plain) {
			char rf[MREF_PLAIN + 1];

			k.sig |= mfilter_sig_of(rf, ref_fold(ref, rf));
		} else {
			put_field(&k, ref, true);
		}
		put_field(&k, c->reporter_phone, true);
		put_field(&k, c->reporter_name, true);
		if (!k.fail) {
			*sig = k.sig;
			return;
		}
		rec->len = head;   /* as it is, below */
	}
	f = raw_fold(c, &lf);
	sb_putc(rec, (char)MTEXT_RAW);
	sb_add(rec, addr, strlen(addr) + 1);
	sb_add(rec, summary, ls);
	sb_putc(rec, '\0');
	sb_add(rec, f, lf);
	*sig = mfilter_sig_of(f, lf);
}

/* ---- reading ---- */

/* strlen of a record's reference: the arena has MARENA_PAD readable bytes
 * after every record, so 16 bytes load at once from anywhere in one (a
 * reference is shorter than 16 bytes but in odd wards; a call to strlen
 * per case was 14 % of a scan, issue 14). */
static inline size_t ref_len(const char *text)
{
#ifdef __SSE2__
	unsigned z = (unsigned)_mm_movemask_epi8(
	        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)text), _mm_setzero_si128()));

	if (z)
		return (size_t)__builtin_ctz(z);
#endif
	return strlen(text);
}

/* The body of a record text (len bytes: "ref\0" and the body). */
static inline const char *body_of(const char *text, size_t len, size_t *n)
{
	size_t lr = strlen(text) + 1;

	*n = len - lr;
	return text + lr;
}


/* The next token of a coded stream at *p (before end): its code, or
 * UINT32_MAX for an ASCII token (*lit, *ln: its bytes, *upper: in
 * capitals); *p moves past it.  False at a B_END or the end. */
static inline bool next_token(const unsigned char **p, const unsigned char *end, uint32_t *code,
                              const unsigned char **lit, size_t *ln, bool *upper)
{
	const unsigned char *q = *p;

	while (q < end && *q == B_SEP)
		q++;
	if (q >= end || *q == B_END) {
		*p = q;
		return false;
	}
	if (*q < B_SEP) {
		*code = *q - B_CODE1;
		*p = q + 1;
		return true;
	}
	if (*q >= B_LEAD3 && q + 2 < end) {
		*code = N1 + N2 + ((uint32_t)(*q - B_LEAD3) << 12 | (uint32_t)(q[1] & 63) << 6 | (q[2] & 63u));
		*p = q + 3;
		return true;
	}
	if (*q >= B_LEAD2 && q + 1 < end) {
		*code = N1 + ((uint32_t)(*q - B_LEAD2) << 6 | (q[1] & 63u));
		*p = q + 2;
		return true;
	}
	if (*q >= 0x80) {          /* never written: a cut code */
		*p = end;
		return false;
	}
	*upper = *q == B_UPPER;
	q += *upper;
	*lit = q;
	while (q < end && lit_byte(*q))
		q++;
	*ln = (size_t)(q - *lit);
	*code = UINT32_MAX;
	*p = q;
	return true;
}

/* The field of a coded stream at *p, as it was, into out (at most size - 1
 * bytes kept; the length it had is returned); *p: past its B_END. */
static size_t field_text(const struct mdict *d, const unsigned char **p, const unsigned char *end,
                         char *out, size_t size)
{
	const unsigned char *lit = NULL;
	size_t n = 0, ln = 0, i;
	uint32_t code;
	bool upper = false, first = true;

	while (next_token(p, end, &code, &lit, &ln, &upper)) {
		const char *s = code == UINT32_MAX ? (const char *)lit : d->buf + d->e[code].off;
		size_t sl = code == UINT32_MAX ? ln : d->e[code].olen;

		bool up = code == UINT32_MAX && upper;

		if (!first && n + 1 < size)
			out[n] = ' ';
		n += !first;
		first = false;
		for (i = 0; i < sl; i++, n++)
			if (n + 1 < size)
				out[n] = up && s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
	}
	if (*p < end)
		(*p)++;   /* the B_END */
	if (size)
		out[n < size ? n : size - 1] = '\0';
	return n;
}

const char *mt_address(const char *text, size_t len, char *buf, size_t size)
{
	const struct mdict *d = &dict;
	size_t n;
	const char *body = body_of(text, len, &n);
	const unsigned char *p = (const unsigned char *)body + 1, *end = (const unsigned char *)body + n;

	if ((unsigned char)body[0] == MTEXT_RAW)
		return body + 1;
	field_text(d, &p, end, buf, size);
	return buf;
}

const char *mt_summary(const char *text, size_t len, char *buf, size_t size)
{
	const struct mdict *d = &dict;
	size_t n;
	const char *body = body_of(text, len, &n);
	const unsigned char *p = (const unsigned char *)body + 1, *end = (const unsigned char *)body + n;
	char tmp[MCASE_SUMMARY + 8];
	size_t full, ls;

	if ((unsigned char)body[0] == MTEXT_RAW)
		return body + 2 + strlen(body + 1);
	field_text(d, &p, end, tmp, 1);   /* past the address */
	full = field_text(d, &p, end, tmp, sizeof tmp);
	/* the description's first MCASE_SUMMARY bytes, cut at a character */
	ls = full < MCASE_SUMMARY ? full : MCASE_SUMMARY;
	while (ls > 0 && ls < full && ((unsigned char)tmp[ls] & 0xc0) == 0x80)
		ls--;
	if (ls >= size)
		ls = size - 1;
	memcpy(buf, tmp, ls);
	buf[ls] = '\0';
	return buf;
}

void mt_fold(const char *text, size_t len, struct strbuf *out)
{
	const struct mdict *d = &dict;
	size_t n;
	const char *body = body_of(text, len, &n);
	const unsigned char *p = (const unsigned char *)body + 1, *end = (const unsigned char *)body + n;
	const unsigned char *lit = NULL;
	size_t ln = 0;
	uint32_t code;
	bool upper = false;

	sb_reset(out);
	if ((unsigned char)body[0] == MTEXT_RAW) {
		const char *s = body + 1;

		s += strlen(s) + 1;
		s += strlen(s) + 1;
		sb_add(out, s, (size_t)(body + n - s));
		return;
	}
	if ((unsigned char)body[0] == MTEXT_CODED) {
		char rf[MREF_PLAIN + 1];

		sb_add(out, rf, ref_fold(text, rf));
	}
	while (p < end) {
		if (*p == B_END) {
			p++;
			continue;
		}
		if (!next_token(&p, end, &code, &lit, &ln, &upper))
			continue;
		const char *s = code == UINT32_MAX ? (const char *)lit : dict_fold(d, code, &ln);

		if (!ln)
			continue;
		if (out->len)
			sb_putc(out, ' ');
		sb_add(out, s, ln);
	}
	if (!out->s)
		sb_add(out, "", 0);
}

/* ---- matching ---- */

static bool mt_match_any(const struct mneedle *nd, const char *text, size_t len, uint16_t *pos);

/* The codes whose fold holds w: one search of every fold at once (they
 * lie end to end, each ending in a NUL), a hit's code found by bisection. */
static void dict_search(const struct mdict *d, struct mword *w)
{
	size_t at = 0;
	const char *q;

	while (at < d->flen && (q = model_find_word(d->folds + at, d->flen - at, w->s, w->len))) {
		size_t p = (size_t)(q - d->folds);
		uint32_t lo = 0, hi = d->n;   /* the last code whose fold starts at or before p */

		while (hi - lo > 1) {
			uint32_t mid = lo + (hi - lo) / 2;

			if (d->e[mid].foff <= p)
				lo = mid;
			else
				hi = mid;
		}
		w->codes[lo >> 6] |= (uint64_t)1 << (lo & 63);
		w->any = true;
		at = d->e[lo].foff + d->e[lo].flen + 1;   /* the next fold */
	}
}

/* w's codes as they are written (code_bytes), when there are few. */
static void word_encodings(const struct mdict *d, struct mword *w)
{
	size_t n = 0;

	for (uint32_t i = 0; i <= d->n / 64 && n <= MWORD_ENC; i++)
		n += (size_t)__builtin_popcountll(w->codes[i]);
	if (n == 0 || n > MWORD_ENC)
		return;
	for (uint32_t i = 0; i <= d->n / 64; i++)
		for (uint64_t b = w->codes[i]; b; b &= b - 1) {
			uint8_t *e = w->enc[w->nenc++];

			e[0] = (uint8_t)code_bytes(i * 64 + (uint32_t)__builtin_ctzll(b), e + 1);
		}
}

/* Whether one of w's few codes is in the stream s (n bytes, padded). */
static bool has_code(const struct mword *w, const char *s, size_t n)
{
	for (unsigned k = 0; k < w->nenc; k++)
		if (model_find_word_pad(s, n, (const char *)w->enc[k] + 1, w->enc[k][0]))
			return true;
	return false;
}

void mt_needle_init(struct mneedle *nd, const char *fold)
{
	const struct mdict *d = &dict;
	const char *p = fold;

	memset(nd, 0, sizeof *nd);
	nd->text = fold;
	nd->ncodes = d->n;
	for (;;) {
		struct mword *w;
		const char *s;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (nd->n == MNEEDLE_WORDS) {
			nd->slow = true;   /* matched on the folded text */
			break;
		}
		s = p;
		while (*p && *p != ' ')
			p++;
		w = &nd->w[nd->n++];
		w->s = s;
		w->len = (size_t)(p - s);
		w->ascii = true;   /* could be in a kept ASCII token */
		for (size_t i = 0; i < w->len; i++)
			w->ascii &= lit_byte((unsigned char)s[i]);
		w->codes = xcalloc(d->n / 64 + 1, sizeof *w->codes);
		dict_search(d, w);
		word_encodings(d, w);
	}
	nd->ascii1 = nd->n == 1 && !nd->slow && nd->w[0].ascii && !nd->w[0].any;
	if (nd->ascii1 && nd->w[0].len <= sizeof nd->w16) {
		memcpy(nd->w16, nd->w[0].s, nd->w[0].len);
		nd->w16n = (uint8_t)nd->w[0].len;
	}
}

void mt_needle_free(struct mneedle *nd)
{
	for (size_t i = 0; i < nd->n; i++)
		FREE(&nd->w[i].codes);
	nd->n = 0;
}

/* Whether the needle's one word is at p, in a record of the arena (16
 * bytes readable from p): one SSE2 compare when the word fits in 16. */
static inline bool in_place(const struct mneedle *nd, const char *p)
{
	const struct mword *w = &nd->w[0];
	size_t j = 0;

#ifdef __SSE2__
	if (nd->w16n) {
		unsigned eq = (unsigned)_mm_movemask_epi8(
		        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p),
		                       _mm_loadu_si128((const __m128i *)(const void *)nd->w16)));
		unsigned want = (1u << nd->w16n) - 1;

		return (eq & want) == want;
	}
#endif
	while (j < w->len && p[j] == w->s[j])
		j++;
	return j == w->len;
}

/* mt_match for a needle of one ASCII word that no code holds (digits,
 * numbers: typing a phone or a reference): its ASCII tokens and the
 * reference only. */
static bool match_ascii1(const struct mneedle *nd, const char *text, size_t lr, size_t len,
                         uint16_t *pos)
{
	const struct mword *w = &nd->w[0];
	size_t n = len - lr - 1;
	const char *body = text + lr + 1, *s = body + 1, *at;
	size_t from = pos && *pos != MPOS_NONE && *pos + w->len < n ? *pos : 0;

	if (pos)
		*pos = MPOS_NONE;
	/* where the word it extends was, first: most often it is still there */
	if (from && in_place(nd, s + from))
		at = s + from;
	else
		at = model_find_word_pad(s + from, n - 1 - from, w->s, w->len);
	if (at) {
		if (pos && (size_t)(at - s) < MPOS_NONE)
			*pos = (uint16_t)(at - s);
		return true;
	}
	return (unsigned char)body[0] == MTEXT_CODED && ref_find(text, lr, w->s, w->len);
}

bool mt_match(const struct mneedle *nd, const char *text, size_t len, uint16_t *pos)
{
	size_t lr = ref_len(text);

	if (nd->ascii1 && (unsigned char)text[lr + 1] != MTEXT_RAW)
		return match_ascii1(nd, text, lr, len, pos);
	return mt_match_any(nd, text, len, pos);
}

static bool mt_match_any(const struct mneedle *nd, const char *text, size_t len, uint16_t *pos)
{
	size_t n = len - ref_len(text) - 1;
	const char *body = text + (len - n);
	const unsigned char *p = (const unsigned char *)body + 1, *end = (const unsigned char *)body + n;
	const char *s = body + 1;
	uint32_t need = 0, codes = 0;
	bool plain = (unsigned char)body[0] == MTEXT_CODED;
	size_t from = pos && *pos != MPOS_NONE && *pos < n ? *pos : 0;
	const char *at = NULL;

	if (pos)
		*pos = MPOS_NONE;
	if ((unsigned char)body[0] == MTEXT_RAW || nd->slow) {
		static struct strbuf fb;

		mt_fold(text, len, &fb);
		return model_fold_match(fb.s, fb.len, nd->text);
	}
	for (size_t i = 0; i < nd->n; i++) {
		const struct mword *w = &nd->w[i];
		/* a few codes hold it, and the dictionary has not grown since the
		 * needle was made (a later code could hold it too): their bytes
		 * are looked for first, a word being more often a coded token */
		bool few = w->nenc && dict.n == nd->ncodes;

		if (few && has_code(w, s, n - 1))
			continue;
		/* the kept ASCII tokens are the only bytes below 0x80 an ASCII word can meet */
		if (w->ascii && i + 1 == nd->n && pos) {
			/* the last word: from where the word it extends first was */
			if ((at = model_find_word_pad(s + from, n - 1 - from, w->s, w->len))) {
				if ((size_t)(at - s) < MPOS_NONE)
					*pos = (uint16_t)(at - s);
				continue;
			}
		} else if (w->ascii && model_find_word_pad(s, n - 1, w->s, w->len)) {
			continue;
		}
		if (w->ascii && plain && ref_find(text, (size_t)(body - 1 - text), w->s, w->len))
			continue;
		if (!w->any || few)
			return false;
		need |= 1u << i;
	}
	codes = need;
	while (need && p < end) {
		const unsigned char *lit;
		size_t ln;
		uint32_t code;
		bool upper;

		if (*p == B_END) {
			p++;
			continue;
		}
		if (!next_token(&p, end, &code, &lit, &ln, &upper) || code == UINT32_MAX)
			continue;
		if (code >= nd->ncodes) {   /* coded after the needle: ask the folded text */
			static struct strbuf fb;

			mt_fold(text, len, &fb);
			return model_fold_match(fb.s, fb.len, nd->text);
		}
		for (uint32_t m = codes & need; m; m &= m - 1) {
			unsigned i = (unsigned)__builtin_ctz(m);

			if (nd->w[i].codes[code >> 6] >> (code & 63) & 1u)
				need &= ~(1u << i);
		}
	}
	return need == 0;
}
