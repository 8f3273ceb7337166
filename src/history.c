/* history.c - a case's history as sentences (history.h). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/history.h"
#include "wardesk/timefmt.h"
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

/* A number field of the event's JSON ("attempt"), or 0. */
static long json_long(const char *json, const char *key)
{
	struct json_object *o, *v;
	long r = 0;

	if (!json || !*json || !(o = json_tokener_parse(json)))
		return 0;
	if (json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_int))
		r = (long)json_object_get_int64(v);
	json_object_put(o);
	return r;
}

/* What an alert kind is called in a sentence about a phone message. */
static const struct { const char *kind, *word; } phone_kinds[] = {
	{ "escalation", N_("escalation") },
	{ "overdue", N_("overdue mark") },
	{ "urgent", N_("urgent case") },
	{ "warning", N_("warning") },
	{ "reminder", N_("reminder") },
	{ "new", N_("new case") },
	{ "assigned", N_("assignment") },
};

static const char *phone_kind_word(const char *kind)
{
	for (size_t i = 0; kind && i < ARRAY_SIZE(phone_kinds); i++)
		if (!strcmp(phone_kinds[i].kind, kind))
			return _(phone_kinds[i].word);
	return kind ? kind : "?";
}

/* One attempt at a phone message (55_phone.sql): "new" holds to, kind,
 * attempt, outcome, exit, error, next_at (epoch seconds). */
static void phone(const struct wd_event *e, char *out, size_t outsz)
{
	char *to = json_field(e->new_json, "to"), *kind = json_field(e->new_json, "kind");
	char *outcome = json_field(e->new_json, "outcome"), *error = json_field(e->new_json, "error");
	const char *k = phone_kind_word(kind), *o = outcome ? outcome : "", *why = error ? error : "";
	const char *who = to ? to : "?";
	long n = json_long(e->new_json, "attempt"), next = json_long(e->new_json, "next_at");
	char when[16] = "?";

	if (next > 0)
		time_hhmm((time_t)next, when, sizeof when);
	if (!strcmp(o, "sent"))
		snprintf(out, outsz, _("phone message to %s (%s) sent, attempt %ld"), who, k, n);
	else if (!strcmp(o, "failed"))
		snprintf(out, outsz, _("phone message to %s (%s) failed, attempt %ld: %s; next try at %s"),
		         who, k, n, why, when);
	else if (!strcmp(o, "gave_up"))
		snprintf(out, outsz, _("phone message to %s (%s) given up after attempt %ld: %s"), who, k, n,
		         why);
	else if (!strcmp(o, "lost"))
		snprintf(out, outsz, _("phone message to %s (%s): attempt %ld lost, its watcher stopped"),
		         who, k, n);
	else
		snprintf(out, outsz, _("phone message to %s (%s) not sent: too old"), who, k);
	free(to);
	free(kind);
	free(outcome);
	free(error);
}

/* A call-back to a reporter (57_callbacks.sql): "new" holds reporter, name,
 * outcome, attempt, rating, next_at (epoch seconds). */
static void callback(const char *who, const struct wd_event *e, char *out, size_t outsz)
{
	char *key = json_field(e->new_json, "reporter"), *name = json_field(e->new_json, "name");
	char *outcome = json_field(e->new_json, "outcome");
	const char *to = name && *name ? name : key ? key : "?", *o = outcome ? outcome : "";
	long n = json_long(e->new_json, "attempt"), rating = json_long(e->new_json, "rating");
	long next = json_long(e->new_json, "next_at");
	char when[16] = "?";

	if (next > 0)
		time_hhmm((time_t)next, when, sizeof when);
	if (!strcmp(o, "reached") && rating > 0)
		snprintf(out, outsz, _("%s called %s back with the result: reached, rated %ld of 5"), who, to,
		         rating);
	else if (!strcmp(o, "reached"))
		snprintf(out, outsz, _("%s called %s back with the result: reached"), who, to);
	else if (!strcmp(o, "no_answer") && next > 0)
		snprintf(out, outsz, _("%s called %s back with the result: no answer (call %ld); next try at %s"),
		         who, to, n, when);
	else if (!strcmp(o, "no_answer"))
		snprintf(out, outsz, _("%s called %s back with the result: no answer (call %ld); no more tries"),
		         who, to, n);
	else
		snprintf(out, outsz, _("%s called %s back with the result: wrong number"), who, to);
	free(key);
	free(name);
	free(outcome);
}

