/* store.h - the one typed door to the PostgreSQL case store.
 *
 * Every query wardesk sends lives in src/store*.c, always with parameters
 * ($1, $2 ...), never by pasting text into SQL.  The rules (state machine,
 * audit, notifications) live in the database (sql/, see sql/API.md); this
 * module calls the SQL functions and maps their refusals to st_status.
 *
 * Ownership: structs filled by store_* are owned by the caller and released
 * with the matching *_free function.  All strings are valid UTF-8 (NFC) as
 * stored by the database: still untrusted, sanitise before display
 * (text_sanitize in text.h). */
#ifndef WARDESK_STORE_H
#define WARDESK_STORE_H

/* Same numbers as the exit statuses (enum wd_exit). */
enum st_status {
	ST_OK = 0,
	ST_REFUSED = 1,   /* taken by someone else, stale version, not allowed, not found */
	ST_BADINPUT = 2,  /* empty note, invalid UTF-8, unknown category, bad phone ... */
	ST_OFFLINE = 3,   /* cannot reach the database / connection lost */
};

struct st_err {
	enum st_status status;
	char sqlstate[6];   /* "" when the error did not come from the server */
	char msg[512];      /* one line, in plain words, ready for a status line */
};

enum wd_state { WD_NEW, WD_IN_PROGRESS, WD_RESOLVED, WD_REOPENED, WD_STATE_COUNT };
enum wd_channel { WD_CH_APP, WD_CH_HOTLINE, WD_CH_WALKIN, WD_CH_IMPORT, WD_CH_COUNT };
enum wd_role { WD_ROLE_HOTLINE, WD_ROLE_OFFICER, WD_ROLE_CHAIR, WD_ROLE_NONE };
/* The hotline line a phone ticket came in on (cases.hotline_line). */
enum wd_line { WD_LINE_NONE, WD_LINE_POLICE, WD_LINE_COMMITTEE };

const char *wd_state_name(enum wd_state s);      /* "new", "in_progress", ... (SQL names) */
const char *wd_channel_name(enum wd_channel c);  /* "app", "hotline", ... */
const char *wd_role_name(enum wd_role r);        /* "hotline", "officer", "chair" */
int wd_state_parse(const char *s);               /* -1 when unknown */
int wd_channel_parse(const char *s);
int wd_role_parse(const char *s);
int wd_line_parse(const char *s);                /* NULL, "" -> WD_LINE_NONE; -1 unknown */

/* One case as listed in the queue (no history). */
struct wd_case {
	int64_t id;
	char *ref;               /* "BT-123" */
	int32_t version;
	enum wd_state state;
	enum wd_channel channel;
	int escalation;          /* 0 none, 1 chair, 2 overdue */
	char *external_id;       /* NULL when none */
	char *category;          /* code, e.g. "MT" */
	char *category_vi, *category_en;
	int deadline_min, warn_min, escalate_min;
	char *description;
	char *address;           /* NULL when none */
	bool has_coords;
	double lat, lon;
	char *reporter_name, *reporter_phone;   /* NULL when none */
	char **media;            /* NULL-terminated, may be empty */
	char *owner;             /* login or NULL */
	char *owner_name;        /* full name or NULL */
	char *resolution_note, *close_reason, *duplicate_of;  /* NULL when none */
	time_t received_at, deadline_at, updated_at;
	time_t closed_at;        /* 0 when open */
	int ward_id;
	char *ward_code;
	/* the escalation chain (sql/003): 0 / NULL when not (yet) */
	time_t warned_at, escalated_at, overdue_at, ack_at;
	char *ack_by;            /* login that acknowledged the warning/escalation */
	char *delay_reason;      /* code, for a case closed late */
	char *apology_note;
	enum wd_line hotline_line;   /* police / committee, for phone tickets */
	bool callback;               /* the caller wants to be called back */
	bool likely_dup;             /* flagged at intake as a likely duplicate (store_dupes) */
	bool urgent;                 /* priority urgent (sql/014), else normal */
};

