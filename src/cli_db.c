/* cli_db.c - `wardesk db status`: which node the desk is on, whether it is
 * the primary, its standbys and their lag. */
#include "wardesk/wardesk.h"

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/store_health.h"

int cmd_db_status(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct st_db_status s;
	struct store *st = cli_connect(g);
	int rc = WD_EXIT_OK;

	if (store_db_status(st, &s, &err) != ST_OK) {
		rc = cli_fail(&err);
		store_close(&st);
		return rc;
	}
	cli_printf(_("node: %s port %s\n"), s.host, s.port);
	if (!s.primary)
		cli_printf(_("standby (read-only): actions are refused here\n"));
	else if (s.standbys == 0)
		cli_printf(_("primary, no standby\n"));
	else
		cli_printf(_("primary, %d standby(s), %d synchronous\n"), s.standbys, s.sync_standbys);
	if (s.primary && s.standbys > 0 && s.sync_standbys == 0)
		cli_printf(_("warning: no synchronous standby: an acknowledged action may be lost in a failover\n"));
	if (s.lag_known)
		cli_printf(_("replication lag: at most %lld bytes, %.1f s\n"), s.max_lag_bytes, s.max_lag_s);
	st_db_status_free(&s);
	store_close(&st);
	return rc;
}
