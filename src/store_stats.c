/* store_stats.c - the statistics of a ward (see store_shift.h; SQL
 * function wardesk.stats() in sql/code/80_stats.sql): one JSON document
 * decoded into struct wd_stats. */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/store_impl.h"
#include "wardesk/store_shift.h"

static const char *fmt_ll(char *buf, size_t sz, long long v)
{
	snprintf(buf, sz, "%lld", v);
	return buf;
}

/* A number, or dflt when missing or null. */
static double jdbl(struct json_object *o, const char *key, double dflt)
{
	struct json_object *v = st_jget(o, key);

	return v && !json_object_is_type(v, json_type_null) ? json_object_get_double(v) : dflt;
}

static char *jstrdup(struct json_object *o, const char *key)
{
	struct json_object *v = st_jget(o, key);

	return v && json_object_is_type(v, json_type_string) ? xstrdup(json_object_get_string(v))
	                                                     : NULL;
}

static size_t jlen(struct json_object *o, const char *key)
{
	struct json_object *v = st_jget(o, key);

	return v && json_object_is_type(v, json_type_array) ? json_object_array_length(v) : 0;
}

static struct wd_stats_group *groups(struct json_object *doc, const char *key, const char *keyname,
                                     size_t *n)
{
	struct json_object *arr = st_jget(doc, key);
	struct wd_stats_group *g;

	*n = jlen(doc, key);
	g = xcalloc(*n + 1, sizeof *g);
	for (size_t i = 0; i < *n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);

		g[i].key = jstrdup(o, keyname);
		g[i].name = jstrdup(o, !strcmp(keyname, "login") ? "full_name" : "name_vi");
		g[i].name_en = jstrdup(o, "name_en");
		g[i].received = st_jlong(o, "received");
		g[i].resolved = st_jlong(o, "resolved");
		g[i].on_time = st_jlong(o, "on_time");
		g[i].median_secs = jdbl(o, "median_secs", -1);
		g[i].rating_avg = jdbl(o, "rating_avg", -1);
		g[i].rating_count = st_jlong(o, "rating_count");
		g[i].merged = st_jlong(o, "merged");
		g[i].reopened = st_jlong(o, "reopened");
		g[i].taken = st_jlong(o, "taken");
		g[i].first_contact_median_secs = jdbl(o, "first_contact_median_secs", -1);
		g[i].on_duty_secs = jdbl(o, "on_duty_secs", -1);
	}
	return g;
}

/* The period's totals and its load per hour of the day. */
static void totals(struct json_object *doc, struct wd_stats *out)
{
	struct json_object *arr = st_jget(doc, "by_hour_of_day");
	size_t n = jlen(doc, "by_hour_of_day");

	out->from = (time_t)st_jlong(doc, "from");
	out->to = (time_t)st_jlong(doc, "to");
	out->received = st_jlong(doc, "received");
	out->resolved = st_jlong(doc, "resolved");
	out->open = st_jlong(doc, "open");
	out->on_time = st_jlong(doc, "on_time");
	out->on_time_rate = jdbl(doc, "on_time_rate", -1);
	out->median_secs = jdbl(doc, "median_secs", -1);
	out->p90_secs = jdbl(doc, "p90_secs", -1);
	out->rating_avg = jdbl(doc, "rating_avg", -1);
	out->rating_count = st_jlong(doc, "rating_count");
	out->merged = st_jlong(doc, "merged");
	out->closed_in_app = st_jlong(doc, "closed_in_app");
	out->reopened = st_jlong(doc, "reopened");
	out->reopen_rate = jdbl(doc, "reopen_rate", -1);
	out->first_contact_count = st_jlong(doc, "first_contact_count");
	out->first_contact_median_secs = jdbl(doc, "first_contact_median_secs", -1);
	out->first_contact_p90_secs = jdbl(doc, "first_contact_p90_secs", -1);
	for (size_t i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		long h = st_jlong(o, "hour");

		if (h >= 0 && h < WD_STATS_HOURS_OF_DAY) {
			out->day_received[h] = (int)st_jlong(o, "received");
			out->day_resolved[h] = (int)st_jlong(o, "resolved");
		}
	}
}

/* The heat strip: per category, received per local hour of the day. */
static void heat_read(struct json_object *doc, struct wd_stats *out)
{
	struct json_object *arr = st_jget(doc, "heat");

	out->n_heat = jlen(doc, "heat");
	out->heat = xcalloc(out->n_heat + 1, sizeof *out->heat);
	for (size_t i = 0; i < out->n_heat; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i), *h = st_jget(o, "hours");
		struct wd_stats_heat *x = &out->heat[i];

		x->code = jstrdup(o, "code");
		x->name = jstrdup(o, "name_vi");
		for (size_t k = 0; h && json_object_is_type(h, json_type_array) && k < json_object_array_length(h) &&
		                   k < WD_STATS_HOURS_OF_DAY; k++)
			x->hours[k] = json_object_get_int(json_object_array_get_idx(h, k));
	}
}

