/* sweep.c - alerts as desktop notifications (see sweep.h). */
#include "wardesk/wardesk.h"

#include <strings.h>

#include "wardesk/config.h"
#include "wardesk/sweep.h"
#include "wardesk/timefmt.h"
#include "wardesk/words.h"

/* true when word (case-insensitive) is an item of the comma/space list */
static bool in_list(const char *list, const char *word)
{
	size_t wl = word ? strlen(word) : 0;

	if (!list || !wl)
		return false;
	for (const char *p = list; *p;) {
		size_t n;

		p += strspn(p, ", \t");
		n = strcspn(p, ", \t");
		if (n == wl && !strncasecmp(p, word, n))
			return true;
		p += n;
	}
	return false;
}

bool alert_wanted(const char *events, const char *quiet, enum wd_alert_kind kind,
                  const char *category)
{
	/* escalations, and changes to the officer's own work, whatever the category */
	bool serious = kind == WD_ALERT_ESCALATION || kind == WD_ALERT_OVERDUE ||
	               kind == WD_ALERT_REMINDER || kind == WD_ALERT_URGENT ||
	               kind == WD_ALERT_REASSIGNED || kind == WD_ALERT_REOPENED;

	if (events && !in_list(events, wd_alert_kind_name(kind)) && !in_list(events, "all"))
		return false;
	return serious || !in_list(quiet, category);
}

enum notify_urgency alert_urgency(enum wd_alert_kind kind)
{
	switch (kind) {
	case WD_ALERT_ESCALATION:
	case WD_ALERT_OVERDUE:
	case WD_ALERT_REMINDER:
	case WD_ALERT_URGENT:
		return NOTIFY_CRITICAL;
	case WD_ALERT_NEW:
	case WD_ALERT_ASSIGNED:
	case WD_ALERT_WARNING:
	case WD_ALERT_REASSIGNED:
	case WD_ALERT_REOPENED:
	case WD_ALERT_KIND_COUNT:
		break;
	}
	return NOTIFY_NORMAL;
}

/* A summary alert (sql/023: one per officer and kind, for a sweep that
 * would have raised more than a few of that kind): "250 cases are overdue". */
static char *summary_line(const struct wd_alert *a)
{
	unsigned long n = (unsigned long)a->case_count;

	switch (a->kind) {
	case WD_ALERT_WARNING:
		return xasprintf(ngettext("%lu case is due soon", "%lu cases are due soon", n), n);
	case WD_ALERT_ESCALATION:
		return xasprintf(ngettext("%lu case is escalated to you", "%lu cases are escalated to you",
		                          n), n);
	case WD_ALERT_OVERDUE:
		return xasprintf(ngettext("%lu case is overdue", "%lu cases are overdue", n), n);
	case WD_ALERT_REMINDER:
		return xasprintf(ngettext("Reminder: %lu case is escalated and not acknowledged",
		                          "Reminder: %lu cases are escalated and not acknowledged", n), n);
	default:
		return xasprintf(ngettext("%lu case", "%lu cases", n), n);
	}
}

void alert_text(const struct wd_alert *a, char **summary, char **body)
{
	const char *ref = a->ref ? a->ref : "?", *cat;
	char due[16];

	if (a->case_count > 1) {
		time_hhmm(a->deadline_at, due, sizeof due);
		*summary = summary_line(a);
		*body = xasprintf(_("the first: %s, due %s: %s"), ref, due, a->address ? a->address : "");
		return;
	}
	switch (a->kind) {
	case WD_ALERT_NEW: *summary = xasprintf(_("New case %s"), ref); break;
	case WD_ALERT_ASSIGNED: *summary = xasprintf(_("%s is assigned to you"), ref); break;
	case WD_ALERT_WARNING: *summary = xasprintf(_("%s is due soon"), ref); break;
	case WD_ALERT_ESCALATION: *summary = xasprintf(_("%s is escalated to you"), ref); break;
	case WD_ALERT_OVERDUE: *summary = xasprintf(_("%s is overdue"), ref); break;
	case WD_ALERT_REMINDER:
		*summary = xasprintf(_("Reminder: %s is escalated and not acknowledged"), ref);
		break;
	case WD_ALERT_REASSIGNED:
		*summary = xasprintf(_("%s was reassigned to %s"), ref, a->about ? a->about : "?");
		break;
	case WD_ALERT_REOPENED:
		*summary = xasprintf(_("%s, which you closed, was reopened by %s"), ref,
		                     a->about ? a->about : "?");
		break;
	case WD_ALERT_URGENT: *summary = xasprintf(_("URGENT case %s"), ref); break;
	default: *summary = xstrdup(ref); break;
	}
	time_hhmm(a->deadline_at, due, sizeof due);
	/* the category in the interface's language (an English one had only
	 * the Vietnamese name: a newcomer's trial) */
	cat = word_name(a->category_vi, a->category_en);
	*body = xasprintf(_("%s, due %s: %s\n%s"), cat, due,
	                  a->address ? a->address : "", a->description ? a->description : "");
}

enum alert_notify_result alert_notify(const struct wd_alert *a)
{
	char *summary, *body;
	bool ok;

	if (!config_bool(SET_NOTIFY))
		return ALERT_FILTERED;
	if (!alert_wanted(config_str(SET_NOTIFY_EVENTS), config_str(SET_NOTIFY_QUIET), a->kind,
	                  a->category))
		return ALERT_FILTERED;
	alert_text(a, &summary, &body);
	if (a->kind == WD_ALERT_NEW)
		ok = notify_send_grouped("new", summary, _("%d new cases"), body, NOTIFY_NORMAL);
	else
		ok = notify_send(summary, body, alert_urgency(a->kind));
	free(summary);
	free(body);
	return ok ? ALERT_NOTIFIED : ALERT_FALLBACK;
}

/* How far along the deadline chain an alert is (0: not on it). */
static int chain_rank(enum wd_alert_kind k)
{
	switch (k) {
	case WD_ALERT_WARNING: return 1;
	case WD_ALERT_ESCALATION:
	case WD_ALERT_REMINDER: return 2;
	case WD_ALERT_OVERDUE: return 3;
	default: return 0;
	}
}

/* A step of the chain overtaken in the same batch (one sweep warned,
 * escalated and marked a case overdue at once): only the furthest is
 * announced, never a late warning after its escalation. */
bool alert_superseded(const struct wd_alert_list *l, size_t i)
{
	int r = l->v[i].case_count > 1 ? 0 : chain_rank(l->v[i].kind);   /* a summary stands */

	for (size_t j = 0; r && j < l->n; j++)
		if (j != i && l->v[j].case_id == l->v[i].case_id && l->v[j].case_count <= 1 &&
		    chain_rank(l->v[j].kind) > r &&
		    l->v[j].recipient && l->v[i].recipient &&
		    !strcmp(l->v[j].recipient, l->v[i].recipient))
			return true;
	return false;
}