struct wd_event {
	int64_t id;
	time_t at;
	char *actor;             /* PostgreSQL login, or "desk": an automatic step */
	char *run_by;            /* the desk's steps: the login that ran the sweep; else NULL */
	char *action;            /* "report", "take", "assign", "escalate", "close", "reopen" ... */
	char *old_json, *new_json;  /* changed fields as JSON text, may be NULL */
	char *note;              /* NULL when none */
	bool feed;               /* the actor is the app's feed account (wardesk.is_feed) */
};

struct wd_case_list { struct wd_case *v; size_t n, cap; };
struct wd_event_list { struct wd_event *v; size_t n, cap; };

struct wd_officer {
	char *login, *full_name;
	enum wd_role role;
	char *ward_code, *ward_name;
	int ward_id;
	int open_cases;          /* cases currently held (load) */
	bool active;
};
struct wd_officer_list { struct wd_officer *v; size_t n, cap; };

void wd_case_free(struct wd_case *c);
void wd_case_list_free(struct wd_case_list *l);
void wd_event_list_free(struct wd_event_list *l);
void wd_officer_free(struct wd_officer *o);
void wd_officer_list_free(struct wd_officer_list *l);

struct store;

/* Connect with libpq's usual rules: conninfo (may be NULL or a URI or
 * "key=value" string), then PG* variables and service files.  Sets
 * fallback_application_name, client_encoding UTF8 and keepalives; asks for
 * a password only when the server wants one.  Returns NULL and fills err (ST_OFFLINE) on
 * failure.
 *
 * Every connection waits at most 3 s for a lock and 10 s for a statement
 * (long reads: the snapshot, lists, sweep, stats, export: 120 s); override
 * with WARDESK_LOCK_TIMEOUT, WARDESK_STATEMENT_TIMEOUT, WARDESK_LONG_TIMEOUT
 * ("500ms", "3s", "2min"; "0" = none).  A timeout is ST_REFUSED with
 * "case busy, try again: ..." (SQLSTATE 55P03 / 57014).  In a process that
 * leaves SIGINT/SIGTERM at their default (the one-shot CLI), the signal
 * cancels the running statement (PQcancel) and the store refuses anything
 * more ("interrupted: nothing was changed", 57014): an interrupted action is
 * never committed.  See src/store_guard.c. */
struct store *store_open(const char *conninfo, struct st_err *err);
/* Whether store_open may ask for a password on the terminal (default yes,
 * when stdin is one).  A password typed once is reused for reconnects. */
void store_prompt_password(bool allowed);
void store_close(struct store **st);
bool store_ok(struct store *st);              /* connection usable */
int store_socket(struct store *st);           /* for poll(); -1 if none */
const char *store_login(struct store *st);    /* session user */
/* The login a connection with conninfo would use, before connecting: its
 * user, else PGUSER, else the system user (as libpq decides). */
void store_conninfo_user(const char *conninfo, char *buf, size_t n);

/* Schema: in one transaction, apply the embedded migrations not yet recorded
 * (sql/migrations/), then the code files that changed (sql/code/); see
 * sql/README.md.  Idempotent.  *applied is set to how many migrations were new. */
enum st_status store_db_init(struct store *st, int *applied, struct st_err *err);
/* Seed the demo ward (sql/demo.sql). Needs a superuser connection. */
enum st_status store_db_demo(struct store *st, struct st_err *err);

/* The desk clock (wardesk.now(): the database's, which tests may shift),
 * as seconds since the epoch. */
enum st_status store_desk_now(struct store *st, time_t *now, struct st_err *err);

/* Who am I (session_user) as a wardesk officer.  me->open_cases is -1:
 * not counted (counting an officer's cases reads every one of them, about
 * 70 ms for 10,000, before the console's first screen). */
enum st_status store_whoami(struct store *st, struct wd_officer *me, struct st_err *err);
/* This database and my ward, "ID.WARDCODE" (wardesk.desk_identity(): a
 * random id made once per database): where the console keeps my drafts.
 * ST_REFUSED when the login is no officer. */
