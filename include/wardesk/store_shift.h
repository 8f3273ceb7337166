/* store_shift.h - roles, shifts, handovers, the chair's board and statistics
 * (issue 6; SQL in sql/004_roles_shifts.sql).
 *
 * For the CLI (src/cli_shift.c) and the console screens (board, handover,
 * stats).  Every function returns ST_OK or fills err like store.h: WD006
 * (role) and WD004 (not found, also another ward's handover) are
 * ST_REFUSED, WD005 is ST_BADINPUT.
 *
 * Ownership: structs filled here are owned by the caller and released with
 * the matching wd_*_free; they are zeroed first, so freeing after a failure
 * is safe.  Strings are NFC UTF-8 from the database: sanitise before display.
 * Times are time_t (0 = none). */
#ifndef WARDESK_STORE_SHIFT_H
#define WARDESK_STORE_SHIFT_H

#include "wardesk/store.h"

/* ---- permissions ----------------------------------------------------- */

/* The actions of wardesk.action_names(), in that order. */
enum wd_perm {
	WD_PERM_REPORT, WD_PERM_TAKE, WD_PERM_ASSIGN, WD_PERM_ESCALATE, WD_PERM_DEESCALATE,
	WD_PERM_CLOSE, WD_PERM_REOPEN, WD_PERM_SETTINGS, WD_PERM_OFFICER_ADD, WD_PERM_SHIFT,
	WD_PERM_HANDOVER, WD_PERM_BOARD, WD_PERM_STATS, WD_PERM_PRIORITY, WD_PERM_MERGE_CLUSTER,
	WD_PERM_ACK, WD_PERM_COUNT
};
#define WD_PERM_BIT(p) (1u << (p))
const char *wd_perm_name(enum wd_perm p);     /* "report", "take" ... */
int wd_perm_parse(const char *s);             /* -1 when unknown */

/* What session_user's role may do at all (one query; call once after
 * connecting).  *mask gets WD_PERM_BIT()s; 0 for a login that is not an
 * officer. */
enum st_status store_permissions(struct store *st, unsigned *mask, struct st_err *err);
/* Whether session_user may do p to case ref now (state, holder, escalation
 * considered); ref NULL: the role question only.  Never refuses: a missing
 * case is *yes = false. */
enum st_status store_can(struct store *st, enum wd_perm p, const char *ref, bool *yes,
                         struct st_err *err);
/* Every action of wardesk.action_names() at once for case ref now (one
 * call of wardesk.allowed_actions): *mask gets the WD_PERM_BIT()s it
 * allows. */
enum st_status store_can_case(struct store *st, const char *ref, unsigned *mask,
                              struct st_err *err);
/* The same, sent in the background (store.h "background statements"):
 * done gets the mask (0 unless s is ST_OK) from the console's loop, or at
 * once with ST_OFFLINE without a connection; free_ctx (may be NULL) is
 * called on ctx after done, or instead of it when the request is dropped
 * with its connection.  The queue's footer asks it for the selected row. */
typedef void (*st_can_done_fn)(void *ctx, enum st_status s, unsigned mask);
void store_can_case_send(struct store *st, const char *ref, st_can_done_fn done,
                         void (*free_ctx)(void *ctx), void *ctx);

/* Chair only: escalation back to 0 with a note (required). */
enum st_status store_deescalate(struct store *st, const char *ref, int seen, const char *note,
                                struct st_err *err);
/* Chair only: every case `from` holds in progress goes to `to` (one
 * transaction, each audited as assign); *moved gets how many (may be NULL). */
enum st_status store_reassign_all(struct store *st, const char *from, const char *to, int *moved,
                                  struct st_err *err);

/* ---- shifts ---------------------------------------------------------- */

struct wd_shift {
	int64_t id;
	char *officer, *full_name;
	enum wd_role role;
	time_t started_at, ended_at;   /* ended_at 0 while on duty */
};
struct wd_shift_list { struct wd_shift *v; size_t n, cap; };
void wd_shift_free(struct wd_shift *s);
void wd_shift_list_free(struct wd_shift_list *l);

/* Start / end session_user's shift (WD003 when already on / not on duty).
 * out may be NULL. */
