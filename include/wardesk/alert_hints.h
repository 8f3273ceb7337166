/* alert_hints.h - alerts a console showed from their notification's
 * payload (a hint, store.h st_alert_fn) before the database confirmed
 * them: the hints heard and not yet announced, those announced and not yet
 * confirmed, and the ids announced lately (none is announced twice).
 *
 * Layer: UI services (console_alerts.c keeps one; no I/O here).
 *
 * A hint may be forged (any login of the ward can NOTIFY on its channel):
 * console_alerts.c confirms the shown ones in one statement every few
 * seconds (store_alerts_seen) and ahints_confirm says whether any was not
 * what the database holds. */
#ifndef WARDESK_ALERT_HINTS_H
#define WARDESK_ALERT_HINTS_H

#include "wardesk/store_deadline.h"

#define AHINTS_SAID 64
/* Hints kept at most between two showings: a burst beyond (an import of
 * thousands of reports alerts every officer on duty of each) is fetched,
 * 200 newest, as before. */
#define AHINTS_KEEP_MAX 200

struct ahint_shown { int64_t id, case_id; int kind, count; };

struct alert_hints {
	struct wd_alert_list heard;   /* to announce (deep copies) */
	size_t capheard;
	struct ahint_shown *unconf;   /* announced, not confirmed yet */
	size_t nunconf, capunconf;
	int64_t upto;                 /* the highest id announced from a hint */
	int64_t said[AHINTS_SAID];    /* ids announced lately (a ring) */
	size_t nsaid;
};

/* Keep login's own alert as its notification's payload says it (a hint:
 * store_alert_hint, read during the drain's callback from what the drain
 * read of the payload: it is read once) to announce at the next showing.
 * false (nothing kept): no hint (the short form, an older database,
 * malformed), or AHINTS_KEEP_MAX wait already: fetch. */
bool ahints_keep(struct alert_hints *h, const struct st_alert_payload *payload,
                 const char *login);
/* Keep a copy of hint a (valid during its callback only) to announce,
 * unless it was announced lately. */
void ahints_hear(struct alert_hints *h, const struct wd_alert *a);
/* Drop the kept and heard ones (a fetch returns them, those that are real). */
void ahints_heard_clear(struct alert_hints *h);
bool ahints_said(const struct alert_hints *h, int64_t id);
void ahints_said_add(struct alert_hints *h, int64_t id);
/* The heard ones are being announced: they wait for confirmation. */
void ahints_shown(struct alert_hints *h);
/* Whether id was shown and waits for confirmation. */
bool ahints_unconfirmed(const struct alert_hints *h, int64_t id);
/* The confirmation of the first n shown hints came (rows: alerts_seen's;
 * it was sent without waiting, and hints shown meanwhile follow them):
 * true when one of them was not the caller's alert as the database holds
 * it (a forged payload).  Forgets those n. */
bool ahints_confirm(struct alert_hints *h, const struct wd_alert_list *rows, size_t n);
void ahints_free(struct alert_hints *h);

#endif
