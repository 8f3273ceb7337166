/* store_deadline.h - deadlines, the escalation chain and alerts (sql/003).
 *
 * Part of the store module (src/store_deadline.c): every query is a
 * constant string with $n parameters; the rules live in the database.
 *
 * The console's part:
 *   - on connect (and every reconnect): LISTEN wardesk_case and
 *     wardesk_alert (store_listen + store_alert_listen), then read the
 *     snapshot and store_alerts(mine, undelivered); then apply notifications
 *     with store_drain_live (one queue holds both channels: do not call
 *     store_drain, which knows only wardesk_case, on a connection that also
 *     listens to wardesk_alert).
 *   - every 15-30 s, and when a deadline it shows crosses a threshold, call
 *     store_sweep: it is cheap, and whoever sweeps first does the work (the
 *     database makes each transition happen once).
 *   - an alert notification addressed to session_user: fetch it
 *     (store_alerts with after_id), notify (notify.h), then
 *     store_alerts_delivered.
 *
 * Ownership: lists and strings filled here are owned by the caller and
 * released with the matching *_free or free(). */
#ifndef WARDESK_STORE_DEADLINE_H
#define WARDESK_STORE_DEADLINE_H

#include "wardesk/store.h"

/* ---- the sweep ------------------------------------------------------- */

struct wd_transition {
	time_t at;                /* desk clock of the sweep */
	int64_t case_id;
	char *ref;
	char *action;             /* "warn", "auto-escalate", "overdue", "remind" */
	int escalation;           /* level after the step */
	char *alerted;            /* recipients' logins, comma-separated ("" none) */
};
struct wd_transition_list { struct wd_transition *v; size_t n; };
void wd_transition_list_free(struct wd_transition_list *l);

/* Run wardesk.sweep(): every due transition of the caller's ward (all wards
 * for a superuser), each exactly once however many sweepers run.  Empty
 * when nothing was due.  Calls wardesk.sweep() again while a call stepped
 * as many cases as one call may (sweep_chunk_cases(): each call is one
 * short transaction, so a catch-up of thousands of due cases holds no lock
 * for long and other sweepers take turns).  Another sweep of the ward at
 * work is waited for (up to 2 s); when a session holds the sweep's lock
 * longer at the first call, nothing is swept and err says who holds it
 * (ST_REFUSED, SQLSTATE WDSWP, WDSWA for every ward:
 * store_sweep_blocked(err) is true): tell the user, and try again later;
 * at a later call, the loop ends and the steps made so far are returned. */
enum st_status store_sweep(struct store *st, struct wd_transition_list *out, struct st_err *err);
/* One call of wardesk.sweep_chunk(max) (one transaction, at most max cases, and
 * never more than sweep_chunk_cases(); max <= 0: that many): its steps in
 * *out (filled, the caller frees); *more: the call was full, so more may
 * be due.  The console sweeps this way, a small call per turn of its loop,
 * so that keys and notifications are served between the calls of a
 * catch-up (issue 14 item 4).  It never waits for the sweep's lock: when
 * another sweeper holds it, the refusal (store_sweep_blocked) comes at
 * once.  Errors as store_sweep's at its first call. */
enum st_status store_sweep_once(struct store *st, int max, struct wd_transition_list *out,
                                bool *more, struct st_err *err);
/* The console's sweep call (store_sweep_once), sent without waiting (store.h,
 * background statements): l is the callback's
 * (free with wd_transition_list_free), empty unless s is ST_OK. */
typedef void (*st_sweep_done_fn)(void *ctx, enum st_status s, struct wd_transition_list *l,
                                 bool more, const struct st_err *err);
void store_sweep_send(struct store *st, int max, st_sweep_done_fn fn, void *ctx);

/* Whether err (from store_sweep) is "the sweep's lock is held". */
bool store_sweep_blocked(const struct st_err *err);

/* The desk's sweep health (wardesk.sweep_health()): per ward of the caller
 * (every ward for a superuser), the last sweep that ran for it. */
struct wd_sweep_health {
	int ward_id;
	char *ward;               /* ward code */
	time_t last_at;           /* desk clock of the last sweep; 0: never */
	char *last_by;            /* its login (NULL: never) */
	int last_steps;           /* transitions it made */
};
struct wd_sweep_health_list { struct wd_sweep_health *v; size_t n; };
void wd_sweep_health_list_free(struct wd_sweep_health_list *l);
enum st_status store_sweep_health(struct store *st, struct wd_sweep_health_list *out,
                                  struct st_err *err);

