/* caseops.h - take / assign / escalate / close / reopen / ack from the console.
 *
 * Closing a late case (past its deadline by our clock, or marked overdue by
 * the sweep; the database's clock has the last word: a refusal either way
 * asks again once) also asks for a delay reason (a list screen,
 * dialogs.h) and offers the ward's apology note, filled in, for
 * editing on the prompt (empty: none); then store_close_late.
 *
 * Each uses the version the officer saw (the model's), asks for what it
 * needs (notes through the prompt, close reason as a one-key choice, y/n
 * for irreversible actions unless `set confirm no`), refuses at once while
 * offline ("offline: not sent; try again when live"), and after the store
 * answers refetches the case so the screen shows the real state; refusals
 * are shown on the status line in the store's plain words.
 *
 * Drafts (drafts.h): the note of close, escalate and reopen is kept as a
 * draft of that case and action while typed; cancelled, it stays; offline
 * (the case opened from the last snapshot) the note is taken down and the
 * action kept as a draft with the version the officer saw; sent, the draft
 * goes.  The next prompt for the same case and action offers it back. */
#ifndef WARDESK_CASEOPS_H
#define WARDESK_CASEOPS_H

#include "wardesk/actions.h"

/* Layer: case actions (over the UI services, under the screens, the ":"
 * commands and the console's generic actions). */

struct ui;

/* From a key on a case (id from the model; seen: its version as drawn, 0
 * for the model's).  When the database refuses because the case changed
 * since (WD002), the officer is told what changed and asked again. */
void caseop_start(struct ui *ui, enum action_id act, int64_t id, int seen);
/* A case action has its note typed and is not sent yet (a question or a
 * dialog comes next). */
bool caseop_note_pending(void);
/* From a ":" command: ref names the case; arg is the login (assign) or the
 * reason (close); note may be NULL (then it is asked for). */
void caseop_command(struct ui *ui, enum action_id act, const char *ref, const char *arg,
                    const char *note);
/* Assign case id to login (what the picker calls back with). */
void caseop_assign_to(struct ui *ui, int64_t id, const char *login);
/* Open the officer picker for case id; the officer chosen gets it
 * (caseop_assign_to). */
void caseop_pick_assignee(struct ui *ui, int64_t id);

/* Send a draft: the action of d on d->ref with its note, reason and the
 * version the officer saw (a case changed meanwhile is refused, and the
 * draft stays).  The officer has already confirmed. */
struct draft;
void caseop_from_draft(struct ui *ui, const struct draft *d);

/* ---- likely duplicates (caseops_merge.c) ---- */

/* Merge cases a and b (b_earlier: b came in first, as likely_duplicates
 * says): the later is closed as a duplicate of the earlier, after a y/n
 * question (it cannot be undone) and after asking what the caller said now
 * (stored with the merge on the kept case). */
void caseop_merge(struct ui *ui, const char *a, const char *b, bool b_earlier);

/* ---- drafts waiting (caseops_drafts.c) ---- */

/* :drafts - offer each waiting draft in turn: send (y), next (n), discard
 * (d); Esc stops. */
void drafts_review(struct ui *ui);

/* ---- priority (caseops_priority.c) ---- */

/* Make case id urgent (want 1), normal (want 0) or the other of the two
 * (want -1), after a y/n question, with the version the officer saw (seen;
 * 0: the model's); a case changed since is said and asked again
 * (store_set_priority). */
void caseop_priority(struct ui *ui, int64_t id, int seen, int want);
void caseop_offer_urgent(struct ui *ui, const char *ref, const char *done);

/* ---- the team (caseops_team.c) ---- */

/* Start (true) or end the session user's shift. */
void shift_set(struct ui *ui, bool start);
/* Chair: every case `from` holds goes to `to`, after a y/n question
 * (store_reassign_all). */
void reassign_all(struct ui *ui, const char *from, const char *to);
/* The same, the receiving officer chosen in the picker. */
void reassign_all_pick(struct ui *ui, const char *from);

#endif