static const char *actor_of(const struct wd_event *e)
{
	if (!e->actor || !*e->actor || !strcmp(e->actor, "desk"))
		return _("the desk");
	return e->actor;
}

/* Whether the event's JSON has key at all (a null value included). */
static bool json_has(const char *json, const char *key)
{
	struct json_object *o;
	bool r;

	if (!json || !*json || !(o = json_tokener_parse(json)))
		return false;
	r = json_object_object_get_ex(o, key, NULL);
	json_object_put(o);
	return r;
}

/* Field key of the case as it was at event i.  The events keep only the
 * fields they changed, so it is the old value of the first later event that
 * changed it (*then = true; NULL when it was null then), or, when none did,
 * the case's value now (*then = false). */
static char *field_then(const struct wd_event_list *ev, size_t i, const char *key, bool *then)
{
	for (size_t j = i + 1; j < ev->n; j++)
		if (json_has(ev->v[j].old_json, key)) {
			*then = true;
			return json_field(ev->v[j].old_json, key);
		}
	*then = false;
	return NULL;
}

/* Minutes from event i to the deadline the case had then, in started
 * minutes as the countdown shows them (timefmt.c): > 0 left, < 0 overdue
 * (a catch-up sweep after the desk was off warns and escalates cases whose
 * deadline passed: "0 min left" said nothing of it), never 0. */
static long mins_left(const struct wd_case *c, const struct wd_event_list *ev, size_t i)
{
	bool then;
	char *d = field_then(ev, i, "deadline_at", &then);
	time_t deadline = c->deadline_at;
	long long s;

	if (then && d)
		time_parse(d, &deadline);
	free(d);
	s = (long long)deadline - (long long)ev->v[i].at;
	if (s <= 0)
		return -(long)((-s) / 60 + ((-s) % 60 != 0 || s == 0));
	return (long)(s / 60 + (s % 60 != 0));
}

