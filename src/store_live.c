/* store_live.c - live updates (LISTEN/NOTIFY, store.h "Live updates"):
 * one drain for the case, alert and shift channels. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/store_impl.h"

enum st_status store_listen(struct store *st, struct st_err *err)
{
	return run_simple(st, "LISTEN wardesk_case", err);
}

enum st_status store_drain(struct store *st, st_notify_fn fn, void *ctx, struct st_err *err)
{
	return store_drain_all(st, fn, NULL, NULL, ctx, err);   /* one parser: store_deadline.c */
}

enum st_status store_alert_listen(struct store *st, struct st_err *err)
{
	PGresult *res = st_run(st, "LISTEN wardesk_alert", 0, NULL, err);

	if (!res)
		return err->status;
	PQclear(res);
	return ST_OK;
}

static int64_t json_i64(struct json_object *o, const char *key)
{
	struct json_object *v;

	return o && json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : 0;
}

static const char *json_s(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (o && json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return "";
}

enum st_status store_drain_live(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                                void *ctx, struct st_err *err)
{
	return store_drain_all(st, case_fn, alert_fn, NULL, ctx, err);
}

enum st_status store_drain_all(struct store *st, st_notify_fn case_fn, st_alert_fn alert_fn,
                               st_shift_fn shift_fn, void *ctx, struct st_err *err)
{
	PGnotify *n;

	if (!st || !st->conn || PQstatus(st->conn) != CONNECTION_OK)
		return st_seterr(err, ST_OFFLINE, NULL, _("offline: not connected to the database"));
	if (!PQconsumeInput(st->conn) || PQstatus(st->conn) != CONNECTION_OK)
		return st_seterr(err, ST_OFFLINE, NULL, _("lost the connection to the database: %s"),
		                 PQerrorMessage(st->conn));
	while ((n = PQnotifies(st->conn)) != NULL) {
		struct json_object *o = json_tokener_parse(n->extra);
		int64_t id = json_i64(o, "id");

		if (id > 0 && !strcmp(n->relname, "wardesk_alert")) {
			if (alert_fn)
				alert_fn(ctx, id, json_i64(o, "case"), json_s(o, "kind"), json_s(o, "to"));
		} else if (id > 0 && !strcmp(n->relname, "wardesk_case")) {
			if (case_fn)
				case_fn(ctx, id, (int32_t)json_i64(o, "v"), (int)json_i64(o, "ward"),
				        json_s(o, "op"));
		} else if (!strcmp(n->relname, "wardesk_shift")) {
			if (shift_fn)
				shift_fn(ctx, n->extra);
		}
		json_object_put(o);
		PQfreemem(n);
	}
	return ST_OK;
}

/* ---- actions --------------------------------------------------------- */