enum st_status store_shift_start(struct store *st, struct wd_shift *out, struct st_err *err);
enum st_status store_shift_end(struct store *st, struct wd_shift *out, struct st_err *err);
/* session_user's open shift: out->id == 0 when not on duty. */
enum st_status store_shift_current(struct store *st, struct wd_shift *out, struct st_err *err);
/* Everyone of the ward on duty now, by start time. */
enum st_status store_on_duty(struct store *st, struct wd_shift_list *out, struct st_err *err);

/* ---- handovers ------------------------------------------------------- */

enum wd_handover_state {
	WD_HO_PENDING, WD_HO_ACKNOWLEDGED, WD_HO_CANCELLED, WD_HO_DECLINED, WD_HO_STATE_COUNT
};
const char *wd_handover_state_name(enum wd_handover_state s);   /* "pending" ... */

/* One case of a handover: as it was when the handover was written (state,
 * deadline_at, version), and as it is now (state_now, owner_now ...). */
struct wd_handover_case {
	int64_t case_id;
	char *ref, *category, *description, *address, *reporter_name, *reporter_phone;
	bool included;            /* handed over (false: left out, kept) */
	int moved;                /* -1 not acknowledged yet, 0 not moved (changed meanwhile), 1 moved */
	enum wd_state state;      /* then */
	time_t deadline_at;       /* then */
	int version;              /* then */
	enum wd_state state_now;
	char *owner_now;          /* NULL when none */
	time_t deadline_now, closed_at_now;
	int escalation;           /* now */
	bool callback_wanted;     /* the reporter asked to be called back */
};

struct wd_handover {
	int64_t id;               /* 0 for a preview */
	int64_t shift_id;         /* 0 when the outgoing officer had no shift */
	enum wd_handover_state state;
	char *from, *from_name, *to, *to_name;
	enum wd_role from_role, to_role;
	char *note;
	char *cancelled_by;       /* NULL unless cancelled */
	char *decline_note;       /* NULL unless declined */
	time_t created_at, acked_at, cancelled_at, declined_at;
	time_t shift_started, shift_ended;
	time_t window_from, window_to;   /* "during the shift" */
	int n_included, n_excluded;
	/* Filled by store_handover_get and store_handover_preview only: */
	struct wd_handover_case *cases;  /* included first, then by deadline */
	size_t ncases;
	int received, resolved, resolved_by_from, late;   /* during the window, in the ward */
	char **late_refs;                /* NULL-terminated (never NULL after a get) */
};
struct wd_handover_list { struct wd_handover *v; size_t n, cap; };
void wd_handover_free(struct wd_handover *h);
void wd_handover_list_free(struct wd_handover_list *l);

/* session_user hands every case they hold in progress to `to`, except the
 * refs in exclude (NULL-terminated, may be NULL).  *id gets the handover id
 * (may be NULL).  Nothing moves until `to` acknowledges. */
enum st_status store_handover_create(struct store *st, const char *to, const char *note,
                                     const char *const *exclude, int64_t *id, struct st_err *err);
/* The incoming officer acknowledges: the cases move to them, one transaction. */
enum st_status store_handover_ack(struct store *st, int64_t id, struct st_err *err);
/* The incoming officer declines a pending handover, saying why (note):
 * nothing moves; audited; the outgoing officer is told (wardesk_shift). */
enum st_status store_handover_decline(struct store *st, int64_t id, const char *note,
                                      struct st_err *err);
/* The outgoing officer or the chair cancels a pending handover. */
enum st_status store_handover_cancel(struct store *st, int64_t id, struct st_err *err);
/* Pending handovers of the ward (no cases), oldest first. */
enum st_status store_handovers_pending(struct store *st, struct wd_handover_list *out,
                                       struct st_err *err);
/* One handover with its cases and the window summary: by id; else (id 0)
 * the latest of shift shift_id; else (both 0) the latest from or to
 * session_user.  WD004 when there is none. */
enum st_status store_handover_get(struct store *st, int64_t id, int64_t shift_id,
                                  struct wd_handover *out, struct st_err *err);
/* What a handover written now would hold: session_user's cases in
 * progress (all included, moved -1), their shift and the window so far. */
enum st_status store_handover_preview(struct store *st, struct wd_handover *out,
                                      struct st_err *err);

/* ---- the chair's board ----------------------------------------------- */

