/* cli_shift.c - shifts, reassigning an officer's cases and the chair's
 * board from the command line (issue 6; store_shift.h).  Handovers:
 * cli_handover.c; statistics: cli_stats.c. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/stats.h"
#include "wardesk/store_deadline.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

/* ---- shift start / end ----------------------------------------------- */

static int shift_cmd(const struct cli_global *g, bool start)
{
	struct st_err err = { 0 };
	struct wd_shift s;
	struct store *st = cli_connect(g);
	enum st_status rc;
	char a[40], b[40];

	rc = start ? store_shift_start(st, &s, &err) : store_shift_end(st, &s, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	cli_time_long(s.started_at, a, sizeof a);
	cli_time_long(s.ended_at, b, sizeof b);
	if (start)
		cli_printf(_("shift %lld started %s\n"), (long long)s.id, a);
	else
		cli_printf(_("shift %lld ended %s (started %s)\n"), (long long)s.id, b, a);
	wd_shift_free(&s);
	return WD_EXIT_OK;
}

int cmd_shift_start(const struct cli_global *g, const struct cli_args *a)
{
	return shift_cmd(g, true);
}

int cmd_shift_end(const struct cli_global *g, const struct cli_args *a)
{
	return shift_cmd(g, false);
}

/* ---- board ----------------------------------------------------------- */

/* The last sweep of each ward of the board (wardesk.sweep_health()). */
static struct json_object *sweep_json(const struct wd_sweep_health_list *h)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; h && i < h->n; i++) {
		struct json_object *e = json_object_new_object();

		json_object_object_add(e, "ward", cli_jstr(h->v[i].ward));
		json_object_object_add(e, "at", h->v[i].last_at ? cli_jtime(h->v[i].last_at) : NULL);
		json_object_object_add(e, "by", cli_jstr(h->v[i].last_by));
		json_object_object_add(e, "steps", json_object_new_int(h->v[i].last_steps));
		json_object_array_add(arr, e);
	}
	return arr;
}

static void sweep_lines(const struct wd_sweep_health_list *h)
{
	for (size_t i = 0; h && i < h->n; i++) {
		const struct wd_sweep_health *r = &h->v[i];
		const char *ward = r->ward ? r->ward : "";
		char at[40];

		if (!r->last_at) {
			cli_printf(_("Last sweep (%s):    never\n"), ward);
			continue;
		}
		time_iso(r->last_at, at, sizeof at);
		cli_printf(_("Last sweep (%s):    %s by %s\n"), ward, at, r->last_by ? r->last_by : "");
	}
}

/* The open urgent cases (sql/014), first on the board: the leading rows of
 * the open list, which puts them first. */
static size_t board_urgent(const struct wd_case_list *open)
{
	size_t n = 0;

	while (n < open->n && open->v[n].urgent)
		n++;
	return n;
}

static void urgent_json(struct json_object *o, const struct wd_case_list *open)
{
	struct json_object *arr = json_object_new_array();

	for (size_t i = 0; i < board_urgent(open); i++) {
		struct json_object *e = json_object_new_object();

		json_object_object_add(e, "ref", cli_jstr(open->v[i].ref));
		json_object_object_add(e, "deadline", cli_jtime(open->v[i].deadline_at));
		json_object_object_add(e, "owner", cli_jstr(open->v[i].owner));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "urgent", arr);
}

static void urgent_lines(const struct wd_case_list *open)
{
	size_t n = board_urgent(open);
	char due[40];

	if (!n)
		return;
	cli_printf(_("Urgent (%zu):\n"), n);
	for (size_t i = 0; i < n; i++) {
		const struct wd_case *c = &open->v[i];

		time_hhmm(c->deadline_at, due, sizeof due);
		cli_printf(_("  !%s  due %s  %s\n"), c->ref, due, c->owner ? c->owner : _("unowned"));
	}
	cli_printf("\n");
}

