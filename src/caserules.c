/* caserules.c - small case rules (caserules.h). */
#include "wardesk/wardesk.h"

#include "wardesk/caserules.h"
#include "wardesk/model_seen.h"
#include "wardesk/timefmt.h"

const char *chain_mark(const struct mcase *c, enum mark_tone *tone)
{
	bool acked = c->chain & MCHAIN_ACKED;

	*tone = TONE_DEFAULT;
	if (c->state == WD_RESOLVED)
		return "";
	if (c->escalation >= 2) {
		*tone = acked ? TONE_DIM : TONE_OVERDUE;
		return acked ? "!!\xe2\x9c\x93" : "!!";
	}
	if (c->escalation == 1) {
		*tone = acked ? TONE_DIM : TONE_ESCALATED;
		return acked ? "!\xe2\x9c\x93" : "!";
	}
	if (acked) {
		*tone = TONE_DIM;
		return "\xe2\x9c\x93";    /* ✓ */
	}
	return "";
}

const char *case_state_refusal(enum case_act act, enum wd_state state)
{
	switch (act) {
	case CASE_CLOSE:
		if (state == WD_RESOLVED)   /* not "take it first": a resolved case cannot be taken */
			return N_("%s is %s: it is closed already");
		return state != WD_IN_PROGRESS ?
		       N_("%s is %s: only a case in progress can be closed (take it first)") : NULL;
	case CASE_ACK:
		return state == WD_RESOLVED ? N_("%s is resolved: nothing to acknowledge") : NULL;
	case CASE_REOPEN:
		return state != WD_RESOLVED ? N_("%s is %s: only a resolved case can be reopened") : NULL;
	}
	return NULL;
}

bool case_row_allows(enum wd_perm p, const struct mcase *c, bool mine, bool chair)
{
	bool open = c->state != WD_RESOLVED, held = c->owner != 0;

	switch (p) {
	case WD_PERM_TAKE: return c->state == WD_NEW || c->state == WD_REOPENED;
	case WD_PERM_ASSIGN: case WD_PERM_PRIORITY: case WD_PERM_MERGE_CLUSTER: return open;
	case WD_PERM_ESCALATE: return open && c->escalation == 0 && (chair || !held || mine);
	case WD_PERM_DEESCALATE: return open && c->escalation > 0;
	case WD_PERM_CLOSE: return c->state == WD_IN_PROGRESS && (chair || mine);
	case WD_PERM_REOPEN: return c->state == WD_RESOLVED;
	case WD_PERM_ACK:
		if (!open || (c->chain & MCHAIN_ACKED))
			return false;
		return c->escalation >= 1 ? chair : (c->chain & MCHAIN_WARNED) && (chair || mine);
	default: return true;
	}
}

void waiting_count(const struct model *m, const char *me, time_t now, bool new_mark,
                   struct waiting *w)
{
	size_t i, n = model_count(m);

	*w = (struct waiting){ 0 };
	for (i = 0; i < n; i++) {
		const struct mcase *c = model_at(m, i);
		const char *owner = model_owner(m, c);
		enum urgency u;

		if (c->state == WD_RESOLVED || (owner && (!me || strcmp(owner, me) != 0)))
			continue;
		if (c->flags & MCASE_URGENT)
			w->nurg++;
		if (new_mark && seen_is_new(c))
			w->nnew++;
		u = deadline_urgency(now, c->deadline, c->warn_min);
		if (u == URG_OVERDUE || c->escalation >= 2) {
			w->nlate++;
			w->nlate_mine += owner != NULL;   /* held here means held by me */
		} else if (u >= URG_DUE_SOON) {
			w->nsoon++;
		}
	}
}

char *overdue_text(size_t nlate, size_t mine)
{
	if (!mine)
		return xasprintf(ngettext("%zu overdue, not yours", "%zu overdue, none of them yours",
		                          nlate), nlate);
	if (mine >= nlate)
		return xasprintf(ngettext("%zu overdue, yours", "%zu overdue, all of them yours", nlate),
		                 nlate);
	return xasprintf(ngettext("%zu overdue, %zu of them yours", "%zu overdue, %zu of them yours",
	                          nlate), nlate, mine);
}
