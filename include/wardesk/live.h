/* live.h - the console's connection: live / reconnecting / offline.
 *
 * On every connect: store_open, store_whoami; on a first start the first
 * page of the queue, drawn at once (the first screen waits for nothing it
 * does not show); then store_listen_live (cases, alerts, shifts), the desk
 * clock, the role and the shift; then (LISTEN first) a full snapshot into
 * the model (open cases + resolved today),
 * replacing what it held; then notifications are applied: one that
 * carries the case's queue row (wardesk.case_payload, decoded by store_notify.c) is
 * drawn at once without a query, when its version is newer than the
 * model's; one without (the short form) refetches that case with
 * store_list q.id.
 *
 * A payload is only a hint: PostgreSQL has no privilege on NOTIFY, so a
 * login of the same ward that knows the channel can send a forged one.
 * Every case drawn from a payload is confirmed within LIVE_CONFIRM_MS by
 * one query for all of them (sent at a moment of no notification,
 * LIVE_CONFIRM_QUIET_MS, when there is one in time), LIVE_CONFIRM_MAX at a time (live_confirm,
 * store_list_ids; under a flood, such as a catch-up sweep, a batch over
 * that is confirmed on the following turns of the loop), which
 * overwrites the model's row whatever version it holds (a forged high
 * version cannot block later true updates) and removes the ids the
 * database does not show.  Actions carry the version the officer saw; SQL
 * refuses a stale one.  When the connection breaks,
 * the model keeps the last known state (the UI marks it stale) and
 * reconnects with backoff 0.5 s, 1, 2, 4, 8, 10, 10 ... s.
 *
 * Ownership: struct live is the caller's (usually inside struct ui); it
 * owns the store connection, the officer record and the conninfo copy. */
#ifndef WARDESK_LIVE_H
#define WARDESK_LIVE_H

#include "wardesk/model.h"
#include "wardesk/model_idq.h"
#include "wardesk/store.h"

enum live_state {
	LIVE_CONNECTING,     /* first connection under way */
	LIVE_UP,             /* connected, listening: the screen is live */
	LIVE_RECONNECTING,   /* connection attempt under way after a loss */
	LIVE_DOWN,           /* not connected; next attempt at next_try */
};

#define LIVE_BACKOFF_FIRST_MS 500
#define LIVE_BACKOFF_MAX_MS 10000
/* What changed tells after a wardesk_shift notification (shifts, handovers);
 * case ids are > 0, 0 means everything. */
#define LIVE_SHIFT_CHANGED (-2)
#define LIVE_FIRST_PAGE 200     /* rows loaded (and drawn) before the full snapshot */
#define LIVE_LOAD_STEP_MS 2     /* the snapshot's rows passed on per loop turn, at most */
#define LIVE_CONFIRM_MS 1000    /* payload-drawn cases are confirmed within this */
#define LIVE_CONFIRM_MAX 128    /* ids per confirmation query (a turn of the loop) */
#define LIVE_CONFIRM_QUIET_MS 25 /* and sent once no notification came for this
                                 * long (when LIVE_CONFIRM_MS allows): not in
                                 * the milliseconds when every console of the
                                 * ward paints the case just heard (issue 14) */
#define LIVE_DRAIN_US 500       /* notifications handled per loop turn, at most
                                 * (of the console's CPU time; a flood waits in
                                 * libpq's queue for the next turns; keys are
                                 * read between them) */
#define LIVE_DRAIN_REST_MS 1    /* and between two such turns the console
                                 * sleeps this long (poll(), not woken by the
                                 * database socket): a key then wakes a
                                 * sleeping process, which the kernel runs at
                                 * once, not one that has used its share of a
                                 * busy CPU (issue 14 item 4) */
#define LIVE_KEY_CHECK_US 200   /* within a slice, whether a key waits (it
                                 * ends the slice) is asked this often */

struct live {
	char *conninfo;
	struct store *st;
	struct model *model;
	enum live_state state;
	bool ever_up;            /* a snapshot was loaded at least once */
	bool loading;            /* the snapshot streams in (live_readable reads
	                          * it between keys); live once it is in */
	time_t new_since;        /* cases received from then on can be NEW
	                          * (model_seen.h): mcase.seen_at is their
	                          * received time; 0 for older ones.  0: the
	                          * desk clock's now at the first snapshot */
	bool refused;            /* the server refused this login (deactivated,
	                          * unknown, wrong password): no more attempts;
	                          * err says why */
	time_t offline_since;    /* wall clock when the connection was lost */
	int backoff_ms;
	int64_t next_try;        /* monotonic ms of the next attempt (LIVE_DOWN) */
	struct st_err err;       /* why the last connection failed */
	struct wd_officer me;
	bool have_me;

