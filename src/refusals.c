/* refusals.c - the database's refusals in the user's language (refusals.h).
 *
 * The msgids are the English wording of the server's messages with the
 * parameters named, so under C the client prints what psql prints.  A
 * parameter whose value is one of the server's own English words (a role
 * phrase, what the officer tried to do, a state) is translated too. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/refusals.h"
#include "wardesk/text.h"

struct refusal {
	const char *sqlstate;
	const char *msgid;
};

/* TRANSLATORS: the {name} parts are filled in by the program: keep them as
 * they are, in the order the sentence needs. */
static const struct refusal refusals[] = {
	{ "WD002", N_("{ref} changed since you saw it (now version {version}, you saw {seen}); look again") },
	{ "WDSWA", N_("the sweep of every ward cannot run: {holder} holds its lock; nothing was swept") },
	{ "WDSWP", N_("the sweep of ward {ward} cannot run: {holder} holds its lock; nothing was swept") },
	{ "WD101", N_("{ref} is held by {holder}; only the holder or the ward chair can escalate it") },
	{ "WD102", N_("{ref} is already held by {holder}") },
	{ "WD103", N_("{ref} is held by {holder}; only the holder or the ward chair can acknowledge it") },
	{ "WD301", N_("{ref} is resolved; reopen it first") },
	{ "WD302", N_("{ref}: id, ref, ward and creation time cannot change") },
	{ "WD303", N_("{ref}: cannot go from {from} to {to}") },
	{ "WD304", N_("{ref} is already yours") },
	{ "WD305", N_("{ref} is already held by {holder}") },
	{ "WD306", N_("{ref} is with the ward chair already (level {level}): it cannot go higher") },
	{ "WD307", N_("{ref} is not escalated") },
	{ "WD308", N_("{ref} is already resolved") },
	{ "WD309", N_("{ref} is {state}; take it before closing it") },
	{ "WD310", N_("{ref} is not resolved (it is {state})") },
	{ "WD311", N_("external id {ext} already imported as {dup}") },
	{ "WD312", N_("external id {ext} belongs to another ward") },
	{ "WD313", N_("{ref} is not resolved (it is {state}); a rating is for the result") },
	{ "WD314", N_("{ref} is itself a duplicate of {original}; merge into that one") },
	{ "WD315", N_("{ref} is already acknowledged by {holder}") },
	{ "WD316", N_("{ref} has no warning or escalation to acknowledge") },
	{ "WD317", N_("{ref} has no owner; take it instead") },
	{ "WD318", N_("officer {login} is already inactive") },
	{ "WD319", N_("officer {login} is already active") },
	{ "WD320", N_("you are already on duty since {since}") },
	{ "WD321", N_("you are not on duty (no shift started)") },
	{ "WD322", N_("your handover #{id} to {officer} is still pending; cancel it first") },
	{ "WD323", N_("handover #{id} is already {state}") },
	{ "WD324", N_("{ref} is already {priority}") },
	{ "WD325", N_("phone message {id} attempt {attempt} is no longer claimed") },
	{ "WD326", N_("{ref} already has {count} photos (at most {max})") },
	{ "WD340", N_("{ref} has nobody to call back") },
	{ "WD341", N_("reporter {reporter} of {ref} is not on the call-back list") },
	{ "WD342", N_("{ref} has {count} reporters to call back: say which") },
	{ "WD350", N_("{ref} is in no cluster") },
	{ "WD351", N_("the cluster of {ref} changed: it has {count} cases now, you saw {seen}; look again") },
	{ "WD401", N_("no case {ref}") },
	{ "WD402", N_("no ward {ward}") },
	{ "WD403", N_("no officer {login} in your ward") },
	{ "WD404", N_("no handover #{id}") },
	{ "WD501", N_("{what} is too long ({n} characters, at most {max})") },
	{ "WD502", N_("{login} is not an active duty officer or chair of this ward") },
	{ "WD503", N_("a note is required to de-escalate {ref}") },
	{ "WD504", N_("a resolution note is required to close {ref}") },
	{ "WD505", N_("unknown closing reason {reason} (done, transferred, not_ours, duplicate)") },
	{ "WD506", N_("say which case {ref} duplicates") },
	{ "WD507", N_("no case {dup} to be a duplicate of") },
	{ "WD508", N_("{ref} cannot be a duplicate of itself") },
	{ "WD509", N_("a duplicate case is given but the reason is {reason}") },
	{ "WD510", N_("{ref} is overdue: give a delay reason") },
	{ "WD511", N_("{ref} is not overdue: a delay reason or apology is only for a late case") },
	{ "WD512", N_("unknown delay reason {reason}") },
	{ "WD513", N_("a reason is required to reopen {ref}") },
	{ "WD514", N_("no officer {from} in this ward") },
	{ "WD515", N_("phone number \"{phone}\" is not a Vietnamese number") },
	{ "WD516", N_("unknown category {category}") },
	{ "WD517", N_("a description is required") },
	{ "WD518", N_("unknown channel {channel} (app, hotline, walkin, import)") },
	{ "WD519", N_("unknown hotline line {line} (police, committee)") },
	{ "WD520", N_("the received time {received} is not a date") },
	{ "WD521", N_("the received time {received} is before ward {ward} existed ({established})") },
	{ "WD522", N_("the received time {received} is in the future") },
	{ "WD523", N_("coordinates need both a latitude (-90..90) and a longitude (-180..180)") },
	{ "WD524", N_("media \"{url}\" is not an http(s) URL") },
	{ "WD525", N_("channel app is only for the citizen app's feed (wardesk import)") },
	{ "WD526", N_("a service_request_id is required") },
	{ "WD527", N_("status \"{status}\" is not open or closed") },
	{ "WD528", N_("a requested_datetime is required") },
	{ "WD529", N_("a rating is 1 to 5 (got {rating})") },
	{ "WD530", N_("{ref} cannot be merged into itself") },
	{ "WD531", N_("a name or a phone number is required") },
	{ "WD532", N_("unknown channel {channel} (hotline, walkin, import)") },
	{ "WD533", N_("service code \"{code}\" is not usable (letters, digits, _ . -; or * for the default)") },
	{ "WD534", N_("the default (*) cannot be removed") },
	{ "WD535", N_("category {category}: need 0 <= escalate ({escalate}) <= warn ({warn}) < deadline ({deadline}) minutes") },
	{ "WD536", N_("unknown setting {key}") },
	{ "WD537", N_("setting {key} needs a value") },
	{ "WD538", N_("setting {key} is a number of minutes ({min}..1440)") },
	{ "WD539", N_("ward code \"{code}\" must be 1 to 8 letters A-Z") },
	{ "WD540", N_("a ward name is required") },
	{ "WD541", N_("ward {code} already exists") },
	{ "WD542", N_("login \"{login}\" is not usable (lower-case letters, digits, _ . -; not pg_/wardesk_)") },
	{ "WD543", N_("a full name is required") },
	{ "WD544", N_("unknown role {role} (hotline, officer, chair)") },
	{ "WD545", N_("say which ward {login} belongs to") },
	{ "WD546", N_("no ward {ward}") },
	{ "WD547", N_("officer {login} already exists") },
	{ "WD548", N_("login {login} cannot be used") },
	{ "WD549", N_("role {login} exists and is not a login") },
	{ "WD550", N_("unknown action {action} ({actions})") },
	{ "WD551", N_("{login} is not an active officer of this ward") },
	{ "WD552", N_("you cannot hand over to yourself") },
	{ "WD553", N_("a handover note is required") },
	{ "WD554", N_("{ref} is not one of your cases in progress") },
	{ "WD555", N_("{officer} is a {role}: cases can only be handed to a duty officer or the chair") },
	{ "WD556", N_("say why the handover is declined (a note is required)") },
	{ "WD557", N_("the statistics period needs real dates") },
	{ "WD558", N_("the statistics period must end after it starts") },
	{ "WD559", N_("the statistics period is at most 400 days") },
	{ "WD560", N_("unknown priority {priority} (urgent, normal)") },
	{ "WD561", N_("category {category}: need 0 <= urgent escalate ({escalate}) <= urgent warn ({warn}) < urgent deadline ({deadline}) minutes") },
	{ "WD562", N_("category {category}: the urgent deadline ({urgent} min) is longer than the normal one ({deadline} min)") },
	{ "WD563", N_("setting phone_kinds is a list of alert kinds like escalation,overdue,urgent (or none)") },
	{ "WD564", N_("phone number \"{phone}\" is not a mobile number") },
	{ "WD565", N_("the statistics period must start before now (the desk clock)") },
	{ "WD569", N_("the received time {received} is more than {hours} hours ago: the most your role may record") },
	{ "WD570", N_("setting callback_hours is a span of daytime like 07:00-21:00 (got {value})") },
	{ "WD571", N_("unknown call outcome {outcome} (reached, no answer, wrong number)") },
	{ "WD572", N_("a rating is only given on a call that reached the citizen") },
	{ "WD580", N_("a street needs a name of 1 to 60 characters") },
	{ "WD581", N_("street {name}: its points must be 2 to 64 [latitude, longitude] pairs") },
	{ "WD584", N_("a street name may not hold control or bidi characters") },
	{ "WD583", N_("the photo is {size} bytes (at most {max})") },
	{ "WD582", N_("the file is not a PNG or JPEG photo") },
	{ "WD601", N_("login {login} is not a wardesk officer") },
	{ "WD602", N_("officer {login} is not active") },
	{ "WD603", N_("a {role} cannot {what}") },
	{ "WD604", N_("you can only verify the audit trail of your own ward") },
	{ "WD605", N_("{ref} is held by {holder}; only the holder or the ward chair can close it") },
	{ "WD606", N_("request {ext} is closed in the app: only the app's feed account may import a closed request") },
	{ "WD607", N_("{ref} is held by {holder}; only the holder or the ward chair can merge it") },
	{ "WD608", N_("{ref} is escalated to the ward chair; only a chair can acknowledge it") },
	{ "WD609", N_("a ward chair can only add officers to their own ward") },
	{ "WD610", N_("you cannot {what} yourself") },
	{ "WD611", N_("handover #{id} is addressed to {officer}; only they can acknowledge it") },
	{ "WD612", N_("handover #{id} is addressed to {officer}; only they can decline it") },
	{ "WD613", N_("only {officer} or the ward chair can cancel handover #{id}") },
	{ "WD614", N_("a hotline operator changes the priority only of a case they recorded and nobody holds yet") },
	{ "WD615", N_("only the ward chair can set another officer's mobile number") },
	{ "WD616", N_("login {login} may not send phone messages (not in wardesk_phone)") },
	{ "WD617", N_("request {ext} is closed in the app but open here as {ref}: only the app's feed account may apply the app's closure") },
};

