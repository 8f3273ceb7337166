/* model_impl.h - private to the model (src/model*.c). */
#ifndef WARDESK_MODEL_IMPL_H
#define WARDESK_MODEL_IMPL_H

#include "wardesk/model.h"
#include "wardesk/util.h"

/* text_fold of s into out for the common case (ASCII, combining marks,
 * precomposed Latin letters: every Vietnamese letter).  Returns false when
 * s holds anything else; text_fold then gives the same result for
 * everything this accepts. */
bool model_fast_fold(const char *s, struct strbuf *out);

/* A signature of a folded text (mfilter_sig_of). */
typedef uint32_t msig;

/* First occurrence of w (wl >= 1 bytes) in h (hl bytes), or NULL. */
const char *model_find_word(const char *h, size_t hl, const char *w, size_t wl);
/* The same for h in the text arena (MARENA_PAD bytes readable after it). */
#define MARENA_PAD 16
const char *model_find_word_pad(const char *h, size_t hl, const char *w, size_t wl);

/* ---- the case text, coded (model_text.c) ----
 * A record's body (after the reference and its NUL) is MTEXT_CODED (or
 * MTEXT_CODED_REF: with the reference's tokens) and a stream of tokens: the address's, 0x00, the description's, 0x00, then
 * the reference's (only when not plain printable ASCII: that one is
 * searched where it is, lower-cased), the phone's and the reporter's
 * name's (searched, never shown: no empty tokens, no end).  Fields are cut at each space into
 * tokens; a token is
 *   0x01-0x1f                  a code of the dictionary (0-30),
 *   0xc0-0xef + 1 trail byte   (31 to 3,102), 0xf0-0xff + 2 trail bytes
 *                              (to 68,638; trail bytes 0x80-0xbf),
 *   0x21-0x7e...               printable ASCII with a digit, as it is,
 *   0x7f 0x21-0x7e...          the same whose letters were all capitals,
 *                              lower-cased (so the bytes are its fold),
 * with 0x20 between two ASCII tokens.  The dictionary keeps each other
 * token once, with its fold (model_fast_fold) and that fold's signature.
 * The stream's ASCII bytes are its ASCII tokens' folds only, and every
 * byte classes differently, so an ASCII word is searched in the stream as
 * it is.  A case that cannot be coded (a character model_fast_fold does
 * not fold, an address over MCASE_ADDRESS_PACKED bytes, a full
 * dictionary) is MTEXT_RAW: "address\0summary\0" and its folded text. */
#define MTEXT_CODED_REF 0xfdu   /* coded, the reference in the stream */
#define MTEXT_RAW       0xfeu
#define MTEXT_CODED     0xffu   /* coded, the reference plain */

struct mdict_entry {
	uint32_t off;              /* the token's bytes in buf */
	uint32_t foff;             /* its fold in folds */
	uint16_t olen, flen;
	msig sig;                  /* mfilter_sig_of its fold */
};

struct mdict {
	char *buf;                 /* the tokens, end to end */
	size_t blen, bcap;
	char *folds;               /* their folds, each ending in a NUL, in code order */
	size_t flen, fcap;
	struct mdict_entry *e;
	uint32_t n, cap;
	uint32_t *hash;            /* token -> code, open addressing */
	size_t nhash;
};

/* The dictionary is one for the process (model_address has no model to
 * ask): each model holds it while it lives; the last one frees it. */
void mt_dict_hold(void);
void mt_dict_release(void);
size_t mt_dict_bytes(void);          /* its allocations */
/* The record text of row c into rec: "ref\0" and the body; *sig its
 * folded text's signature.  summary (ls bytes): the description's first
 * MCASE_SUMMARY bytes; raw_fold: its folded search text (only for a case
 * kept as MTEXT_RAW). */
void mt_encode(const struct wd_case *c, const char *summary, size_t ls,
               const char *(*raw_fold)(const struct wd_case *, size_t *), struct strbuf *rec,
               msig *sig);
