/* history.c - a case's history as sentences (history.h). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/history.h"
#include "wardesk/words.h"

/* A string field of the event's JSON ("owner", "close_reason"), or NULL. */
static char *json_field(const char *json, const char *key)
{
	struct json_object *o, *v;
	char *r = NULL;

	if (!json || !*json || !(o = json_tokener_parse(json)))
		return NULL;
	if (json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string))
		r = xstrdup(json_object_get_string(v));
	json_object_put(o);
	return r;
}

static const char *actor_of(const struct wd_event *e)
{
	if (!e->actor || !*e->actor || !strcmp(e->actor, "desk"))
		return _("the desk");
	return e->actor;
}

/* Minutes from the event to the deadline (never negative). */
static long mins_left(const struct wd_case *c, const struct wd_event *e)
{
	long m = (long)((c->deadline_at - e->at) / 60);

	return m < 0 ? 0 : m;
}

static void automatic(const struct wd_case *c, const struct wd_event *e, char *out, size_t outsz)
{
	const char *a = e->action;
	char *owner = json_field(e->old_json, "owner");
	bool held = owner || c->owner;

	free(owner);
	if (!strcmp(a, "warn"))
		snprintf(out, outsz, _("warned automatically: %ld min left"), mins_left(c, e));
	else if (!strcmp(a, "auto-escalate"))
		snprintf(out, outsz, held ? _("escalated automatically: %ld min left, the holder had not acknowledged")
		                          : _("escalated automatically: %ld min left, nobody had taken the case"),
		         mins_left(c, e));
	else if (!strcmp(a, "overdue"))
		snprintf(out, outsz, "%s", _("marked overdue automatically: the deadline passed"));
	else
		snprintf(out, outsz, "%s", _("reminded automatically: still open after the deadline"));
}

void history_sentence(const struct wd_case *c, const struct wd_event *e, char *out, size_t outsz)
{
	const char *a = e->action ? e->action : "", *who = actor_of(e);
	char *x = NULL;

	if (!strcmp(a, "warn") || !strcmp(a, "auto-escalate") || !strcmp(a, "overdue") ||
	    !strcmp(a, "remind")) {
		automatic(c, e, out, outsz);
		return;
	}
	if (!strcmp(a, "report"))
		snprintf(out, outsz, _("%s recorded the case"), who);
	else if (!strcmp(a, "take"))
		snprintf(out, outsz, _("%s took the case"), who);
	else if (!strcmp(a, "assign") && (x = json_field(e->new_json, "owner")))
		snprintf(out, outsz, _("%s gave the case to %s"), who, x);
	else if (!strcmp(a, "assign"))
		snprintf(out, outsz, _("%s assigned the case"), who);
	else if (!strcmp(a, "escalate"))
		snprintf(out, outsz, _("%s escalated the case to the ward chair"), who);
	else if (!strcmp(a, "deescalate"))
		snprintf(out, outsz, _("%s took the escalation back"), who);
	else if (!strcmp(a, "ack"))
		snprintf(out, outsz, _("%s acknowledged the warning"), who);
	else if (!strcmp(a, "close") && (x = json_field(e->new_json, "close_reason")))
		snprintf(out, outsz, _("%s closed the case: %s"), who, word_reason_label(x));
	else if (!strcmp(a, "close"))
		snprintf(out, outsz, _("%s closed the case"), who);
	else if (!strcmp(a, "reopen"))
		snprintf(out, outsz, _("%s reopened the case"), who);
	else if (!strcmp(a, "handover"))
		snprintf(out, outsz, _("%s handed the case over"), who);
	else if (!strcmp(a, "priority") && (x = json_field(e->new_json, "priority")) && !strcmp(x, "urgent"))
		snprintf(out, outsz, _("%s made the case urgent"), who);
	else if (!strcmp(a, "priority"))
		snprintf(out, outsz, _("%s made the case normal priority"), who);
	else if (!strcmp(a, "rate"))
		snprintf(out, outsz, _("%s recorded the reporter's rating"), who);
	else
		snprintf(out, outsz, _("%s: %s"), who, a);
	free(x);
}
