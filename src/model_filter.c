/* model_filter.c - the queue filter over a whole ward (see model_impl.h).
 *
 * A filter is a folded text; a case matches when every word of it occurs in
 * the case's folded text (text_fold_match).  Match sets are bitmaps over
 * the model's slots, cached per filter text (MFILTER_LEVELS of them, least
 * recently used goes first):
 *   - typing a character: the new filter extends a cached one (its text
 *     starts with the cached text), so only the cases in that set can
 *     match, and only from the cached filter's last word on;
 *   - deleting characters: the shorter filter was cached on the way in;
 *   - a case put or removed while filtered updates every cached set.
 * A scan of many cases walks the text arena in memory order, each case's
 * coded text matched by mt_match (model_text.c).  Two small arrays per
 * slot help: the signature of the bytes in its folded text (a case lacking
 * one of the needle's cannot match; a one-letter or one-digit filter needs
 * nothing else), and where the last word first occurred among its ASCII
 * tokens (typing that word on looks there first). */
#include "wardesk/wardesk.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "wardesk/model.h"
#include "wardesk/model_impl.h"

/* First occurrence of w (wl >= 1 bytes) in h (hl bytes), or NULL. */
const char *model_find_word(const char *h, size_t hl, const char *w, size_t wl)
{
	size_t i = 0;

	if (wl > hl)
		return NULL;
	if (wl == 1)
		return memchr(h, w[0], hl);
#ifdef __SSE2__
	/* 16 positions at a time: first and last byte of w both in place */
	if (hl >= wl + 15) {
		const __m128i first = _mm_set1_epi8(w[0]), last = _mm_set1_epi8(w[wl - 1]);

		for (; i + wl - 1 + 16 <= hl; i += 16) {
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(h + i));
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(h + i + wl - 1));
			unsigned mask = (unsigned)_mm_movemask_epi8(
			        _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));

			while (mask) {
				unsigned k = (unsigned)__builtin_ctz(mask);
				const char *q = h + i + k;
				size_t j = 1;

				/* the bytes between, in place (short words: no call) */
				while (j + 1 < wl && q[j] == w[j])
					j++;
				if (j + 1 >= wl)
					return q;
				mask &= mask - 1;
			}
		}
	}
#endif
	/* the last few positions (or no SSE2): each first byte, then the rest;
	 * a short rest in place (calls cost more than its few bytes) */
	if (hl - i < 64) {
		for (; i + wl <= hl; i++) {
			size_t j = 0;

			while (j < wl && h[i + j] == w[j])
				j++;
			if (j == wl)
				return h + i;
		}
		return NULL;
	}
	while (i + wl <= hl) {
		const char *q = memchr(h + i, w[0], hl - wl + 1 - i);

		if (!q)
			return NULL;
		if (memcmp(q + 1, w + 1, wl - 1) == 0)
			return q;
		i = (size_t)(q - h) + 1;
	}
	return NULL;
}

/* model_find_word for a haystack in the text arena, which has MARENA_PAD
 * readable bytes after every record: 16 positions at a time to the end. */
const char *model_find_word_pad(const char *h, size_t hl, const char *w, size_t wl)
{
#ifdef __SSE2__
	const __m128i first = _mm_set1_epi8(w[0]), last = _mm_set1_epi8(w[wl - 1]);

	for (size_t i = 0; i + wl <= hl; i += 16) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(h + i));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(h + i + wl - 1));
		unsigned mask = (unsigned)_mm_movemask_epi8(
		        _mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
		size_t room = hl - wl - i;   /* the last position that fits, from i */

		if (room < 15)
			mask &= (1u << (room + 1)) - 1;
		while (mask) {
			const char *q = h + i + (unsigned)__builtin_ctz(mask);
			size_t j = 1;

			while (j + 1 < wl && q[j] == w[j])
				j++;
			if (j + 1 >= wl)
				return q;
			mask &= mask - 1;
		}
	}
	return NULL;
#else
	return model_find_word(h, hl, w, wl);
#endif
}

bool model_fold_match(const char *h, size_t hlen, const char *needle)
{
	const char *p = needle;

	for (;;) {
		const char *w;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			return true;
		w = p;
		while (*p != '\0' && *p != ' ')
			p++;
		if (!model_find_word(h, hlen, w, (size_t)(p - w)))
			return false;
	}
}

bool model_case_matches(const struct mcase *c, const char *text)
{
	static struct strbuf fb;
	char *f = model_fold(text ? text : "");
	size_t n;
	const char *b = ms_text(c, &n);
	bool yes;

	mt_fold(b, n, &fb);
	yes = !f || model_fold_match(fb.s, fb.len, f);
	free(f);
	return yes;
}

