/* model.h - the console's in-memory case set and its views.
 *
 * Every case the console knows, kept small: one struct mcase in a slab (no
 * malloc per case), its reference and its texts, coded against one
 * dictionary of words (model_impl.h "the case text"), in one arena,
 * owners and categories interned.  Cases are kept sorted by
 * (deadline, id); a view (incoming, mine, open, due, escalated, resolved
 * today) plus an optional filter selects the visible rows.  The visible
 * index is rebuilt in O(n) from a byte of view bits per case, without
 * touching the cases, and updated incrementally when one case changes; the
 * per-view counts follow every change (the "due" count is redone on
 * model_tick).
 *
 * The filter matches the folded (text_fold) text of reference, description,
 * address, phone and reporter name, without keeping it: each filter word
 * is matched against the dictionary's folded words once, then looked up
 * in each case's codes (and its kept ASCII tokens searched as they are).
 * Match sets are cached per filter text, so typing narrows from the last
 * set and deleting characters finds the shorter filter's set again (see
 * model_impl.h).
 *
 * Ownership: the model owns every mcase.  A struct mcase pointer stays
 * valid until that case is removed (model_remove, or a model_sweep_end that
 * drops it); an update keeps it in place.  Its ref points into the arena,
 * which may move at any model_put, model_remove or model_sweep_end: read
 * it (and model_address, model_summary) through the case, do not keep
 * them. */
#ifndef WARDESK_MODEL_H
#define WARDESK_MODEL_H

#include "wardesk/store.h"

#define VIEWS(X) \
	X(VIEW_INCOMING,  "incoming",  N_("Incoming")) \
	X(VIEW_MINE,      "mine",      N_("Mine")) \
	X(VIEW_OPEN,      "open",      N_("Open")) \
	X(VIEW_DUE,       "due",       N_("Due")) \
	X(VIEW_ESCALATED, "escalated", N_("Escalated")) \
	X(VIEW_RESOLVED,  "resolved",  N_("Resolved"))

enum view_id {
#define X(id, name, title) id,
	VIEWS(X)
#undef X
	VIEW_COUNT
};

const char *view_name(enum view_id v);     /* "incoming" ... */
const char *view_title(enum view_id v);    /* translated */
int view_parse(const char *name);          /* also "overdue", "all", "today"; -1 unknown */

/* One case, as small as the queue allows. */
struct mcase {
	int64_t id;
	/* Times in seconds since 1970 in 32 bits (to 2106; model_put keeps
	 * anything outside in range: before 1970 is 0, after is UINT32_MAX).
	 * They compare and convert with time_t as they are. */
	uint32_t deadline, closed_at;
	int32_t version;
	uint8_t state, channel, escalation;
	uint8_t mark;            /* sweep generation bit */
	uint8_t chain;           /* MCHAIN_* bits: the escalation chain */
	uint8_t flags;           /* MCASE_* bits: call-back wanted, hotline line,
	                          * arrived after the officer's new_since */
	uint16_t warn_min;
	uint16_t owner;          /* index into the login pool, 0: none */
	uint16_t category;       /* index into the category pool, 0: none */
	char *ref;               /* points into the model's text arena */
	/* The address (model_address), the summary (model_summary) and the
	 * folded search text live in the arena after the reference; no pointer
	 * to them (24 bytes a case). */
};

/* mcase.flags bits */
#define MCASE_CALLBACK  1u   /* the caller wants to be called back */
#define MCASE_POLICE    2u   /* came in on the ward police hotline line */
#define MCASE_COMMITTEE 4u   /* came in on the ward committee line */
#define MCASE_DUP       8u   /* likely a duplicate of an earlier case (flagged at intake) */
#define MCASE_URGENT   16u   /* priority urgent: first in every view (sql/014) */
#define MCASE_ARRIVED  32u   /* it arrived after the officer's new_since (live.h,
                              * model_put's seen_at): it may show as NEW until
                              * seen (model_seen.h); kept by every update */
#define MCASE_SUMMARY   120  /* bytes of description kept for the queue */

/* mcase.chain bits */
#define MCHAIN_WARNED 1u     /* the warning step was done */
#define MCHAIN_ACKED  2u     /* the warning / escalation is acknowledged */

struct model;

struct model *model_new(const char *me);
void model_free(struct model **m);
void model_set_me(struct model *m, const char *me);

