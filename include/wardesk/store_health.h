/* store_health.h - where the desk's connection is and how replication
 * stands, for `wardesk db status` (src/store_health.c).
 *
 * Ownership: store_db_status fills *out; st_db_status_free frees its
 * strings.  Replication figures come from wardesk.replication_status()
 * (sql/code/60_roles.sql), readable by every officer. */
#ifndef WARDESK_STORE_HEALTH_H
#define WARDESK_STORE_HEALTH_H

#include "wardesk/store.h"

struct st_db_status {
	char *host;             /* the host libpq chose (a socket directory for a local socket) */
	char *port;
	bool primary;           /* not in recovery: accepts writes */
	int standbys;           /* streaming from this server */
	int sync_standbys;      /* of which synchronous */
	bool lag_known;         /* max_lag_* are set (some standby reported) */
	long long max_lag_bytes;
	double max_lag_s;
};

enum st_status store_db_status(struct store *st, struct st_db_status *out, struct st_err *err);
void st_db_status_free(struct st_db_status *s);

#endif
