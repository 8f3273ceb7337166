/* live_shift.c - the console's connection: my shift and the handovers
 * that concern me (live.h: live_refresh_shift; issue 6), read on connect
 * and again when the ward's shift channel says something changed. */
#include "wardesk/wardesk.h"

#include "wardesk/live.h"
#include "wardesk/live_impl.h"
#include "wardesk/store_shift.h"

void live_on_shift(void *ctx, const char *payload)
{
	struct live *l = ctx;

	(void)payload;   /* any shift or handover change: re-read both */
	l->shift_notified = true;
}

/* My handover id is no longer pending: declined, or acknowledged? */
static void why_not_pending(struct live *l, int64_t id)
{
	struct st_err err = { 0 };
	struct wd_handover h;

	if (store_handover_get(l->st, id, 0, &h, &err) != ST_OK)
		return;
	if (h.state == WD_HO_DECLINED) {
		l->ho_declined_id = h.id;
		snprintf(l->ho_declined_by, sizeof l->ho_declined_by, "%s", h.to ? h.to : "?");
		snprintf(l->ho_declined_note, sizeof l->ho_declined_note, "%s",
		         h.decline_note ? h.decline_note : "");
		for (char *p = l->ho_declined_note; *p; p++)
			if (*p == '\n')
				*p = ' ';
	} else if (h.state == WD_HO_ACKNOWLEDGED) {
		l->ho_acked_id = h.id;
		snprintf(l->ho_acked_by, sizeof l->ho_acked_by, "%s", h.to ? h.to : "?");
	}
	wd_handover_free(&h);
}

bool live_refresh_shift(struct live *l)
{
	struct st_err err = { 0 };
	struct wd_shift sh;
	struct wd_handover_list hl;
	enum st_status s;
	const char *me = l->have_me ? l->me.login : store_login(l->st);

	if (l->state != LIVE_UP)
		return false;
	s = store_shift_current(l->st, &sh, &err);
	if (s == ST_OFFLINE) {
		live_go_down(l, &err);
		return false;
	}
	l->shift_id = s == ST_OK ? sh.id : 0;
	l->shift_known = true;
	l->shift_started = s == ST_OK ? sh.started_at : 0;
	if (s == ST_OK)
		wd_shift_free(&sh);
	s = store_handovers_pending(l->st, &hl, &err);
	if (s == ST_OFFLINE) {
		live_go_down(l, &err);
		return false;
	}
	l->ho_for_me = 0;
	l->ho_for_me_id = 0;
	l->ho_for_me_from[0] = '\0';
	if (s == ST_OK) {
		int64_t mine = 0;

		for (size_t i = 0; i < hl.n; i++)
			if (hl.v[i].from && me && !strcmp(hl.v[i].from, me))
				mine = hl.v[i].id;
		if (l->ho_mine_id && l->ho_mine_id != mine)
			why_not_pending(l, l->ho_mine_id);
		l->ho_mine_id = mine;
		for (size_t i = 0; i < hl.n; i++) {
			const struct wd_handover *h = &hl.v[i];

			if (!h->to || !me || strcmp(h->to, me) != 0)
				continue;
			if (!l->ho_for_me++) {
				l->ho_for_me_id = h->id;
				snprintf(l->ho_for_me_from, sizeof l->ho_for_me_from, "%s",
				         h->from ? h->from : "?");
			}
		}
		wd_handover_list_free(&hl);
	}
	live_tell(l, LIVE_SHIFT_CHANGED);
	return true;
}