void mfilter_init(struct mfilter *f)
{
	memset(f, 0, sizeof *f);
	f->cur = -1;
	f->pos_level = -1;
	f->job.slot = -1;
}

static void level_drop(struct mlevel *l)
{
	FREE(&l->fold);
	FREE(&l->bits);
	l->used = 0;
}

static void drop_levels(struct mfilter *f)
{
	for (int i = 0; i < MFILTER_LEVELS; i++)
		level_drop(&f->lv[i]);
	f->cur = -1;
	f->pos_level = -1;
}

void mfilter_free(struct mfilter *f)
{
	mfilter_abandon(f);
	drop_levels(f);
	FREE(&f->sig);
	FREE(&f->pos);
	f->nwords = 0;
}

/* Bit of a byte in a signature (MSIG_NONE: none).  Every letter and digit
 * has one of its own but f, j, q, w and z (letters no Vietnamese word
 * spells, but "qu"), which share one: 21 + 1 + 10 = 32 bits. */
#define MSIG_NONE 32u
#define MSIG_RARE 21u
static const uint8_t sig_letter[26] = {
	/* a  b  c  d  e  f         g  h  i  j          k  l  m  n  o  p  q */
	0, 1, 2, 3, 4, MSIG_RARE, 5, 6, 7, MSIG_RARE, 8, 9, 10, 11, 12, 13, MSIG_RARE,
	/* r  s   t   u   v   w          x   y   z */
	14, 15, 16, 17, 18, MSIG_RARE, 19, 20, MSIG_RARE,
};

static inline unsigned sig_bit(unsigned char c)
{
	if (c >= 'a' && c <= 'z')
		return sig_letter[c - 'a'];
	if (c >= '0' && c <= '9')
		return 22u + (c - '0');
	return MSIG_NONE;
}

/* A one-byte filter the signatures answer alone: a byte with a bit of its own. */
static inline bool sig_exact(unsigned char c)
{
	unsigned b = sig_bit(c);

	return b < MSIG_NONE && b != MSIG_RARE;
}

static inline msig sig_add(msig sig, unsigned char c)
{
	unsigned b = sig_bit(c);

	return b < MSIG_NONE ? sig | (msig)1 << b : sig;
}

msig mfilter_sig_of(const char *s, size_t len)
{
	msig sig = 0;

	for (size_t i = 0; i < len; i++)
		sig = sig_add(sig, (unsigned char)s[i]);
	return sig;
}

/* The needle's signature: every byte of its words. */
static msig needle_sig(const char *text)
{
	msig sig = 0;

	for (const char *p = text; *p; p++)
		sig = sig_add(sig, (unsigned char)*p);
	return sig;
}

void mfilter_text(struct mfilter *f, uint32_t slot, msig sig)
{
	if ((size_t)(slot >> 6) < f->nwords)
		f->sig[slot] = sig;
}

void mfilter_grow(struct mfilter *f, size_t nslots)
{
	size_t nw = (nslots + 63) / 64;

	if (nw <= f->nwords)
		return;
	f->pos = xreallocarray(f->pos, nw * 64, sizeof *f->pos);
	f->sig = xreallocarray(f->sig, nw * 64, sizeof *f->sig);
	memset(f->sig + f->nwords * 64, 0, (nw - f->nwords) * 64 * sizeof *f->sig);
	for (int i = 0; i < MFILTER_LEVELS; i++) {
		struct mlevel *l = &f->lv[i];

		if (!l->fold)
			continue;
		l->bits = xreallocarray(l->bits, nw, sizeof *l->bits);
		memset(l->bits + f->nwords, 0, (nw - f->nwords) * sizeof *l->bits);
	}
	f->nwords = nw;
}

const char *mfilter_fold(const struct mfilter *f)
{
	return f->cur >= 0 ? f->lv[f->cur].fold : NULL;
}

static inline bool sig_ok(const struct mfilter *f, uint32_t slot, msig nsig)
{
	return (f->sig[slot] & nsig) == nsig;
}

/* out = the live cases whose text has the one letter or digit of nsig:
 * the signatures answer it. */
static void scan_sig(struct mfilter *f, const struct model *m, msig nsig, uint64_t *out)
{
	for (uint32_t s = 0; s < m->nslot; s++)
		if ((m->sbits[s] & SB_LIVE) && sig_ok(f, s, nsig))
			out[s >> 6] |= (uint64_t)1 << (s & 63);
}

/* Whether the job's case at slot (its record text h, len bytes) matches:
 * into out, its last word's place into pos. */
