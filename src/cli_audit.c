/* cli_audit.c - the audit chain (`audit verify`, the chain heads of a
 * handover record) and officer deactivation (`officer deactivate|activate`),
 * issue 13.  The database recomputes the chain and decides who may do what. */
#include "wardesk/wardesk.h"

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/store_audit.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

#define SHORT_HASH 12   /* hex digits of a hash shown to people */

/* ---- audit verify ---------------------------------------------------- */

int cmd_audit_verify(const struct cli_global *g, const struct cli_args *a)
{
	struct wd_chain_list l;
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int rc = WD_EXIT_OK;

	if (store_audit_verify(st, cli_str(a, "ward"), &l, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	for (size_t i = 0; i < l.n; i++) {
		const struct wd_chain *c = &l.v[i];

		if (c->intact && c->head_hash) {
			cli_printf(_("%s: %lld events, chain intact, head %.*s (event %lld)\n"), c->ward, c->events,
			       SHORT_HASH, c->head_hash, c->head_event);
		} else if (c->intact) {
			cli_printf(_("%s: %lld events, chain intact, no head yet\n"), c->ward, c->events);
		} else {
			char when[40];
			char *problem = text_sanitize(c->problem ? c->problem : "", false);

			cli_time_long(c->bad_at, when, sizeof when);
			if (c->bad_event)
				cli_printf(_("%s: chain BROKEN at event %lld (%s, %s): %s\n"), c->ward, c->bad_event,
				       c->bad_ref ? c->bad_ref : "-", when, problem);
			else
				cli_printf(_("%s: chain BROKEN: %s\n"), c->ward, problem);
			free(problem);
			rc = WD_EXIT_REFUSED;
		}
	}
	if (l.n == 0)
		cli_printf("%s\n", _("no ward to verify"));
	wd_chain_list_free(&l);
	return rc;
}

/* ---- the chain heads of a handover record ---------------------------- */

enum st_status cli_chain_heads_get(struct store *st, int64_t handover_id, struct cli_chain_heads *h,
                                   struct st_err *err)
{
	memset(h, 0, sizeof *h);
	if (handover_id <= 0) {
		h->now = true;
		return store_audit_head(st, &h->event, &h->hash, err);
	}
	return store_handover_heads(st, handover_id, &h->event, &h->hash, &h->ack_event, &h->ack_hash,
	                            err);
}

static void head_text(struct strbuf *sb, long long event, const char *hash)
{
	if (hash)
		sb_printf(sb, _("event %lld, %.*s"), event, SHORT_HASH, hash);
	else
		sb_puts(sb, _("not recorded"));
}

void cli_chain_heads_print(const struct cli_chain_heads *h, bool acknowledged, bool markdown)
{
	struct strbuf sb = { 0 };

	if (markdown)
		sb_printf(&sb, "\n## %s\n\n", _("Audit chain head (wardesk audit verify)"));
	else
		sb_printf(&sb, "\n%s\n", _("Audit chain head (wardesk audit verify):"));
	sb_puts(&sb, markdown ? "- " : "  ");
	sb_printf(&sb, "%s ", h->now ? _("Now:") : _("When written:"));
	head_text(&sb, h->event, h->hash);
	sb_puts(&sb, "\n");
	if (!h->now && acknowledged) {
		sb_puts(&sb, markdown ? "- " : "  ");
		sb_printf(&sb, "%s ", _("When acknowledged:"));
		head_text(&sb, h->ack_event, h->ack_hash);
		sb_puts(&sb, "\n");
	}
	cli_printf("%s", sb.s);
	sb_free(&sb);
}

void cli_chain_heads_free(struct cli_chain_heads *h)
{
	free(h->hash);
	free(h->ack_hash);
	memset(h, 0, sizeof *h);
}

/* ---- officer deactivate / activate ----------------------------------- */

int cmd_officer_deactivate(const struct cli_global *g, const struct cli_args *a)
{
	static const char *head[] = { N_("REF"), N_("STATE"), N_("DEADLINE"), N_("DESCRIPTION") };
	struct wd_held_list l;
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	enum st_status s = store_officer_deactivate(st, a->pos[0], &l, &err);

	store_close(&st);
	if (s != ST_OK)
		return cli_fail(&err);
	cli_printf(_("officer %s deactivated: no login, no reads or writes from now on; open shift ended, "
	         "sessions closed\n"), a->pos[0]);
	if (l.n == 0) {
		cli_printf("%s\n", _("they hold no open case"));
	} else {
		struct cli_table t;

		cli_printf(ngettext("they still hold %zu open case, theirs until reassigned "
		                    "(wardesk reassign %s LOGIN):\n",
		                    "they still hold %zu open cases, theirs until reassigned "
		                    "(wardesk reassign %s LOGIN):\n", l.n), l.n, a->pos[0]);
		cli_table_init(&t, ARRAY_SIZE(head), head);
		t.maxw[3] = 50;
		for (size_t i = 0; i < l.n; i++) {
			char dl[40];

			time_short(l.v[i].deadline_at, dl, sizeof dl);
			cli_table_row(&t, l.v[i].ref, l.v[i].state, dl, l.v[i].description);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	wd_held_list_free(&l);
	return WD_EXIT_OK;
}

int cmd_officer_activate(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	enum st_status s = store_officer_activate(st, a->pos[0], &err);

	store_close(&st);
	if (s != ST_OK)
		return cli_fail(&err);
	cli_printf(_("officer %s active again (can log in)\n"), a->pos[0]);
	return WD_EXIT_OK;
}