/* From a record text ("ref\0" and the body, len bytes): the address,
 * the summary (in buf of size bytes, or in the text when kept as it is),
 * the folded search text. */
const char *mt_address(const char *text, size_t len, char *buf, size_t size);
const char *mt_summary(const char *text, size_t len, char *buf, size_t size);
void mt_fold(const char *text, size_t len, struct strbuf *out);

/* A folded needle, matched against the dictionary once: per word, the
 * codes whose fold holds it. */
#define MNEEDLE_WORDS 32
#define MWORD_ENC 8            /* codes of a word searched as bytes, at most */
struct mword {
	const char *s;
	size_t len;
	bool ascii;                /* printable ASCII: may be in an ASCII token */
	bool any;                  /* some code holds it */
	uint64_t *codes;           /* bit per code */
	/* When 1 to MWORD_ENC codes hold it: each code as it is written in a
	 * stream (its length, then its 1-3 bytes).  A code's bytes occur in a
	 * stream only where that code was written (model_text.c), so a search
	 * for them answers without reading the stream token by token. */
	uint8_t nenc;
	uint8_t enc[MWORD_ENC][4];
};
struct mneedle {
	const char *text;          /* the folded needle (not owned) */
	size_t n;
	bool slow;                 /* over MNEEDLE_WORDS words: on the folded text */
	bool ascii1;               /* one ASCII word no code holds */
	char w16[16];              /* that word, 0-padded, when it fits (w16n: its length) */
	uint8_t w16n;
	uint32_t ncodes;           /* the dictionary's size when made */
	struct mword w[MNEEDLE_WORDS];
};
void mt_needle_init(struct mneedle *nd, const char *fold);
void mt_needle_free(struct mneedle *nd);
/* Every word of the needle occurs in the folded text of a record text.
 * pos (NULL: not wanted): where the needle's last word first occurs among
 * the body's ASCII tokens (an offset in the stream after the kind byte;
 * MPOS_NONE: not there, or not known), and on the way in where a word it
 * extends first occurred there (so it cannot occur before). */
#define MPOS_NONE UINT16_MAX
bool mt_match(const struct mneedle *nd, const char *text, size_t len, uint16_t *pos);

/* ---- storage (model.c) ----
 * A case lives in a slot: its struct mcase in a slab of SLAB cases (never
 * moved, never freed one by one), its text in one arena of records, each
 * a header (struct mrec) and "ref\0" and the body (model_text.c: the other
 * fields coded against the model's dictionary).  Per slot, a byte of view
 * bits and the time from which the case is due, so views and counts are
 * rebuilt from small arrays without touching the cases. */
#define MSLAB_SHIFT 12
#define MSLAB (1u << MSLAB_SHIFT)
#define MNOSLOT UINT32_MAX

/* A record, at any byte: its header, then its text (len bytes).  The
 * header is [len][slot, 4 bytes] for len < 255, else
 * [0xff][len, 4 bytes][0xff][slot, 4 bytes]; so it reads forwards from the
 * record's start (walks of the arena) and backwards from its text (the
 * case's ref).  Numbers in the machine's byte order, read with memcpy. */
#define MREC_LONG 0xffu

struct mrec {
	uint32_t slot;             /* MNOSLOT: dead (the case changed or went away) */
	uint32_t len;              /* bytes of text */
	size_t head;               /* bytes of header */
};