/* ---- alerts ---------------------------------------------------------- */

enum wd_alert_kind {
	WD_ALERT_NEW, WD_ALERT_ASSIGNED, WD_ALERT_WARNING, WD_ALERT_ESCALATION,
	WD_ALERT_OVERDUE, WD_ALERT_REMINDER, WD_ALERT_URGENT, WD_ALERT_REASSIGNED,
	WD_ALERT_REOPENED, WD_ALERT_KIND_COUNT
};
const char *wd_alert_kind_name(enum wd_alert_kind k);   /* "new", "assigned", ... */
int wd_alert_kind_parse(const char *s);                 /* -1 when unknown */

struct wd_alert {
	int64_t id, case_id;
	enum wd_alert_kind kind;
	char *recipient;          /* login */
	int level;                /* the case's escalation level then */
	time_t created_at;
	time_t delivered_at;      /* 0: not yet */
	char *actor;              /* login that caused it; "desk": an automatic step */
	char *about;              /* reassigned: the new holder; reopened: who reopened it */
	char *run_by;             /* the desk's alerts: the login whose session ran the sweep */
	int case_count;           /* > 1: a summary of that many cases of this kind
	                           * (sql/023; one sweep call would have raised more
	                           * than alert_summary_over() of them); the case is
	                           * the first; 0: an alert about its case alone */
	/* the case now */
	char *ref, *category, *category_vi, *description, *address, *owner;
	char *category_en;        /* the category's English name (033), may be NULL */
	int escalation;
	time_t deadline_at;
	bool resolved;
	bool marked;              /* store_alerts_seen: marked delivered by that call */
};
struct wd_alert_list { struct wd_alert *v; size_t n; };
void wd_alert_list_free(struct wd_alert_list *l);

struct st_alert_query {
	bool mine;                /* only alerts addressed to session_user */
	bool undelivered;         /* only those not yet delivered */
	int64_t after_id;         /* only id > after_id */
	int limit;                /* 0: 200 newest */
};
/* Oldest first (by id). */
enum st_status store_alerts(struct store *st, const struct st_alert_query *q,
                            struct wd_alert_list *out, struct st_err *err);
/* Highest alert id now (0 when none): a starting point for after_id. */
enum st_status store_alert_max_id(struct store *st, int64_t *id, struct st_err *err);
/* Mark the caller's own alerts as delivered; *marked (may be NULL) gets how many. */
enum st_status store_alerts_delivered(struct store *st, const int64_t *ids, size_t n, int *marked,
                                      struct st_err *err);
/* The caller's own alert (login) in an alert notification's payload as
 * the drain read it (store.h st_alert_fn, during the callback): "to" names login, "ids" its alert at the same
 * place, with what the alert says ("ref", "cat", ...; strings sanitised
 * for the terminal).  true and *out filled (free its strings as a list's
 * element), else false and *out zeroed: the short form, an older
 * database, not for login, malformed.  A hint only: any login of the ward
 * may NOTIFY a forged one. */
bool store_alert_hint(const struct st_alert_payload *payload, const char *login,
                      struct wd_alert *out);
/* What a console showed from alert payloads (hints), confirmed in one
 * statement (wardesk.alerts_seen, 50_deadlines.sql): marks delivered the
 * caller's undelivered alerts with id <= upto and the ids shown; *out gets
 * the caller's alerts among both, oldest first, marked set on those this
 * call marked.  A shown id missing from *out was not the caller's. */
enum st_status store_alerts_seen(struct store *st, int64_t upto, const int64_t *ids, size_t n,
                                 struct wd_alert_list *out, struct st_err *err);

/* store_alerts and store_alerts_seen, sent without waiting (store.h, background
 * statements): l is the callback's (free with
 * wd_alert_list_free), empty unless s is ST_OK. */
typedef void (*st_alerts_done_fn)(void *ctx, enum st_status s, struct wd_alert_list *l,
                                  const struct st_err *err);
void store_alerts_send(struct store *st, const struct st_alert_query *q, st_alerts_done_fn fn,
                       void *ctx);
