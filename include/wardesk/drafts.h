/* drafts.h - what an officer typed and did not send, kept on disk.
 *
 * A draft is named by a key: "REF.action" for a note prompt (BT-7.close),
 * or a name of its own ("ticket.form", "ticket.discarded").  It holds the
 * text, the case version the officer saw (0: none), one extra word (the
 * closing reason) and when it was saved.
 *
 * Files: $XDG_STATE_HOME/wardesk/drafts/PLACE/LOGIN/KEY.draft (default
 * ~/.local/state; PLACE: the database and ward, drafts_set_place), the
 * directories 0700, each file 0600, written atomically
 * (mkstemp in the same directory, fsync, rename).  A damaged file is set
 * aside as KEY.corrupt, reported once (drafts_problem) and never read
 * again.  Nothing here draws: pure file I/O.
 *
 * Layer: model. */
#ifndef WARDESK_DRAFTS_H
#define WARDESK_DRAFTS_H

#include <time.h>

struct draft {
	char key[96];
	char ref[48];       /* "" for a draft that is not a case's note */
	char action[24];
	char extra[48];     /* e.g. the closing reason; "" none */
	int version;        /* the case version the officer saw; 0 unknown */
	time_t saved;
	char *text;
};

/* Whose drafts: the officer's login.  Each login has its own directory
 * (drafts/PLACE/LOGIN/), so officers sharing one system account never see
 * each other's notes.  Until it is set there is no drafts directory. */
void drafts_set_owner(const char *login);
/* Where: the database and ward (store_desk_identity, "ID.WARDCODE"), so a
 * note, a ticket or a NEW mark of another database is never offered, sent
 * or restored.  Until it is set (the first connection) there is no drafts
 * directory.  Files of older versions (drafts/LOGIN/, keyed by nothing)
 * are never read.  true: the place changed. */
bool drafts_set_place(const char *key);
/* The drafts directory, created (0700, and its parents) when missing; NULL
 * when no owner is set, there is no HOME nor XDG_STATE_HOME, or it cannot
 * be made.  Owned by drafts.c. */
const char *drafts_dir(void);
/* "REF.action", made safe for a file name (anything but A-Z a-z 0-9 - _ is
 * '_'). */
void draft_key(char *buf, size_t n, const char *ref, const char *action);
/* Write d (d->key names it).  An empty or NULL text removes the draft.
 * false on an I/O error. */
bool draft_save(const struct draft *d);
/* Read the draft named key into d (d->text allocated): false when there is
 * none or it is damaged (then set aside; see drafts_problem). */
bool draft_load(const char *key, struct draft *d);
void draft_remove(const char *key);
void draft_free(struct draft *d);
/* Every note draft (those with a ref), oldest first; *out allocated. */
size_t drafts_list(struct draft **out);
void drafts_list_free(struct draft *v, size_t n);
/* A damaged draft found since the last call ("" none): reported once. */
const char *drafts_problem(void);

#endif