enum st_status store_desk_identity(struct store *st, char *buf, size_t n, struct st_err *err);
enum st_status store_officers(struct store *st, struct wd_officer_list *out, struct st_err *err);
enum st_status store_ward_add(struct store *st, const char *code, const char *name,
                              struct st_err *err);
/* mobile: their mobile number (NULL: none; store_phone.h sets it later). */
enum st_status store_officer_add(struct store *st, const char *login, const char *full_name,
                                 enum wd_role role, const char *ward_code, const char *mobile,
                                 struct st_err *err);

/* Listing.  states is a bitmask of (1u << enum wd_state); 0 means all. */
struct st_query {
	unsigned states;
	time_t closed_since;     /* also include resolved cases closed at or after this; 0: no */
	const char *owner;       /* only this owner's cases; NULL: any */
	int64_t id;              /* only this id; 0: any */
	int ward_id;             /* only this ward's cases; 0: any (with a limit:
	                          * the page is found by index, a few ms for a
	                          * 100,000-case ward) */
	int limit;               /* 0: no limit */
	bool queue_only;         /* only what the console's case model keeps
	                          * (the other fields empty), in no order: the
	                          * snapshot's rows (not with a ward and a limit) */
};
enum st_status store_list(struct store *st, const struct st_query *q,
                          struct wd_case_list *out, struct st_err *err);
/* Like store_list, but streams: fn is called once per row, in the same
 * order, with a case valid only during the call (fn copies what it keeps).
 * The console's big snapshot uses it so rows are never held twice. On
 * error, rows already passed to fn stay passed. */
typedef void (*st_case_fn)(void *ctx, const struct wd_case *c);
enum st_status store_list_each(struct store *st, const struct st_query *q, st_case_fn fn,
                               void *ctx, struct st_err *err);
/* The same without blocking (the console's snapshot, read between keys):
 * store_list_begin sends the query; each store_list_step passes on the
 * rows that have arrived, at most max_rows (0: all, waiting for them), and
 * sets *done once the list is over, returning then what store_list_each
 * would.  store_list_ready: a step would find rows (or the end) without
 * waiting for the socket.  Any other statement on the connection first
 * passes every remaining row on (blocking); the list is then done. */
enum st_status store_list_begin(struct store *st, const struct st_query *q, st_case_fn fn,
                                void *ctx, struct st_err *err);
enum st_status store_list_step(struct store *st, size_t max_rows, bool *done, struct st_err *err);
bool store_list_ready(struct store *st);
/* The cases with these ids that the caller may read (any state), in one
 * prepared query (store_notify.c): fn is called once per row found, with a
 * case valid only during the call; ids not passed to fn are gone or not
 * visible.  The console confirms payload-drawn cases with it (live.h). */
enum st_status store_list_ids(struct store *st, const int64_t *ids, size_t n, st_case_fn fn,
                              void *ctx, struct st_err *err);
/* store_list_ids, sent: each row to row (valid during the call), then
 * done; free_ctx (may be NULL) is called on ctx after done, or instead of
 * it when the request is dropped with its connection. */
typedef void (*st_ids_done_fn)(void *ctx, enum st_status s, const struct st_err *err);
void store_list_ids_send(struct store *st, const int64_t *ids, size_t n, st_case_fn row,
                         st_ids_done_fn done, void (*free_ctx)(void *ctx), void *ctx);

/* A row that cannot be decoded (e.g. a received time of -infinity) never
 * stops a list: store_list and store_list_each skip it and go on (ST_OK),
 * put "skipped N case(s) that cannot be read (first: REF)" into err->msg
 * (err->status stays ST_OK) and, in a process that leaves SIGINT to the
 * store (the one-shot CLI), print that line to stderr.  This says how many
 * the last list skipped and the first one's reference ("" when unknown). */
size_t store_skipped(struct store *st, const char **first_ref);
/* One case by reference (or by id when ref is NULL), with its history. */
enum st_status store_get(struct store *st, const char *ref, int64_t id, struct wd_case *out,
                         struct wd_event_list *events /* may be NULL */, struct st_err *err);