void store_alerts_seen_send(struct store *st, int64_t upto, const int64_t *ids, size_t n,
                            st_alerts_done_fn fn, void *ctx);
/* store_alerts_delivered, sent, and with below > 0 every undelivered alert
 * of mine with a lower id too (a backlog summed up); fn (may be NULL)
 * hears how it went. */
typedef void (*st_done_fn)(void *ctx, enum st_status s, const struct st_err *err);
void store_alerts_delivered_send(struct store *st, const int64_t *ids, size_t n, int64_t below,
                                 st_done_fn fn, void *ctx);

/* ---- actions --------------------------------------------------------- */

/* Acknowledge the warning (owner or chair) or the escalation (chair) of a
 * case: stops the automatic escalation / the reminders.  seen as in store.h. */
enum st_status store_ack(struct store *st, const char *ref, int seen, struct st_err *err);

/* Close like store_close_case, with a delay reason code (required for an
 * overdue case: WD005 "BT-3 is overdue: give a delay reason") and an apology
 * note (NULL: none).  apology_from_template: use the ward's template filled
 * in for this case (apology is then ignored). */
enum st_status store_close_late(struct store *st, const char *ref, int seen, const char *note,
                                const char *reason, const char *duplicate_of,
                                const char *delay_reason, const char *apology,
                                bool apology_from_template, struct st_err *err);

/* Whether closing case ref now would be late (wardesk.closes_late: past
 * its deadline or its original deadline, as close() judges it): ask it
 * before asking for a delay reason.  *late is left as it was when the case
 * is not visible to the caller. */
enum st_status store_closes_late(struct store *st, const char *ref, bool *late,
                                 struct st_err *err);

/* The apology template filled in for a case; *out is the caller's. */
enum st_status store_apology_text(struct store *st, const char *ref, const char *result,
                                  char **out, struct st_err *err);

/* ---- categories, delay reasons, settings ----------------------------- */

struct wd_category {
	char *code, *name_vi, *name_en;
	char *words;   /* search words, comma-separated ("rác, nước thải"); "" when none */
	int deadline_min, warn_min, escalate_min;   /* as in force in the caller's ward */
	bool active;
	bool own;   /* the ward set them (else the city-wide defaults) */
	bool default_urgent;   /* a new case is urgent unless someone says (sql/014) */
	int urgent_deadline_min, urgent_warn_min, urgent_escalate_min;
};
struct wd_category_list { struct wd_category *v; size_t n; };
void wd_category_list_free(struct wd_category_list *l);
enum st_status store_categories(struct store *st, struct wd_category_list *out, struct st_err *err);
/* What category set changes: a value < 0 (NULL for default_priority)
 * keeps the current one. */
struct wd_category_change {
	int deadline_min, warn_min, escalate_min;
	int urgent_deadline_min, urgent_warn_min, urgent_escalate_min;
	const char *default_priority;   /* "urgent" / "normal" */
};
/* Chair only (a superuser: the city-wide defaults). */
enum st_status store_category_set(struct store *st, const char *code, const struct wd_category_change *ch,
                                  struct st_err *err);

/* The agency that takes category code's requests the ward transfers or
 * that are not the ward's (the export's agency_responsible): a chair sets
 * their ward's, city the administrator's default; agency NULL removes it.
 * *now (may be NULL): the agency in force afterwards (NULL: none; caller
 * frees). */
enum st_status store_transfer_agency_set(struct store *st, const char *code, const char *agency,
                                         bool city, char **now, struct st_err *err);

/* Delay reasons (code, name_vi, name_en), active ones in their order.  The
 * same struct serves settings (code = key, name_vi = value, name_en =
 * description). */
struct wd_named { char *code, *name_vi, *name_en; };
struct wd_named_list { struct wd_named *v; size_t n; };
void wd_named_list_free(struct wd_named_list *l);
enum st_status store_delay_reasons(struct store *st, struct wd_named_list *out, struct st_err *err);
enum st_status store_settings(struct store *st, struct wd_named_list *out, struct st_err *err);
/* Chair only: remind_min, unowned_grace_min, apology_template. */
enum st_status store_setting_set(struct store *st, const char *key, const char *value,
                                 struct st_err *err);

#endif