static void automatic(const struct wd_case *c, const struct wd_event_list *ev, size_t i, char *out,
                      size_t outsz)
{
	const char *a = ev->v[i].action;
	bool then;
	char *owner = field_then(ev, i, "owner", &then);
	bool held = then ? owner != NULL : c->owner != NULL;
	long m = strcmp(a, "warn") && strcmp(a, "auto-escalate") ? 0 : mins_left(c, ev, i);

	free(owner);
	if (!strcmp(a, "warn") && m < 0)
		snprintf(out, outsz, _("warned automatically by the desk: already %ld min overdue"), -m);
	else if (!strcmp(a, "warn"))
		snprintf(out, outsz, _("warned automatically by the desk: %ld min left"), m);
	else if (!strcmp(a, "auto-escalate") && m < 0)
		snprintf(out, outsz, held ? _("escalated automatically by the desk: already %ld min overdue, the holder had not acknowledged")
		                          : _("escalated automatically by the desk: already %ld min overdue, nobody had taken the case"),
		         -m);
	else if (!strcmp(a, "auto-escalate"))
		snprintf(out, outsz, held ? _("escalated automatically by the desk: %ld min left, the holder had not acknowledged")
		                          : _("escalated automatically by the desk: %ld min left, nobody had taken the case"),
		         m);
	else if (!strcmp(a, "overdue"))
		snprintf(out, outsz, "%s", _("marked overdue automatically by the desk: the deadline passed"));
	else
		snprintf(out, outsz, "%s", _("reminded automatically by the desk: still open after the deadline"));
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

bool history_hidden(const struct wd_event_list *ev, size_t i)
{
	const struct wd_event *e = &ev->v[i];

	return e->feed && same(e->action, "take") && i + 1 < ev->n &&
	       same(ev->v[i + 1].action, "close") && same(ev->v[i + 1].actor, e->actor);
}

bool history_note_inline(const struct wd_event_list *ev, size_t i)
{
	return ev->v[i].feed && same(ev->v[i].action, "close");
}

void history_sentence(const struct wd_case *c, const struct wd_event_list *ev, size_t i, char *out,
                      size_t outsz)
{
	const struct wd_event *e = &ev->v[i];
	const char *a = e->action ? e->action : "", *who = actor_of(e);
	char *x = NULL, *y = NULL;

	if (!strcmp(a, "warn") || !strcmp(a, "auto-escalate") || !strcmp(a, "overdue") ||
	    !strcmp(a, "remind")) {
		automatic(c, ev, i, out, outsz);
		return;
	}
	if (!strcmp(a, "phone"))
		phone(e, out, outsz);
	else if (!strcmp(a, "callback"))
		callback(who, e, out, outsz);
	else if (!strcmp(a, "report"))
		snprintf(out, outsz, _("%s recorded the case"), who);
	else if (!strcmp(a, "take"))
		snprintf(out, outsz, _("%s took the case"), who);
	else if (!strcmp(a, "assign") && (x = json_field(e->new_json, "owner")) &&
	         (y = json_field(e->old_json, "owner")))
		snprintf(out, outsz, _("%s gave the case from %s to %s"), who, y, x);
	else if (!strcmp(a, "assign") && x)
		snprintf(out, outsz, _("%s gave the case to %s"), who, x);
	else if (!strcmp(a, "assign"))
		snprintf(out, outsz, _("%s assigned the case"), who);
	else if (!strcmp(a, "escalate"))
		snprintf(out, outsz, _("%s escalated the case to the ward chair"), who);
	else if (!strcmp(a, "deescalate"))
		snprintf(out, outsz, _("%s took the escalation back"), who);
	else if (!strcmp(a, "ack"))
		snprintf(out, outsz, _("%s acknowledged the warning"), who);
	else if (!strcmp(a, "close") && e->feed && e->note && *e->note)
		snprintf(out, outsz, _("closed in the app by %s: %s"), who, e->note);
	else if (!strcmp(a, "close") && e->feed)
		snprintf(out, outsz, _("closed in the app by %s"), who);
	else if (!strcmp(a, "close") && (x = json_field(e->new_json, "close_reason")))
		snprintf(out, outsz, _("%s closed the case: %s"), who, word_reason_label(x));
	else if (!strcmp(a, "close"))
		snprintf(out, outsz, _("%s closed the case"), who);
	else if (!strcmp(a, "reopen"))
		snprintf(out, outsz, _("%s reopened the case"), who);
	else if (!strcmp(a, "handover") && (y = json_field(e->old_json, "owner")))
		/* the event is the incoming officer's (handover_ack): they took
		 * the case over from its holder */
		snprintf(out, outsz, _("%s took the case over from %s at a handover"), who, y);
	else if (!strcmp(a, "handover"))
		snprintf(out, outsz, _("%s took the case over at a handover"), who);
	else if (!strcmp(a, "merge"))
		snprintf(out, outsz, _("%s merged a repeat report into the case"), who);
	else if (!strcmp(a, "reporter"))
		snprintf(out, outsz, _("%s linked a repeat call to the case"), who);
	else if (!strcmp(a, "priority") && (x = json_field(e->new_json, "priority")) && !strcmp(x, "urgent"))
		snprintf(out, outsz, _("%s made the case urgent"), who);
	else if (!strcmp(a, "priority"))
		snprintf(out, outsz, _("%s made the case normal priority"), who);
	else if (!strcmp(a, "rate"))
		snprintf(out, outsz, _("%s recorded the reporter's rating"), who);
	else if (!strcmp(a, "photo"))
		snprintf(out, outsz, _("%s attached a photo (%ld KB)"), who,
		         (json_long(e->new_json, "bytes") + 1023) / 1024);
	else
		snprintf(out, outsz, _("%s: %s"), who, a);
	free(x);
	free(y);
}
