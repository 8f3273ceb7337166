/* store_audit.h - the audit chain (sql/code/26_audit_chain.sql) and officer
 * deactivation (sql/code/60_roles.sql), issue 13.
 *
 * Part of the store module (src/store_audit.c): every query is a constant
 * string with $n parameters; the database recomputes the chain and decides
 * who may do what.  Strings and lists filled here belong to the caller
 * (the matching *_free). */
#ifndef WARDESK_STORE_AUDIT_H
#define WARDESK_STORE_AUDIT_H

#include "wardesk/store.h"

/* One ward's chain as wardesk.audit_verify() found it. */
struct wd_chain {
	char *ward;           /* ward code */
	long long events;     /* events of the ward */
	bool intact;
	long long head_seq;   /* the head: place in the chain, event id, hash (hex) */
	long long head_event;
	char *head_hash;
	long long bad_event;  /* the first broken link (0 when intact) */
	char *bad_ref;        /* its case */
	time_t bad_at;        /* its (desk) time */
	char *problem;        /* what is wrong with it */
};
struct wd_chain_list { struct wd_chain *v; size_t n; };
void wd_chain_list_free(struct wd_chain_list *l);

/* wardesk.audit_verify(ward): ward NULL = the caller's own ward (a
 * superuser: every ward). */
enum st_status store_audit_verify(struct store *st, const char *ward, struct wd_chain_list *out,
                                  struct st_err *err);

/* The head of the caller's ward's chain now (seq 0, event 0, hash NULL
 * when the ward has no event yet). */
enum st_status store_audit_head(struct store *st, long long *event, char **hash,
                                 struct st_err *err);

/* The heads a handover pinned when written and when acknowledged (0/NULL:
 * none recorded). */
enum st_status store_handover_heads(struct store *st, int64_t id, long long *event, char **hash,
                                    long long *ack_event, char **ack_hash, struct st_err *err);

/* A case an officer still holds (officer_deactivate's answer). */
struct wd_held { char *ref, *state, *description; time_t deadline_at; };
struct wd_held_list { struct wd_held *v; size_t n; };
void wd_held_list_free(struct wd_held_list *l);

/* wardesk.officer_deactivate(login) / officer_activate(login). */
enum st_status store_officer_deactivate(struct store *st, const char *login, struct wd_held_list *out,
                                        struct st_err *err);
enum st_status store_officer_activate(struct store *st, const char *login, struct st_err *err);

#endif