static void board_json(const struct wd_board *b, const struct wd_sweep_health_list *h,
                       const struct wd_case_list *open)
{
	struct json_object *o = json_object_new_object(), *arr = json_object_new_array();

	urgent_json(o, open);

	for (size_t i = 0; i < b->n; i++) {
		const struct wd_board_row *r = &b->v[i];
		struct json_object *e = json_object_new_object();

		json_object_object_add(e, "login", cli_jstr(r->login));
		json_object_object_add(e, "full_name", cli_jstr(r->full_name));
		json_object_object_add(e, "role", cli_jstr(wd_role_name(r->role)));
		json_object_object_add(e, "on_duty", json_object_new_boolean(r->on_duty));
		json_object_object_add(e, "shift_started", cli_jtime(r->shift_started));
		json_object_object_add(e, "open", json_object_new_int(r->open));
		json_object_object_add(e, "due_soon", json_object_new_int(r->due_soon));
		json_object_object_add(e, "overdue", json_object_new_int(r->overdue));
		json_object_object_add(e, "escalated", json_object_new_int(r->escalated));
		json_object_array_add(arr, e);
	}
	json_object_object_add(o, "officers", arr);
	json_object_object_add(o, "unowned", json_object_new_int(b->unowned));
	json_object_object_add(o, "unowned_due_soon", json_object_new_int(b->unowned_due_soon));
	json_object_object_add(o, "unowned_overdue", json_object_new_int(b->unowned_overdue));
	json_object_object_add(o, "escalated", json_object_new_int(b->escalated));
	json_object_object_add(o, "pending_handovers", json_object_new_int(b->pending_handovers));
	json_object_object_add(o, "on_duty", json_object_new_int(b->on_duty));
	json_object_object_add(o, "today_received", json_object_new_int(b->today_received));
	json_object_object_add(o, "today_resolved", json_object_new_int(b->today_resolved));
	json_object_object_add(o, "today_on_time", json_object_new_int(b->today_on_time));
	json_object_object_add(o, "today_on_time_rate", b->today_on_time_rate >= 0
	                       ? json_object_new_double(b->today_on_time_rate) : NULL);
	json_object_object_add(o, "last_sweep", sweep_json(h));
	cli_print_json(o);
}

static void board_table(const struct wd_board *b, const struct wd_sweep_health_list *h,
                        const struct wd_case_list *open)
{
	static const char *head[] = {
		N_("OFFICER"), N_("NAME"), N_("ROLE"), N_("ON DUTY"), N_("OPEN"), N_("DUE SOON"),
		N_("OVERDUE"), N_("ESCALATED"),
	};
	struct cli_table t;
	char ratio[48];

	urgent_lines(open);
	cli_table_init(&t, ARRAY_SIZE(head), head);
	for (size_t i = 0; i < b->n; i++) {
		const struct wd_board_row *r = &b->v[i];
		char since[40] = "-", n1[16], n2[16], n3[16], n4[16];

		if (r->on_duty)
			time_hhmm(r->shift_started, since, sizeof since);
		snprintf(n1, sizeof n1, "%d", r->open);
		snprintf(n2, sizeof n2, "%d", r->due_soon);
		snprintf(n3, sizeof n3, "%d", r->overdue);
		snprintf(n4, sizeof n4, "%d", r->escalated);
		cli_table_row(&t, r->login, r->full_name, wd_role_name(r->role), since, n1, n2, n3, n4);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
	stats_ratio(b->today_on_time, b->today_resolved, ratio, sizeof ratio);
	cli_printf("\n");
	cli_printf(_("Unowned queue:        %d (%d due soon, %d overdue)\n"), b->unowned,
	       b->unowned_due_soon, b->unowned_overdue);
	cli_printf(_("Escalations waiting:  %d\n"), b->escalated);
	cli_printf(_("Pending handovers:    %d\n"), b->pending_handovers);
	cli_printf(_("On duty:              %d\n"), b->on_duty);
	cli_printf(_("Today:                received %d, on time %s\n"), b->today_received, ratio);
	sweep_lines(h);
}

int cmd_board(const struct cli_global *g, const struct cli_args *a)
{
	struct wd_board b;
	struct wd_sweep_health_list h;
	struct wd_case_list open;
	/* open cases, urgent first: the urgent ones lead (at most 200 shown) */
	struct st_query q = { .states = 1u << WD_NEW | 1u << WD_IN_PROGRESS | 1u << WD_REOPENED,
	                      .limit = 200 };
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);

	if (store_board(st, &b, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	if (store_sweep_health(st, &h, &err) != ST_OK) {
		wd_board_free(&b);
		store_close(&st);
		return cli_fail(&err);
	}
	if (store_list(st, &q, &open, &err) != ST_OK) {
		wd_board_free(&b);
		wd_sweep_health_list_free(&h);
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (cli_fmt(a, FMT_TABLE) == FMT_JSON)
		board_json(&b, &h, &open);
	else
		board_table(&b, &h, &open);
	wd_board_free(&b);
	wd_sweep_health_list_free(&h);
	wd_case_list_free(&open);
	return WD_EXIT_OK;
}

/* ---- reassign all ---------------------------------------------------- */

int cmd_reassign(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int moved = 0;
	enum st_status rc;

	rc = store_reassign_all(st, a->pos[0], a->pos[1], &moved, &err);
	store_close(&st);
	if (rc != ST_OK)
		return cli_fail(&err);
	cli_printf(ngettext("%d case reassigned\n", "%d cases reassigned\n", (unsigned long)moved), moved);
	return WD_EXIT_OK;
}
