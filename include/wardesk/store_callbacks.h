/* store_callbacks.h - call-backs in the store (src/store_callbacks.c; SQL in
 * sql/code/57_callbacks.sql, the table in sql/migrations/019_callbacks.sql):
 * the hotline's list of reporters to tell the result of a resolved case,
 * and the record of each call.
 *
 * Ownership: store_callbacks fills *out; wd_callback_list_free frees it. */
#ifndef WARDESK_STORE_CALLBACKS_H
#define WARDESK_STORE_CALLBACKS_H

#include "wardesk/store.h"

/* One reporter to call back about one resolved case. */
struct wd_callback {
	int64_t id;             /* the case's */
	char *ref;
	int version;            /* the case's, for the version check */
	char *reporter;         /* the key: a case's ref, or r<id> (a repeat caller) */
	char *name;             /* may be NULL */
	char *phone;            /* 0xxxxxxxxx */
	char *channel;          /* hotline, walkin, app, import; may be NULL */
	time_t resolved_at;
	char *note;             /* the resolution note, to read out */
	int attempts;           /* calls so far (no answer) */
	time_t last_at;         /* 0: never called */
	time_t next_try;        /* inside the ward's daytime hours */
	bool due;               /* next_try has come */
};
struct wd_callback_list {
	struct wd_callback *v;
	size_t n;
};
void wd_callback_list_free(struct wd_callback_list *l);

/* The call-back list of the caller's ward, oldest resolution first. */
enum st_status store_callbacks(struct store *st, struct wd_callback_list *out, struct st_err *err);

/* What a call came to. */
enum wd_call_outcome { WD_CALL_REACHED, WD_CALL_NO_ANSWER, WD_CALL_WRONG_NUMBER };
const char *wd_call_outcome_name(enum wd_call_outcome o);   /* reached, no_answer, wrong_number */

struct st_callback_call {
	const char *ref;
	const char *reporter;   /* NULL: the case's only reporter on the list */
	enum wd_call_outcome outcome;
	int rating;             /* 1-5, 0: none (only when reached) */
	const char *comment;    /* may be NULL */
	int seen;               /* the version the caller saw, 0: no check */
};
/* Record one call.  *attempt gets its number, *next_at the next try (0: no
 * more tries). */
enum st_status store_callback_record(struct store *st, const struct st_callback_call *q, int *attempt,
                                     time_t *next_at, struct st_err *err);

/* The call-back figures of the statistics for from .. to (both given:
 * those of struct wd_stats), wardesk.callback_stats(): unknown numbers
 * are -1.  json: the database's document (freed by
 * wd_callback_stats_free). */
struct wd_callback_stats {
	long reporters;         /* to call back, of the cases resolved in the period */
	long informed;          /* of them, reached within 24 h of the resolution */
	double rate;            /* informed / reporters */
	double phone_avg, app_avg;
	long phone_n, app_n;
	long list_n, list_due;
	long oldest_secs;       /* the list's oldest entry has waited this long */
	char *json;
};
void wd_callback_stats_free(struct wd_callback_stats *s);
enum st_status store_callback_stats(struct store *st, time_t from, time_t to, struct wd_callback_stats *out,
                                    struct st_err *err);

#endif