struct wd_board_row {
	char *login, *full_name;
	enum wd_role role;
	bool on_duty;
	time_t shift_started;     /* 0 when not on duty */
	int open, due_soon, overdue, escalated;   /* of the cases held in progress */
};
struct wd_board {
	struct wd_board_row *v;   /* on duty first, then by role, login */
	size_t n;
	int unowned, unowned_due_soon, unowned_overdue;   /* new and reopened */
	int escalated;            /* open cases with escalation > 0 */
	int pending_handovers, on_duty;
	int today_received, today_resolved, today_on_time;
	double today_on_time_rate;   /* 0..1, or -1 when nothing was resolved today */
};
enum st_status store_board(struct store *st, struct wd_board *out, struct st_err *err);
void wd_board_free(struct wd_board *b);

/* ---- statistics ------------------------------------------------------ */

struct wd_stats_group {
	char *key;                /* category code, channel name or officer login */
	char *name;               /* category name_vi / officer full name; NULL for a channel */
	char *name_en;            /* category name_en; else NULL */
	long received, resolved, on_time;
	double median_secs;       /* -1 when nothing resolved */
	double rating_avg;        /* -1 when no rating */
	long rating_count;
	/* by officer only (else 0 / -1) */
	long merged, reopened, taken;   /* duplicates merged; reopens of their resolutions; takes */
	double first_contact_median_secs;   /* of the cases they took first; -1 when none */
	double on_duty_secs;      /* shift time inside the period; -1 when no shift */
};
struct wd_stats_late {
	char *ref, *category, *owner;   /* owner NULL when none */
	enum wd_state state;
	time_t deadline, closed;  /* closed 0 while open */
	long delay_secs;          /* past the deadline (at p_to for open cases) */
	char *delay_reason;       /* code of cases.delay_reason when the schema has it; else NULL */
};
struct wd_stats_hour { time_t hour; int received, resolved; };
#define WD_STATS_HOURS_OF_DAY 24
struct wd_stats_heat {
	char *code, *name;        /* the category's code and name_vi */
	int hours[WD_STATS_HOURS_OF_DAY];
};

struct wd_stats {
	time_t from, to;
	long received, resolved, open, on_time;
	double on_time_rate;      /* 0..1, -1 when nothing resolved */
	double median_secs, p90_secs;   /* -1 when nothing resolved */
	double rating_avg;        /* -1 when no rating */
	long rating_count;
	long merged, closed_in_app, reopened;
	double reopen_rate;       /* reopens per resolution; -1 when nothing resolved */
	long first_contact_count;
	double first_contact_median_secs, first_contact_p90_secs;   /* -1 when none */
	/* received / resolved per local hour of the day (0-23), the load profile */
	int day_received[WD_STATS_HOURS_OF_DAY], day_resolved[WD_STATS_HOURS_OF_DAY];
	struct wd_stats_group *by_category, *by_channel, *by_officer;
	size_t n_category, n_channel, n_officer;
	struct wd_stats_late *late;
	size_t n_late;
	struct wd_stats_hour *hourly;
	size_t n_hourly;
	/* the heat strip: per category received in the period, received per
	 * local hour of the day */
	struct wd_stats_heat *heat;
	size_t n_heat;
	char *json;               /* the document as wardesk.stats() returned it */
};
/* Statistics of session_user's ward for [from, to); to 0: the desk clock's
 * now (wardesk.now()), from 0: local midnight of that day. */
enum st_status store_stats(struct store *st, time_t from, time_t to, struct wd_stats *out,
                           struct st_err *err);
void wd_stats_free(struct wd_stats *s);
/* The largest count of the heat strip (any category, any hour); 0: none. */
int wd_stats_heat_max(const struct wd_stats *s);

/* ---- live ------------------------------------------------------------ */

/* LISTEN to the ward's shift channel, wardesk_shift_<ward>_<token> (payload
 * {"kind":"shift"|"handover","id":N,"ward":W,
 * "op":"start"|"end"|"create"|"ack"|"cancel"}), sent at commit by shift_start,
 * shift_end and handover_create/ack/cancel.  store_drain_all (store_live.c)
 * dispatches by channel (PGnotify.relname).  Parse payloads with
 * store_shift_payload. */
enum st_status store_listen_shift(struct store *st, struct st_err *err);
/* Parse a wardesk_shift payload; false when it is not one. kind/op are
 * copied into kindbuf/opbuf (>= 16 bytes each). */
bool store_shift_payload(const char *payload, char *kindbuf, char *opbuf, size_t bufsz,
                         int64_t *id, int *ward);

#endif