	/* Roles and shifts (issue 6), read on every connect: */
	unsigned perms;          /* WD_PERM_BIT()s of store_permissions */
	bool have_perms;         /* false: unknown (old schema, not an officer) */
	int64_t shift_id;        /* my open shift, 0 when off duty */
	bool shift_known;        /* shift_id has been read (the header says nothing of it before) */
	time_t shift_started;
	/* Pending handovers addressed to me: how many, the oldest's id and
	 * who wrote it.  Re-read on every wardesk_shift notification. */
	int ho_for_me;
	int64_t ho_for_me_id;
	char ho_for_me_from[64];
	bool shift_notified;     /* a wardesk_shift payload came in this drain */
	/* My own pending handover; when it leaves pending declined, who
	 * declined it and why, or acknowledged, by whom (the console says
	 * so once). */
	int64_t ho_mine_id;
	int64_t ho_declined_id;
	char ho_declined_by[64];
	char ho_declined_note[256];
	int64_t ho_acked_id;
	char ho_acked_by[64];

	struct idq unconf;       /* ids drawn from a payload, to confirm, and
	                          * ids notified without one, to read */
	unsigned long confirm_on; /* store_serial of the connection a
	                          * confirmation is on its way on; 0: none */
	int64_t confirm_at;      /* monotonic ms of the confirmation (unconf.n > 0),
	                          * at the first quiet moment from then on ... */
	int64_t confirm_by;      /* ... but by then at the latest */
	int64_t heard_at;        /* monotonic ms of the last notification */
	bool backlog;            /* notifications wait in libpq's queue (a flood
	                          * is drained LIVE_DRAIN_US per turn) */
	bool fresh;              /* this drain began with no backlog ... */
	bool paint_first;        /* ... and stopped at a case drawn from its
	                          * payload: paint (below) before the
	                          * notifications after it (its alert) are read */

	/* Told after every change: id of the case, or 0 for "everything"
	 * (snapshot, state change).  Also told (with id 0) just before a
	 * blocking connection attempt, so the UI can show "reconnecting". */
	void (*changed)(void *ctx, int64_t id);
	void *ctx;
	/* Alerts (store_deadline.h): the connection also LISTENs to
	 * wardesk_alert; each notification is passed on (NULL: dropped).
	 * up (may be NULL) is told after every successful connection, once
	 * the snapshot is in: the time to load undelivered alerts.  payload:
	 * the notification's, as the drain read it (st_alert_fn, store.h). */
	void (*alert)(void *ctx, int64_t alert_id, int64_t case_id, const char *kind, const char *to,
	              const struct st_alert_payload *payload);
	void (*up)(void *ctx);
	/* Whether a key waits to be read (may be NULL): a drain of a flood
	 * stops for it (console.c). */
	bool (*input_waiting)(void *ctx);
	/* Draw the frame now, if anything changed (may be NULL): called in a
	 * drain that did not start in a flood, after its first case drawn
	 * from a payload (the notifications after it wait for the paint). */
	void (*paint)(void *ctx);
};

int64_t mono_ms(void);

void live_init(struct live *l, const char *conninfo, struct model *m);
void live_free(struct live *l);

/* The first connection: st, opened already (the console's password
 * probe), is used by the first live_connect instead of a new one. */
void live_adopt(struct live *l, struct store *st);
/* Connect now (blocking) and read the first page of the snapshot; the
 * rest streams in from live_readable (live_loading), then the connection
 * is live.  Returns true when live or loading. */
bool live_connect(struct live *l);
bool live_loading(const struct live *l);
bool live_up(const struct live *l);

/* For poll(): the socket (-1 when not connected) and how long until the
 * next reconnection attempt is due (-1: none pending; 0 also while
 * snapshot rows wait to be read). */
/* A number of ms in 0..max that differs from console to console: the
 * consoles of a ward that hear the same notification do not all query at
 * the same moment (the confirmation, the alerts). */
int64_t live_spread_ms(int64_t max);
int live_fd(const struct live *l);
int live_timeout_ms(const struct live *l, int64_t now_ms);

/* The socket is readable (or rows wait): read the snapshot's next rows, or
 * the notifications, and apply them. */
void live_readable(struct live *l);
/* Time passed: reconnect when due; confirm the payload-drawn cases when
 * due (live_timeout_ms says when). */
void live_poll(struct live *l, int64_t now_ms);
/* An action found the connection broken (err->status == ST_OFFLINE). */
void live_lost(struct live *l, const struct st_err *err);
/* Re-read my shift and the pending handovers addressed to me (done on
 * connect and on every wardesk_shift notification; then changed is told
 * LIVE_SHIFT_CHANGED).  false when the connection broke. */
bool live_refresh_shift(struct live *l);
/* Refetch one case by id and update the model (after an action, a
 * refusal, or a notification).  Returns false when the connection broke. */
bool live_refetch(struct live *l, int64_t id);
/* Send one query for every case drawn from a payload since the last
 * confirmation (and every case notified without one), without waiting
 * (store.h: background statements): its answer, read by live_readable, puts the database's
 * rows into the model unconditionally and removes the ids it does not
 * show; refused, the ids are confirmed again later; the connection lost in
 * flight, the console goes offline and reconnects.  false when not live. */
bool live_confirm(struct live *l);
/* Whether a confirmation is on its way (sent, not answered). */
bool live_confirming(const struct live *l);
/* Whether the confirmation's timer has run out (live_poll sends it now):
 * a timer whose running out draws nothing by itself, its answer tells
 * changed (the console draws no frame for it: one a case, issue 14). */
bool live_confirm_due(const struct live *l, int64_t now_ms);

#endif