/* Intake. */
struct wd_report {
	const char *category, *description, *address, *phone, *name;
	enum wd_channel channel;
	time_t received_at;      /* 0: now */
	bool has_coords;
	double lat, lon;
	const char *const *media;  /* NULL-terminated or NULL */
	const char *external_id;   /* NULL: none */
	const char *hotline_line;  /* "police" or "committee" (phone tickets); NULL: none */
	bool callback;             /* the caller wants to be called back */
	const char *priority;      /* "urgent" or "normal"; NULL: the category's default */
	const unsigned char *photo; /* a photo to attach in the same transaction; NULL: none */
	size_t photo_len;
	int64_t *photo_id;          /* out: the photo's id (when photo) */
};
/* On success writes the new reference into ref (size >= 32).  With a photo
 * the case and its photo are recorded together or not at all (the photo's
 * rules: wardesk.photo_attach, sql/code/59_photos.sql). */
enum st_status store_report(struct store *st, const struct wd_report *r, char *ref, size_t refsz,
                            struct st_err *err);

/* Actions.  seen is the version the officer saw; 0 means "the current one"
 * (the store reads it first: only for the CLI).  On refusal err->msg says
 * why in plain words, e.g. "BT-12 is already held by an (Nguyễn Văn An)". */
enum st_status store_take(struct store *st, const char *ref, int seen, struct st_err *err);
enum st_status store_assign(struct store *st, const char *ref, const char *login, int seen,
                            struct st_err *err);
enum st_status store_escalate(struct store *st, const char *ref, int seen, const char *note,
                              struct st_err *err);
enum st_status store_close_case(struct store *st, const char *ref, int seen, const char *note,
                                const char *reason, const char *duplicate_of, struct st_err *err);
enum st_status store_reopen(struct store *st, const char *ref, int seen, const char *note,
                            struct st_err *err);
/* priority: "urgent" or "normal" (wardesk.set_priority, sql/code/30_cases.sql). */
enum st_status store_set_priority(struct store *st, const char *ref, const char *priority, int seen,
                                  const char *note, struct st_err *err);

/* Live updates.  store_listen LISTENs to the case channel of the caller's
 * ward (wardesk_case_<ward>_<token>: the name comes from wardesk.my_channels(),
 * nobody of another ward knows it; nothing for a login that is no officer).
 * Call it right after connecting and before reading the snapshot.
 * store_drain reads what the
 * socket has (never blocks) and calls fn for each notification payload
 * (case id, version, ward and action; row: the queue row the payload
 * carries, decoded by store_notify.c, valid during the call only; NULL for
 * the short form).  A row is a hint for drawing: any login of the ward can
 * NOTIFY (live.h).  Returns ST_OFFLINE when the connection broke. */
enum st_status store_listen(struct store *st, struct st_err *err);
/* store_listen, store_alert_listen and store_listen_shift (store_shift.h)
 * at once: two round trips, not six (the console's start). */
enum st_status store_listen_live(struct store *st, struct st_err *err);
typedef void (*st_notify_fn)(void *ctx, int64_t case_id, int32_t version, int ward_id,
                             const char *op,   /* ward_id 0 when the payload has none */
                             const struct wd_case *row);
enum st_status store_drain(struct store *st, st_notify_fn fn, void *ctx, struct st_err *err);

/* LISTEN to the ward's alert channel, wardesk_alert_<ward>_<token>: one
 * notification per event, payload {"id":N,"case":N,"kind":"...","to":[logins],
 * "ids":"first-last" (their alerts), and what the alert says: "ref", ...}
 * (50_deadlines.sql, tg_alerts_notify; id: the event's last alert).  The
 * callback gets one login: the caller's own when it is a recipient, else
 * the first recipient; and the payload as the drain read it (valid during
 * the call only), from which store_alert_hint (store_deadline.h) reads the
 * caller's own alert without reading the payload again.  A payload may be
 * forged (any login of the ward can NOTIFY). */