static inline void job_test(struct mfilter *f, uint32_t slot, const char *h, size_t len,
                            uint64_t *out)
{
	uint16_t p = f->job.memo ? f->pos[slot] : MPOS_NONE;

	if (mt_match(&f->job.nd, h, len, &p)) {
		out[slot >> 6] |= (uint64_t)1 << (slot & 63);
		f->pos[slot] = p;
	}
}

/* The job's scan is over (or dropped). */
static void job_end(struct mfilter *f)
{
	mt_needle_free(&f->job.nd);
	FREE(&f->job.text);
	f->job.slot = -1;
}

static int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The job's walk of the arena in memory order, from job.off on, until
 * deadline (mono_ns; 0: none; -1: 256 cases): true when it reached the
 * end.  The words of job.text in every case of the base (all: -1).  The
 * arrays and the offset are kept in locals: stores through out may alias
 * the struct, which made every case load them again. */
static bool walk(struct mfilter *f, const struct model *m, int64_t deadline)
{
	const uint64_t *base = f->job.base >= 0 ? f->lv[f->job.base].bits : NULL;
	uint64_t *out = f->lv[f->job.slot].bits;
	const msig *sig = f->sig, nsig = f->job.nsig;
	size_t alen, k = 0, off = f->job.off;
	const char *arena = model_arena(m, &alen);
	bool done = true;

	while (off < alen) {
		struct mrec r = mrec_at(arena + off);
		uint32_t slot = r.slot;
		const char *h = arena + off + r.head;

		if (deadline && (++k & 255) == 0 && (deadline < 0 || mono_ns() > deadline)) {
			done = false;      /* r is the first of the next step */
			break;
		}
		off += r.head + r.len;
		if (slot == MNOSLOT || (base && !(base[slot >> 6] >> (slot & 63) & 1u)) ||
		    (sig[slot] & nsig) != nsig)
			continue;
		job_test(f, slot, h, r.len, out);
	}
	f->job.off = off;
	return done;
}

/* The cases of level base (-1: all) whose text has every word of text, into
 * level out's bits (and where its last word is, into pos: *pos_ok).  True
 * when that needs a walk of the whole arena: it is left to the job (walk),
 * set up here. */
static bool scan(struct mfilter *f, const struct model *m, int base_lv, const char *text, int out_lv,
                 bool *pos_ok)
{
	const uint64_t *base = base_lv >= 0 ? f->lv[base_lv].bits : NULL;
	uint64_t *out = f->lv[out_lv].bits;
	size_t n = 0, i;
	msig nsig = needle_sig(text);
	const char *t = text + strspn(text, " ");

	bool one = t[0] && !strchr(t, ' ');

	memset(out, 0, f->nwords * sizeof *out);
	*pos_ok = false;
	if (!base && one && !t[1] && sig_exact((unsigned char)t[0])) {
		scan_sig(f, m, nsig, out);   /* one letter or digit */
		return false;
	}
	/* typing a word on: pos has where the word it extends first is */
	f->job.memo = base && base_lv == f->pos_level && one;
	f->pos_level = -1;     /* pos is being rewritten */
	*pos_ok = true;
	f->job.slot = out_lv;
	f->job.base = base_lv;
	f->job.text = xstrdup(text);
	f->job.off = 0;
	f->job.nsig = nsig;
	mt_needle_init(&f->job.nd, f->job.text);
	if (base)
		for (i = 0; i < f->nwords; i++)
			n += (size_t)__builtin_popcountll(base[i]);
	if (base && n < model_count(m) / 8) {
		/* few candidates: visit just them, now */
		for (i = 0; i < f->nwords; i++) {
			uint64_t w = base[i];

			while (w) {
				uint32_t slot = (uint32_t)(i * 64 + (size_t)__builtin_ctzll(w));
				size_t len;
				const char *h = sig_ok(f, slot, nsig) ? model_slot_text(m, slot, &len) : NULL;

				w &= w - 1;
				if (h)
					job_test(f, slot, h, len, out);
			}
		}
		job_end(f);
		return false;
	}
	return true;   /* many: walk the text arena in memory order */
}

/* The words of fold from the last word of base on (fold extends base). */
static const char *tail_of(const char *fold, const char *base)
{
	const char *tail = fold;
	size_t i, words = 0;

	for (i = 0; base[i]; i++)
		if (base[i] != ' ' && (i == 0 || base[i - 1] == ' '))
			words++;
	for (i = 1; i < words; i++) {
		tail = strchr(tail, ' ');
		if (!tail)
			return fold;
		tail++;
	}
	return tail;
}

/* Below this many candidates a scan is a fraction of a millisecond. */
#define MFILTER_FEW 8192