/* Words the server puts into its messages as parameters (require_officer's
 * p_what, role_text, check_length's p_what, states and handover states). */
static const char *const server_words[] = {
	N_("hotline operator"), N_("duty officer"), N_("ward chair"), N_("nobody"),
	N_("acknowledge alerts"), N_("activate"), N_("add officers"), N_("add reporters"),
	N_("assign cases"), N_("cancel a handover"), N_("change category deadlines"),
	N_("change settings"), N_("close cases"), N_("de-escalate cases"), N_("deactivate"),
	N_("decline a handover"), N_("end a shift"), N_("escalate cases"), N_("hand over a shift"),
	N_("import reports"), N_("merge cases"), N_("read cases"), N_("read the audit chain head"),
	N_("reassign cases"), N_("record a case"), N_("record ratings"), N_("reopen cases"),
	N_("start a shift"), N_("take cases"), N_("take over a shift"), N_("verify the audit trail"),
	N_("the address"), N_("the apology"), N_("the comment"), N_("the description"),
	N_("the handover note"), N_("the note"), N_("the reason"), N_("the reporter"),
	N_("the resolution note"),
	N_("new"), N_("in progress"), N_("resolved"), N_("reopened"),
	N_("pending"), N_("acknowledged"), N_("cancelled"), N_("declined"),
	N_("urgent"), N_("normal"), N_("change the priority of cases"), N_("set mobile numbers"),
	N_("record call-backs"), N_("merge a cluster"), N_("set the ward's streets"),
	N_("set the ward's receiving agency"),
	N_("set the city's receiving agency (the administrator does)"), N_("the agency"),
};

