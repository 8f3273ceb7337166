/* store_phone.h - the chair's phone in the store (src/store_phone.c; SQL in
 * sql/code/55_phone.sql, tables in sql/migrations/016_phone.sql): officers'
 * mobile numbers, and the phone messages `wardesk watch` claims, sends and
 * reports.
 *
 * Ownership: store_phone_claim fills *out; wd_phone_msg_list_free frees it. */
#ifndef WARDESK_STORE_PHONE_H
#define WARDESK_STORE_PHONE_H

#include "wardesk/store.h"

/* Set (mobile NULL or "": clear) an officer's mobile number: themself, a
 * chair of their ward or the administrator.  out (>= 16 bytes) gets the
 * number as stored, "" when cleared. */
enum st_status store_officer_mobile_set(struct store *st, const char *login, const char *mobile,
                                        char *out, size_t outsz, struct st_err *err);

/* One claimed message: what the command needs to say and to whom. */
struct wd_phone_msg {
	int64_t id;
	int attempt;            /* 1 for the first */
	char *recipient;        /* login */
	char *number;           /* the mobile now, 0xxxxxxxxx; NULL: cleared since */
	char *kind;             /* the alert kind: escalation, overdue, ... */
	char *ref;
	char *category;
	char *address;          /* may be NULL */
	time_t deadline_at;
	time_t now;             /* the desk clock at the claim */
};
struct wd_phone_msg_list {
	struct wd_phone_msg *v;
	size_t n;
};
void wd_phone_msg_list_free(struct wd_phone_msg_list *l);

struct st_phone_claim {
	int limit;              /* at most this many messages */
	int lease_s;            /* held for this long (longer than the command may run) */
	int max_attempts;       /* a lost claim at this many attempts is given up */
	int max_age_s;          /* older pending messages expire unsent */
};
/* Claim the due messages (wardesk.phone_claim: a superuser or a member of
 * wardesk_phone; ST_REFUSED otherwise). */
enum st_status store_phone_claim(struct store *st, const struct st_phone_claim *q,
                                 struct wd_phone_msg_list *out, struct st_err *err);

/* Report attempt `attempt` of message id: sent (ok), or failed with a retry
 * in retry_s seconds (retry_s < 0: given up).  exit_status < 0: none (the
 * command did not start or was killed); error: why (NULL when sent).
 * outcome (>= 16 bytes) gets what was recorded: sent, failed, gave_up. */
enum st_status store_phone_result(struct store *st, int64_t id, int attempt, bool ok,
                                  int exit_status, const char *error, long retry_s,
                                  char *outcome, size_t outsz, struct st_err *err);

#endif