bool mfilter_cheap(const struct mfilter *f, const struct model *m, const char *fold)
{
	size_t best = 0, n = model_count(m);
	int base = -1;

	if (!fold || !*fold || (!fold[1] && sig_exact((unsigned char)fold[0])))
		return true;
	for (int i = 0; i < MFILTER_LEVELS; i++) {
		size_t l;

		if (!f->lv[i].fold)
			continue;
		if (strcmp(f->lv[i].fold, fold) == 0)
			return true;
		l = strlen(f->lv[i].fold);
		if (l > best && strncmp(fold, f->lv[i].fold, l) == 0) {
			best = l;
			base = i;
		}
	}
	if (base >= 0) {
		n = 0;
		for (size_t i = 0; i < f->nwords; i++)
			n += (size_t)__builtin_popcountll(f->lv[base].bits[i]);
	}
	return n < MFILTER_FEW;
}

/* The level made for fold is in force. */
static void level_done(struct mfilter *f, int slot, char *fold)
{
	f->lv[slot].fold = fold;
	f->cur = slot;
}

bool mfilter_begin(struct mfilter *f, const struct model *m, const char *fold)
{
	int i, base = -1, slot = -1;
	size_t best = 0;
	struct mlevel *l;
	bool pos_ok;

	mfilter_abandon(f);
	if (!fold || !*fold) {
		f->cur = -1;
		return false;
	}
	f->clock++;
	for (i = 0; i < MFILTER_LEVELS; i++) {
		size_t n;

		if (!f->lv[i].fold)
			continue;
		if (strcmp(f->lv[i].fold, fold) == 0) {
			f->cur = i;
			f->lv[i].used = f->clock;
			return false;
		}
		n = strlen(f->lv[i].fold);
		if (n > best && strncmp(fold, f->lv[i].fold, n) == 0) {
			best = n;
			base = i;
		}
	}
	/* a free level, or the least recently used one that is not the base */
	for (i = 0; i < MFILTER_LEVELS; i++) {
		if (i == base)
			continue;
		if (!f->lv[i].fold) {
			slot = i;
			break;
		}
		if (slot < 0 || f->lv[i].used < f->lv[slot].used)
			slot = i;
	}
	l = &f->lv[slot];
	level_drop(l);
	if (slot == f->pos_level)
		f->pos_level = -1;
	l->bits = xcalloc(f->nwords ? f->nwords : 1, sizeof *l->bits);
	l->used = f->clock;
	if (base >= 0 ? scan(f, m, base, tail_of(fold, f->lv[base].fold), slot, &pos_ok)
	              : scan(f, m, -1, fold, slot, &pos_ok)) {
		f->job.fold = xstrdup(fold);
		f->cur = -1;       /* no set in force until the walk is done */
		return true;
	}
	level_done(f, slot, xstrdup(fold));
	if (pos_ok)
		f->pos_level = slot;
	return false;
}

bool mfilter_step(struct mfilter *f, const struct model *m, int budget_us)
{
	if (f->job.slot < 0)
		return false;
	if (!walk(f, m, budget_us > 0 ? mono_ns() + (int64_t)budget_us * 1000 : budget_us < 0 ? -1 : 0))
		return true;
	level_done(f, f->job.slot, f->job.fold);
	f->pos_level = f->job.slot;
	f->job.fold = NULL;
	job_end(f);
	return false;
}

void mfilter_abandon(struct mfilter *f)
{
	if (f->job.slot < 0)
		return;
	level_drop(&f->lv[f->job.slot]);
	FREE(&f->job.fold);
	job_end(f);
	f->cur = -1;
}

void mfilter_set(struct mfilter *f, const struct model *m, const char *fold)
{
	if (mfilter_begin(f, m, fold))
		mfilter_step(f, m, 0);
}

void mfilter_update(struct mfilter *f, uint32_t slot, const char *fold, size_t len, msig sig)
{
	uint64_t bit = (uint64_t)1 << (slot & 63);

	if ((size_t)(slot >> 6) >= f->nwords)
		return;
	f->sig[slot] = fold ? sig : 0;
	f->pos[slot] = MPOS_NONE;
	for (int i = 0; i < MFILTER_LEVELS; i++) {
		struct mlevel *l = &f->lv[i];

		if (!l->fold)
			continue;
		if (fold && model_fold_match(fold, len, l->fold))
			l->bits[slot >> 6] |= bit;
		else
			l->bits[slot >> 6] &= ~bit;
	}
}

void mfilter_reset(struct mfilter *f, const struct model *m)
{
	mfilter_abandon(f);
	char *keep = f->cur >= 0 ? xstrdup(f->lv[f->cur].fold) : NULL;

	drop_levels(f);
	if (keep) {
		mfilter_set(f, m, keep);
		free(keep);
	}
}