enum st_status store_stats(struct store *st, time_t from, time_t to, struct wd_stats *out,
                           struct st_err *err)
{
	static const char sql[] =
	    "WITH p AS (SELECT coalesce(to_timestamp($2::bigint), wardesk.now()) AS t)"
	    " SELECT wardesk.stats(coalesce(to_timestamp($1::bigint),"
	    "   date_trunc('day', (p.t - interval '1 microsecond') AT TIME ZONE 'Asia/Ho_Chi_Minh')"
	    "     AT TIME ZONE 'Asia/Ho_Chi_Minh'),"
	    "   p.t) FROM p";
	char f[32], t[32];
	const char *params[] = {
		from ? fmt_ll(f, sizeof f, (long long)from) : NULL,
		to ? fmt_ll(t, sizeof t, (long long)to) : NULL,
	};
	struct json_object *doc, *arr;
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run_long(st, sql, 2, params, err)))
		return err->status;
	out->json = st_col_str(res, 0, 0);
	PQclear(res);
	if (!out->json || !(doc = json_tokener_parse(out->json))) {
		wd_stats_free(out);
		return st_seterr(err, ST_REFUSED, NULL, _("the statistics could not be read"));
	}
	totals(doc, out);
	out->by_category = groups(doc, "by_category", "code", &out->n_category);
	out->by_channel = groups(doc, "by_channel", "channel", &out->n_channel);
	out->by_officer = groups(doc, "by_officer", "login", &out->n_officer);

	arr = st_jget(doc, "late");
	out->n_late = jlen(doc, "late");
	out->late = xcalloc(out->n_late + 1, sizeof *out->late);
	for (size_t i = 0; i < out->n_late; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		struct wd_stats_late *l = &out->late[i];
		char *state = jstrdup(o, "state");
		int sv = wd_state_parse(state);

		l->ref = jstrdup(o, "ref");
		l->category = jstrdup(o, "category");
		l->owner = jstrdup(o, "owner");
		l->state = sv < 0 ? WD_NEW : (enum wd_state)sv;
		l->deadline = (time_t)st_jlong(o, "deadline");
		l->closed = (time_t)st_jlong(o, "closed");
		l->delay_secs = st_jlong(o, "delay_secs");
		l->delay_reason = jstrdup(o, "delay_reason");
		free(state);
	}

	arr = st_jget(doc, "hourly");
	out->n_hourly = jlen(doc, "hourly");
	out->hourly = xcalloc(out->n_hourly + 1, sizeof *out->hourly);
	for (size_t i = 0; i < out->n_hourly; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);

		out->hourly[i].hour = (time_t)st_jlong(o, "hour");
		out->hourly[i].received = (int)st_jlong(o, "received");
		out->hourly[i].resolved = (int)st_jlong(o, "resolved");
	}
	heat_read(doc, out);
	json_object_put(doc);
	return ST_OK;
}

static void groups_free(struct wd_stats_group *g, size_t n)
{
	for (size_t i = 0; g && i < n; i++) {
		free(g[i].key);
		free(g[i].name);
		free(g[i].name_en);
	}
	free(g);
}

int wd_stats_heat_max(const struct wd_stats *s)
{
	int max = 0;

	for (size_t i = 0; i < s->n_heat; i++)
		for (int h = 0; h < WD_STATS_HOURS_OF_DAY; h++)
			if (s->heat[i].hours[h] > max)
				max = s->heat[i].hours[h];
	return max;
}

void wd_stats_free(struct wd_stats *s)
{
	if (!s)
		return;
	groups_free(s->by_category, s->n_category);
	groups_free(s->by_channel, s->n_channel);
	groups_free(s->by_officer, s->n_officer);
	for (size_t i = 0; s->late && i < s->n_late; i++) {
		free(s->late[i].ref);
		free(s->late[i].category);
		free(s->late[i].owner);
		free(s->late[i].delay_reason);
	}
	free(s->late);
	free(s->hourly);
	for (size_t i = 0; s->heat && i < s->n_heat; i++) {
		free(s->heat[i].code);
		free(s->heat[i].name);
	}
	free(s->heat);
	free(s->json);
	memset(s, 0, sizeof *s);
}

/* ---- live ------------------------------------------------------------ */