/* Insert or update from a store row.  seen_at is used only when the case
 * is new to the model: not 0, the case is MCASE_ARRIVED.  Returns the
 * stored case. */
struct mcase *model_put(struct model *m, const struct wd_case *c, time_t seen_at);
void model_remove(struct model *m, int64_t id);

/* Full resync: model_sweep_begin, model_put every row, model_sweep_end
 * removes every case not put since begin. */
void model_sweep_begin(struct model *m);
void model_sweep_end(struct model *m);
void model_sweep_abort(struct model *m);   /* end a sweep keeping every case */

struct mcase *model_find(const struct model *m, int64_t id);
struct mcase *model_find_ref(const struct model *m, const char *ref);   /* O(n) */
size_t model_count(const struct model *m);
struct mcase *model_at(const struct model *m, size_t i);  /* all cases, deadline order */

/* The queue's summary of c: the description's first MCASE_SUMMARY bytes
 * at most, cut at a character boundary, untrusted (sanitise when drawn).
 * Decoded into buf (valid until its next use); a text kept as it is (not
 * coded) is returned from the arena (valid as c->ref is). */
const char *model_summary(const struct mcase *c, char buf[MCASE_SUMMARY + 1]);
/* The address of c ("" when none), untrusted, kept the same way (coded
 * when at most MCASE_ADDRESS_PACKED bytes): in buf or in the arena. */
#define MCASE_ADDRESS_PACKED 255
const char *model_address(const struct mcase *c, char buf[MCASE_ADDRESS_PACKED + 1]);
/* Everything the model holds for c (its fields but the sweep's mark, its
 * text), appended to out: two cases whose keys are equal are drawn and
 * filtered alike (live.c: a confirmation that changed nothing draws
 * nothing).  An exact copy, not a hash: a forged payload cannot match. */
void model_case_key(const struct mcase *c, struct strbuf *out);
const char *model_owner(const struct model *m, const struct mcase *c);    /* NULL: none */
const char *model_category(const struct model *m, const struct mcase *c); /* "" none */
/* Category codes seen so far (for completion). */
size_t model_category_count(const struct model *m);
const char *model_category_name(const struct model *m, size_t i);

/* Views. */
void model_set_view(struct model *m, enum view_id v);
enum view_id model_view(const struct model *m);
void model_set_filter(struct model *m, const char *text);   /* NULL or "": none */
/* The same, for a filter being typed: when the whole scan would visit many
 * cases' texts, it runs for at most model_set_filter_once's microseconds
 * (MODEL_FILTER_ONCE_US unless set; 0: none) and, if that did not finish
 * it, only the view's first rows that match are found now (at most first;
 * exactly the first rows of the whole result), and model_filter_counting
 * says the rest is still to do: model_filter_step does it in steps of
 * budget_us microseconds (0: all of it; -1: the smallest step; false once
 * done), the console's loop between keys.  Any other change of the model
 * (a case, the view, the clock) finishes it first; another filter drops
 * it. */
#define MODEL_FILTER_ONCE_US 2500
void model_set_filter_soon(struct model *m, const char *text, size_t first);
void model_set_filter_once(struct model *m, int once_us);
bool model_filter_counting(const struct model *m);
bool model_filter_step(struct model *m, int budget_us);
const char *model_filter(const struct model *m);             /* "" when none */
/* Show only these cases (a cluster of the map, issue 16 §2), in place of
 * the filter; label is what model_filter() says meanwhile.  Any
 * model_set_filter (Esc clears it) ends it. */
void model_set_only(struct model *m, const int64_t *ids, size_t n, const char *label);
/* Whether case c matches a filter text (as the filter would, folded); a
 * text that folds to nothing matches every case. */
bool model_case_matches(const struct mcase *c, const char *text);
size_t model_visible(const struct model *m);
struct mcase *model_row(const struct model *m, size_t i);
long model_row_of(const struct model *m, int64_t id);       /* -1 when not visible */
size_t model_view_count(struct model *m, enum view_id v);   /* O(n), no filter */
/* Time moved on: views that depend on the clock (due, resolved today) are
 * rebuilt.  Returns true when the visible rows may have changed. */
bool model_tick(struct model *m, time_t now);

/* text_fold, with a fast path for ASCII and Vietnamese letters (same
 * result).  Caller frees. */
char *model_fold(const char *s);

/* Local midnight (Asia/Ho_Chi_Minh) at or before t. */
time_t model_local_midnight(time_t t);

#endif
