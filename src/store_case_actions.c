/* store_case_actions.c - a case reported and moved through the state
 * machine (store.h): report, take (a lost take is a result: take_try),
 * assign, escalate, close, reopen, priority. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/refusals.h"
#include "wardesk/store_impl.h"
#include "wardesk/text.h"

enum st_status store_report(struct store *st, const struct wd_report *r, char *ref, size_t refsz,
                            struct st_err *err)
{
	static const char sql[] =
	    "SELECT r.ref, CASE WHEN $15::bytea IS NOT NULL"
	    " THEN wardesk.photo_attach(r.ref, $15::bytea) END FROM wardesk.report("
	    " p_category => $1, p_description => $2, p_address => $3, p_phone => $4,"
	    " p_name => $5, p_channel => $6,"
	    " p_received_at => coalesce(to_timestamp($7::bigint), wardesk.now()),"
	    " p_lat => $8::float8, p_lon => $9::float8, p_media => $10::text[],"
	    " p_external_id => $11, p_hotline_line => $12, p_callback => $13::boolean,"
	    " p_priority => $14) r";
	char recv[32], lat[40], lon[40], *photo;
	struct strbuf media = { 0 };
	const char *params[15] = {
		r->category, r->description, r->address, r->phone, r->name,
		wd_channel_name(r->channel), NULL, NULL, NULL, NULL, r->external_id,
		r->hotline_line, r->callback ? "true" : "false", r->priority, NULL,
	};
	PGresult *res;

	for (int i = 0; i < 12; i++)
		if (!st_check_utf8(_("the text"), params[i], err))
			return err->status;
	if (r->received_at) {
		snprintf(recv, sizeof recv, "%lld", (long long)r->received_at);
		params[6] = recv;
	}
	if (r->has_coords) {
		snprintf(lat, sizeof lat, "%.7f", r->lat);
		snprintf(lon, sizeof lon, "%.7f", r->lon);
		params[7] = lat;
		params[8] = lon;
	}
	for (const char *const *m = r->media; m && *m; m++)
		if (!st_check_utf8(_("a media URL"), *m, err))
			return err->status;
	st_text_array(&media, r->media);
	params[9] = media.s;
	photo = r->photo ? st_bytea_hex(r->photo, r->photo_len) : NULL;
	params[14] = photo;
	res = st_write(st, sql, 15, params, err);
	sb_free(&media);
	free(photo);
	if (!res)
		return err->status;
	snprintf(ref, refsz, "%s", PQntuples(res) ? PQgetvalue(res, 0, 0) : "");
	if (r->photo_id && PQntuples(res))
		*r->photo_id = st_col_ll(res, 0, 1);
	PQclear(res);
	return ST_OK;
}

static const char *seen_param(int seen, char *buf, size_t bufsz)
{
	if (seen <= 0)
		return NULL;
	snprintf(buf, bufsz, "%d", seen);
	return buf;
}

/* A take lost to another officer (take_try's won = false): the refusal
 * wardesk.take() raises in psql, WD102 naming the holder as holder_text()
 * does, 'login (Full Name)', in the user's language (refusals.c). */
static enum st_status take_lost(PGresult *res, struct st_err *err)
{
	struct json_object *d = json_object_new_object();
	char holder[512], text[sizeof err->msg];

	if (PQgetisnull(res, 0, 3))
		snprintf(holder, sizeof holder, "%s", PQgetvalue(res, 0, 2));
	else
		snprintf(holder, sizeof holder, "%s (%s)", PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3));
	json_object_object_add(d, "ref", json_object_new_string(PQgetvalue(res, 0, 1)));
	json_object_object_add(d, "holder", json_object_new_string(holder));
	if (!refusal_text("WD102", json_object_to_json_string(d), text, sizeof text))
		snprintf(text, sizeof text, "%s", holder);
	json_object_put(d);
	return st_seterr(err, ST_REFUSED, "WD102", "%s", text);
}

/* Losing the race is a result of take_try, not an error: the 49 losers of a
 * 50-officer race cost the server a read each (issue 14 item 2).
 * bench/takes.c sends this same statement. */
enum st_status store_take(struct store *st, const char *ref, int seen, struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, seen_param(seen, sbuf, sizeof sbuf) };
	PGresult *res;
	enum st_status s = ST_OK;

	if (!st_check_utf8(_("the text"), ref, err))
		return err->status;
	res = st_write(st,
	               "SELECT won, ref, holder, holder_name, version"
	               " FROM wardesk.take_try($1, $2::int)",
	               2, params, err);
	if (!res)
		return err->status;
	if (PQntuples(res) != 1)
		s = st_seterr(err, ST_REFUSED, NULL, _("the database gave no answer to the take"));
	else if (strcmp(PQgetvalue(res, 0, 0), "t"))
		s = take_lost(res, err);
	PQclear(res);
	return s;
}

enum st_status store_assign(struct store *st, const char *ref, const char *login, int seen,
                            struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, login, seen_param(seen, sbuf, sizeof sbuf) };

	return st_call(st, "SELECT version FROM wardesk.assign($1, $2, $3::int)", 3, params, err);
}

enum st_status store_escalate(struct store *st, const char *ref, int seen, const char *note,
                              struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, seen_param(seen, sbuf, sizeof sbuf), note };

	return st_call(st, "SELECT version FROM wardesk.escalate($1, $2::int, $3)", 3, params, err);
}

enum st_status store_close_case(struct store *st, const char *ref, int seen, const char *note,
                                const char *reason, const char *duplicate_of, struct st_err *err)
{
	char sbuf[16];
	const char *params[] = {
		ref, seen_param(seen, sbuf, sizeof sbuf), note, reason ? reason : "done", duplicate_of,
	};

	return st_call(st, "SELECT version FROM wardesk.close($1, $2::int, $3, $4, $5)", 5, params,
	            err);
}

enum st_status store_reopen(struct store *st, const char *ref, int seen, const char *note,
                            struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, seen_param(seen, sbuf, sizeof sbuf), note };

	return st_call(st, "SELECT version FROM wardesk.reopen($1, $2::int, $3)", 3, params, err);
}

enum st_status store_set_priority(struct store *st, const char *ref, const char *priority, int seen,
                                  const char *note, struct st_err *err)
{
	char sbuf[16];
	const char *params[] = { ref, priority, seen_param(seen, sbuf, sizeof sbuf), note };

	return st_call(st, "SELECT version FROM wardesk.set_priority($1, $2, $3::int, $4)", 4, params,
	               err);
}
