/* store_intake.h - intake in the case store: the app feed (Open311 import
 * and export), ratings, likely duplicates, merging, extra reporters, repeat
 * callers.  Implemented in src/store_intake.c over the SQL functions of
 * sql/002_intake.sql (see sql/API.md, "Intake").
 *
 * Ownership: lists and structs filled here are owned by the caller and
 * released with the matching *_free function.  Strings come from the
 * database (valid UTF-8, NFC) and are untrusted: sanitise before display. */
#ifndef WARDESK_STORE_INTAKE_H
#define WARDESK_STORE_INTAKE_H

#include "wardesk/store.h"

/* What happened to one imported request. */
struct wd_import_item {
	char ref[32];             /* the case, e.g. "BT-31" */
	bool created;             /* false: the external id was already imported */
	char **flags;             /* NULL-terminated, e.g. "unknown_service_code:XYZ",
	                           * "likely_duplicate:BT-3"; may be empty */
	bool closed;              /* this import applied the app's closure */
	char *problem;            /* a refused feed: why this item was refused
	                           * (translated, "item N (ID): ..."); else NULL */
};

/* One request of a feed to import, in the store's own plain terms (the
 * Open311 parser's struct is converted above the store, in intake_feed.c).
 * Strings may be NULL when absent. */
struct wd_import_request {
	const char *external_id;    /* the feed's id (service_request_id), required */
	const char *service_code, *description;
	time_t requested_at;        /* required */
	const char *address;
	const char *service_name, *address_id, *zipcode;   /* as sent, NULL when none */
	bool has_coords;
	double lat, lon;
	const char *media_url;
	const char *status;         /* "open" or "closed" */
	const char *status_notes;
	time_t updated_at;          /* 0: none */
	int rating;                 /* 1..5, 0: none */
	const char *rating_comment;
};

/* How far a long store operation is: done of total items (called after
 * each batch; ctx is the caller's). */
typedef void (*st_progress_fn)(void *ctx, size_t done, size_t total);

/* Import v[0..n) in ONE transaction (all or nothing), in batches of a few
 * hundred requests per call of wardesk.import_requests: on success
 * out[0..n) is filled (out must have n entries; free with
 * wd_import_items_free).  On failure nothing is imported, *bad_item is the
 * 0-based index of the item the database refused (or n when the failure is
 * not an item's), err->msg starts with "item N (ID): " when it is and ends
 * "; nothing was imported".  progress (may be NULL) is called after each
 * batch. */
enum st_status store_import_requests(struct store *st, const struct wd_import_request *v,
                                     size_t n, struct wd_import_item *out, size_t *bad_item,
                                     st_progress_fn progress, void *pctx, struct st_err *err);
void wd_import_items_free(struct wd_import_item *v, size_t n);

/* Human text for a flag: "unknown service code XYZ", "likely duplicate of
 * BT-3"; other flags as they are.  Writes into buf. */
const char *wd_flag_text(const char *flag, char *buf, size_t bufsz);

/* One request of the app, as the store gives it back for export. */
struct wd_app_request {
	char *external_id, *status, *status_notes, *service_code, *service_name;
	char *description, *agency, *address, *media_url;   /* NULL when none */
	char *address_id, *zipcode;                          /* as the feed sent them */
	time_t requested_at, updated_at, expected_at;        /* 0 when none; never rounded up */
	bool has_coords;
	double lat, lon;
};
struct wd_app_request_list { struct wd_app_request *v; size_t n; };
void wd_app_request_list_free(struct wd_app_request_list *l);

/* The app's requests (cases with an external id) of the actor's ward whose
 * updated_datetime (the last change the app can see) is at or after since
 * (0: all; inclusive), as GeoReport v2 wants them (status open/closed,
 * status_notes = resolution note; a merged duplicate carries the result of
 * the case at the end of its merge chain).  Times are truncated to the
 * second, never rounded up, so a poll with the last updated_datetime seen
 * misses nothing.  With progress (may be NULL), the rows are
 * first counted and progress is called as they arrive. */
enum st_status store_app_requests(struct store *st, time_t since, struct wd_app_request_list *out,
                                  st_progress_fn progress, void *pctx, struct st_err *err);

/* The reporter's satisfaction 1..5 with a resolved case (comment may be NULL). */
enum st_status store_rate(struct store *st, const char *ref, int score, const char *comment,
                          struct st_err *err);

/* Close dup as a duplicate of into (taking it on the actor's behalf first
 * when it is new/reopened) and keep its reporters on into. */
enum st_status store_merge(struct store *st, const char *dup, const char *into, const char *note,
                           struct st_err *err);

/* A repeat caller about an existing case: one more reporter on ref instead
 * of a new case (name or phone required; phone as typed). */
enum st_status store_add_reporter(struct store *st, const char *ref, const char *name,
                                  const char *phone, const char *note, struct st_err *err);

/* Likely duplicates of ref: same category, within 24 h, within 50 m or the
 * same normalised address; then open cases from the same phone number
 * within 24 h (same_phone). */
struct wd_dupe {
	char *ref;
	enum wd_state state;
	time_t received_at;
	double distance_m;        /* < 0 when either case has no coordinates */
	bool same_address;
	bool same_phone;          /* the same reporter's number */
	bool earlier;             /* came in before ref (a merge keeps the earlier) */
	char *address, *description;   /* address may be NULL */
};
struct wd_dupe_list { struct wd_dupe *v; size_t n; };
enum st_status store_dupes(struct store *st, const char *ref, struct wd_dupe_list *out,
                           struct st_err *err);
void wd_dupe_list_free(struct wd_dupe_list *l);

/* The same phone number under another name: other cases (and their extra
 * reporters) of the ward with ref's reporter's number but another name,
 * newest first, at most 5 (wardesk.phone_other_names). */
struct wd_phone_name {
	char *ref, *name;
	time_t at;
};
struct wd_phone_name_list { struct wd_phone_name *v; size_t n; };
enum st_status store_phone_names(struct store *st, const char *ref, struct wd_phone_name_list *out,
                                 struct st_err *err);
void wd_phone_name_list_free(struct wd_phone_name_list *l);

/* Earlier cases of a phone number (as typed; normalised by the database),
 * as reporter or extra reporter, received today (the local day,
 * Asia/Ho_Chi_Minh, by the desk clock wardesk.now()), newest first, at most
 * limit (0: 20): the repeat-caller hint of the phone-ticket form (issue 12).
 * An invalid number gives ST_BADINPUT with the reason. */
enum st_status store_cases_by_phone(struct store *st, const char *phone, int limit,
                                    struct wd_case_list *out, struct st_err *err);

/* Intake extras of one case for `show`: rating, flags, other reporters. */
struct wd_reporter {
	char *name, *phone, *channel, *external_id;   /* NULL when none */
	char *from_ref;           /* the merged duplicate, NULL for a linked caller */
	time_t added_at;
};
struct wd_case_intake {
	int rating;               /* 0: none */
	char *rating_comment;
	char *service_code;
	char **flags;             /* NULL-terminated, may be empty */
	struct wd_reporter *reporters;
	size_t nreporters;
};
enum st_status store_case_intake(struct store *st, int64_t case_id, struct wd_case_intake *out,
                                 struct st_err *err);
void wd_case_intake_free(struct wd_case_intake *x);

#endif