static inline uint32_t mrec_u32(const char *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* The record starting at p. */
static inline struct mrec mrec_at(const char *p)
{
	struct mrec r;

	if ((unsigned char)p[0] != MREC_LONG) {
		r.len = (unsigned char)p[0];
		r.slot = mrec_u32(p + 1);
		r.head = 5;
	} else {
		r.len = mrec_u32(p + 1);
		r.slot = mrec_u32(p + 6);
		r.head = 10;
	}
	return r;
}

/* The record whose text starts at t. */
static inline struct mrec mrec_of_text(const char *t)
{
	struct mrec r;

	r.slot = mrec_u32(t - 4);
	if ((unsigned char)t[-5] != MREC_LONG) {
		r.len = (unsigned char)t[-5];
		r.head = 5;
	} else {
		r.len = mrec_u32(t - 9);
		r.head = 10;
	}
	return r;
}

/* ---- the filter (model_filter.c) ----
 * A small cache of match sets, one bitmap over the slots per folded filter
 * text: typing narrows from the longest cached filter the new one extends
 * (only its last words are checked, only on the cases that matched);
 * deleting characters finds the shorter filter still cached; every cached
 * set is kept right when a case changes. */
#define MFILTER_LEVELS 16

struct mlevel {
	char *fold;                /* NULL: unused */
	uint64_t *bits;            /* one bit per slot */
	uint64_t used;             /* LRU stamp */
};

struct mfilter {
	struct mlevel lv[MFILTER_LEVELS];
	int cur;                   /* level of the filter in force, -1: none */
	uint64_t clock;
	size_t nwords;             /* capacity of the bitmaps, in 64-bit words */
	/* Per slot, the letters and digits its folded text holds
	 * (mfilter_sig_of): a case whose signature lacks a bit of the
	 * needle's cannot match, and a one-letter or one-digit needle (not f,
	 * j, q, w, z) is answered by the signature alone. */
	msig *sig;
	/* Per slot of level pos_level (-1: none), where its filter's last word
	 * first occurs (mt_match's pos): typing that word on looks from
	 * there. */
	uint16_t *pos;
	int pos_level;
	/* A scan walking the arena in steps (mfilter_begin): level slot is
	 * being filled (its fold still NULL: no cached set yet), from arena
	 * offset off on, with text (all of fold, or the words after base's). */
	struct {
		int slot;              /* -1: none */
		int base;              /* level narrowed from, -1: all cases */
		char *fold, *text;
		struct mneedle nd;     /* text against the dictionary */
		bool memo;             /* text is one word extending pos_level's last one */
		size_t off;
		msig nsig;
	} job;
};

struct model;
struct mcase *model_slot_case(const struct model *m, uint32_t slot);
size_t model_slot_cap(const struct model *m);
/* The record text of a slot's case and its length; NULL: no case. */
const char *model_slot_text(const struct model *m, uint32_t slot, size_t *len);
/* The text arena: records (struct mrec), len bytes in all. */
const char *model_arena(const struct model *m, size_t *len);

void mfilter_init(struct mfilter *f);
void mfilter_free(struct mfilter *f);
void mfilter_grow(struct mfilter *f, size_t nslots);
/* Whether mfilter_set(f, m, fold) needs no visit of many cases' texts: a
 * cached set, a one-letter or one-digit filter (the signatures), or few
 * candidates. */
bool mfilter_cheap(const struct mfilter *f, const struct model *m, const char *fold);
/* Make fold (folded, non-empty) the filter in force; NULL: none. */
void mfilter_set(struct mfilter *f, const struct model *m, const char *fold);
/* The same in steps: true when a walk of the arena is left to
 * mfilter_step (nothing in the model may change meanwhile); then fold is
 * in force once mfilter_step has returned false.  mfilter_abandon drops an
 * unfinished one (and the positions it wrote). */
bool mfilter_begin(struct mfilter *f, const struct model *m, const char *fold);
/* budget_us: microseconds (0: to the end; -1: 256 cases, the smallest step) */
bool mfilter_step(struct mfilter *f, const struct model *m, int budget_us);
void mfilter_abandon(struct mfilter *f);
/* The case in slot changed (fold: its folded text, sig: its signature) or
 * went away (NULL). */
void mfilter_update(struct mfilter *f, uint32_t slot, const char *fold, size_t len, msig sig);
/* The signature of a folded text: a bit for each letter and digit it holds
 * (f, j, q, w and z share one; other bytes have none). */
msig mfilter_sig_of(const char *s, size_t len);
/* The case in slot has this signature now (every put, sweeping or not). */
void mfilter_text(struct mfilter *f, uint32_t slot, msig sig);
/* Forget every cached set but the one in force, and recompute that one. */
void mfilter_reset(struct mfilter *f, const struct model *m);
const char *mfilter_fold(const struct mfilter *f);   /* NULL: no filter */
static inline bool mfilter_pass(const struct mfilter *f, uint32_t slot)
{
	return f->cur < 0 || (f->lv[f->cur].bits[slot >> 6] >> (slot & 63) & 1u);
}
/* Every word of the folded needle occurs in the folded haystack h (hlen
 * bytes): text_fold_match, without strlen, faster for short words. */
bool model_fold_match(const char *h, size_t hlen, const char *needle);

/* ---- inside the model (model.c, model_store.c) ---- */

struct pool {
	char **v;
	size_t n, cap;
};

/* Per-slot view bits that do not depend on the clock. */
#define SB_LIVE     0x01u       /* the slot holds a case */
#define SB_OPEN     0x02u
#define SB_INCOMING 0x04u
#define SB_MINE     0x08u
#define SB_ESC      0x10u
#define SB_CLOSED   0x20u       /* resolved: "resolved today" asks closed_at */

struct model {
	/* cases by slot: slabs of MSLAB struct mcase, never moved */
	char **slabs;
	size_t nslabs;
	uint32_t nslot;              /* slots handed out so far (high water) */
	uint32_t *freeslots;         /* slots of removed cases, for reuse */
	size_t nfree, capfree;
	uint8_t *sbits;              /* per slot: SB_* */
	uint32_t *due_from;          /* per slot: in "due" from this time on (as mcase's times) */
	size_t capslot;

	/* id -> slot, open addressing, linear probing, size a power of two */
	uint32_t *hash;
	size_t nhash, nused;

	uint32_t *all;               /* slots sorted by (deadline, id) */
	size_t nall, capall;
	uint32_t *vis;               /* the visible subset, same order */
	size_t nvis, capvis;

	/* text of every case: records (struct mrec) of "ref\0" + body */
	char *arena;
	size_t alen, acap, adead;

	bool sweeping;
	uint8_t gen;

	enum view_id view;
	char *filter_raw;
	struct mfilter filter;
	bool counting;          /* model_set_filter_soon: the filter's scan is in
	                         * steps (vis: its first rows only) */
	int once_us;            /* model_set_filter_soon's scan before the first rows */
	int64_t *only;          /* model_set_only: these case ids (sorted), or none */
	size_t nonly;
	char *me;
	uint16_t me_idx;             /* 0 when me is not in the pool yet */
	time_t now, midnight;

	size_t counts[VIEW_COUNT];   /* per view, ignoring the filter */

	struct pool owners, cats;
};


static inline struct mcase *SC(const struct model *m, uint32_t s)
{
	return (struct mcase *)(void *)(m->slabs[s >> MSLAB_SHIFT] +
	                                (size_t)(s & (MSLAB - 1)) * sizeof(struct mcase));
}

/* model_store.c: the pools, slots, text arena and id hash of struct model. */
uint16_t ms_pool_find(const struct pool *p, const char *s);
uint16_t ms_pool_intern(struct pool *p, const char *s);
void ms_pool_free(struct pool *p);
uint32_t ms_slot_alloc(struct model *m);
/* The text of the case in slot: len bytes laid out as above. */
void ms_arena_add(struct model *m, uint32_t slot, const char *text, size_t len);
/* The record text of c as ms_arena_add was given it: len bytes. */
const char *ms_text(const struct mcase *c, size_t *len);
void ms_arena_kill(struct model *m, struct mcase *c);   /* its text is garbage now */
void ms_arena_compact(struct model *m);
void ms_arena_maybe_compact(struct model *m);
void ms_arena_release(struct model *m);
uint32_t ms_hash_find(const struct model *m, int64_t id, size_t *at);   /* MNOSLOT: none */
void ms_hash_insert(struct model *m, uint32_t slot);
void ms_hash_delete(struct model *m, int64_t id);
void ms_hash_rebuild(struct model *m, size_t want);   /* from m->all */

#endif
