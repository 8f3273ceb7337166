/* cli_db.c - `wardesk db status`: which node the desk is on, whether it is
 * the primary, its standbys and their lag, and when each ward was last
 * swept (wardesk.sweep_health()). */
#include "wardesk/wardesk.h"

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_health.h"
#include "wardesk/timefmt.h"

/* One line per ward of the caller: its last sweep (time, login, steps). */
static enum st_status sweep_lines(struct store *st, struct st_err *err)
{
	struct wd_sweep_health_list l;
	enum st_status rc = store_sweep_health(st, &l, err);

	if (rc != ST_OK)
		return rc;
	for (size_t i = 0; i < l.n; i++) {
		const struct wd_sweep_health *h = &l.v[i];
		char at[40];

		if (!h->last_at) {
			cli_printf(_("last sweep (%s): never\n"), h->ward ? h->ward : "");
			continue;
		}
		time_iso(h->last_at, at, sizeof at);
		cli_printf(ngettext("last sweep (%s): %s by %s, %d step\n",
		                    "last sweep (%s): %s by %s, %d steps\n", (unsigned long)h->last_steps),
		           h->ward ? h->ward : "", at, h->last_by ? h->last_by : "", h->last_steps);
	}
	wd_sweep_health_list_free(&l);
	return ST_OK;
}

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
	if (sweep_lines(st, &err) != ST_OK)
		rc = cli_fail(&err);
	st_db_status_free(&s);
	store_close(&st);
	return rc;
}