enum st_status store_alert_listen(struct store *st, struct st_err *err);
struct st_alert_payload;
typedef void (*st_alert_fn)(void *ctx, int64_t alert_id, int64_t case_id, const char *kind,
                            const char *to, const struct st_alert_payload *payload);
/* Like store_drain, for a connection listening to both channels: case
 * notifications go to case_fn, alert notifications to alert_fn (either may
 * be NULL: those are dropped).  Never blocks. */
enum st_status store_drain_live(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                                void *ctx, struct st_err *err);
/* store_drain_live, and the raw payloads of wardesk_shift (store_listen_shift,
 * store_shift.h; parse with store_shift_payload) to shift_fn (may be NULL). */
typedef void (*st_shift_fn)(void *ctx, const char *payload);
enum st_status store_drain_all(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                               st_shift_fn shift_fn, void *ctx, struct st_err *err);
/* store_drain_all for at most max_ms of the thread's CPU time (checked after
 * each notification);
 * *more: notifications are left in libpq's queue, where poll() on the
 * socket does not see them: call again soon (the console: next turn). */
enum st_status store_drain_for(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                               st_shift_fn shift_fn, void *ctx, int max_ms, bool *more,
                               struct st_err *err);
/* From a drain's callback: the drain stops after this notification, as
 * when its budget ran out (*more: whether another waits).  The console:
 * a case drawn from its payload is painted before the notifications
 * after it (its alert) are read. */
void store_drain_stop(struct store *st);

/* ---- background statements (src/store_async.c) ----------------------
 *
 * The console's background statements, sent without
 * waiting (issue 14 item 4: keys stay answered during a catch-up sweep).
 *
 * The typed senders are declared beside their synchronous twins
 * (store_list_ids_send above; store_sweep_send and the alerts' in
 * store_deadline.h).  A background statement (the console's sweep call,
 * the confirmation of
 * payload-drawn cases, the alerts' fetch and confirmation) is sent on the
 * connection's own socket with PQsendQuery* and its result is read when
 * the socket is readable, within the caller's one poll() loop: the loop
 * never waits for the server.
 *
 * One connection, one statement at a time: requests wait in a small FIFO
 * and are sent one after the other (never while store_list_begin's list
 * still streams, nor inside a transaction).  Every one runs under the
 * session's lock_timeout and statement_timeout (store_guard.c: 3 s, 10 s
 * by default), so none is in flight longer than that.
 *
 * A synchronous call of the store (an officer's action, a screen's read)
 * first settles the one in flight: it waits for its result up to
 * ST_ASYNC_SETTLE_MS, then cancels it (PQcancel; a background statement is
 * one transaction, so a cancelled one changed nothing and its owner sends
 * it again later).  The result is kept and handed on by the next
 * store_async_step, never from inside that other call.
 *
 * Notifications that come while a result is pending stay in libpq's
 * queue and are read by the next drain (store_drain_for), after the
 * result: nothing is lost.
 *
 * Ownership: each request's callback is called exactly once from
 * store_async_step (status ST_OFFLINE when the connection broke in
 * flight), or never when the store is closed first; then the request is
 * simply gone (owners compare store_serial() to know whether theirs is
 * still on its way).  Lists passed to callbacks are the callback's to
 * free, as documented per callback. */

/* An officer's action waits this long for the background statement in
 * flight, then cancels it. */
#define ST_ASYNC_SETTLE_MS 50

/* A number for this connection, different for every store_open of the
 * process (0 for NULL): a request sent on serial s is still on its way
 * while store_serial(current) == s and its callback has not come. */
unsigned long store_serial(const struct store *st);

/* Whether store_async_step has something to do without waiting (a result
 * is in, or a request can be sent): poll() must not sleep. */
bool store_async_ready(struct store *st);
/* Read what came, send the next request, and hand on at most one finished
 * request to its callback: true when it did (call again: the callback may
 * have closed st, so read the caller's pointer again).  Never waits. */
bool store_async_step(struct store *st);

#endif