static const char *param_text(const char *v)
{
	for (size_t i = 0; i < ARRAY_SIZE(server_words); i++)
		if (!strcmp(v, server_words[i]))
			return _(server_words[i]);
	return v;
}

static const struct refusal *refusal_find(const char *sqlstate)
{
	for (size_t i = 0; sqlstate && i < ARRAY_SIZE(refusals); i++)
		if (!strcmp(refusals[i].sqlstate, sqlstate))
			return &refusals[i];
	return NULL;
}

/* Fill the {name} parts of fmt from obj into sb; false when one is missing. */
static bool fill(struct strbuf *sb, const char *fmt, struct json_object *obj)
{
	for (const char *p = fmt; *p; p++) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		struct json_object *v;
		char name[32];

		if (!end || (size_t)(end - p) >= sizeof name) {
			sb_putc(sb, *p);
			continue;
		}
		snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
		if (!obj || !json_object_object_get_ex(obj, name, &v))
			return false;
		sb_puts(sb, v ? param_text(json_object_get_string(v)) : "");
		p = end;
	}
	return true;
}

bool refusal_text(const char *sqlstate, const char *detail, char *buf, size_t len)
{
	const struct refusal *r = refusal_find(sqlstate);
	struct json_object *obj = NULL;
	struct strbuf sb = { 0 };
	bool ok;
	char *safe;

	if (!r || !len)
		return false;
	if (detail && *detail) {
		obj = json_tokener_parse(detail);
		if (obj && !json_object_is_type(obj, json_type_object)) {
			json_object_put(obj);
			obj = NULL;
		}
	}
	/* a batch's item (intake_cases, import_requests: item_problem in
	 * sql/code/40_intake.sql) is named before the refusal */
	ok = !obj || !json_object_object_get_ex(obj, "item", NULL) ||
	     fill(&sb, _("item {item} ({label}): "), obj);
	ok = ok && fill(&sb, _(r->msgid), obj);
	json_object_put(obj);
	if (ok) {
		safe = text_sanitize(sb.s ? sb.s : "", false);
		snprintf(buf, len, "%s", safe);
		free(safe);
	}
	sb_free(&sb);
	return ok;
}

const char *refusal_code_at(size_t i)
{
	return i < ARRAY_SIZE(refusals) ? refusals[i].sqlstate : NULL;
}
