/* store_alert_hint.c - the caller's own alert in an alert notification's
 * payload (store_deadline.h, store_alert_hint; the payload's form:
 * 50_deadlines.sql, tg_alerts_notify). */
#include "wardesk/wardesk.h"

#include <json.h>
#include <limits.h>

#include "wardesk/store_deadline.h"
#include "wardesk/store_impl.h"
#include "wardesk/text.h"

/* A string member sanitised for the terminal (NULL when absent or not a
 * string; "" stays ""). */
static char *json_clean(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return text_sanitize(json_object_get_string(v), false);
}

/* A positive decimal number at *p (no sign, at most 18 digits), *p past
 * it; 0 when there is none. */
static int64_t number(const char **p)
{
	int64_t v = 0;
	int n = 0;

	while (**p >= '0' && **p <= '9' && n < 18)
		v = v * 10 + (*(*p)++ - '0'), n++;
	return n && !(**p >= '0' && **p <= '9') ? v : 0;
}

/* The i-th of n alert ids in "ids" ("first-last": consecutive, n of them;
 * else n ids separated by one space); 0 when it says otherwise. */
static int64_t id_at(const char *ids, size_t i, size_t n)
{
	const char *p = ids;
	int64_t first = number(&p), last;

	if (first <= 0)
		return 0;
	if (*p == '-') {
		p++;
		last = number(&p);
		return !*p && last >= first && (uint64_t)(last - first) == n - 1 ? first + (int64_t)i : 0;
	}
	for (size_t k = 0; k < i; k++) {
		if (*p != ' ')
			return 0;
		p++;
		first = number(&p);
		if (first <= 0)
			return 0;
	}
	return first;
}

/* The caller's own alert in a full payload (o). */
static bool hint_of(struct json_object *o, const char *login, struct wd_alert *a)
{
	struct json_object *to, *e;
	size_t n, i;
	int64_t id;
	int k;

	memset(a, 0, sizeof *a);
	if (!o || !login || !json_object_object_get_ex(o, "to", &to) ||
	    !json_object_is_type(to, json_type_array) || !*st_jstr(o, "ids"))
		return false;
	n = json_object_array_length(to);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(to, i);
		if (e && json_object_is_type(e, json_type_string) &&
		    !strcmp(json_object_get_string(e), login))
			break;
	}
	id = i < n ? id_at(st_jstr(o, "ids"), i, n) : 0;
	k = wd_alert_kind_parse(st_jstr(o, "kind"));
	if (id <= 0 || k < 0 || st_jlong(o, "case") <= 0 || !*st_jstr(o, "ref"))
		return false;
	a->id = id;
	a->case_id = st_jlong(o, "case");
	a->kind = (enum wd_alert_kind)k;
	a->recipient = xstrdup(login);
	a->level = a->escalation = (int)(st_jlong(o, "lvl") & 3);
	a->case_count = st_jlong(o, "n") > 1 && st_jlong(o, "n") < INT_MAX ? (int)st_jlong(o, "n") : 0;
	a->deadline_at = (time_t)st_jlong(o, "dl");
	a->resolved = json_object_object_get_ex(o, "res", &e) && json_object_get_boolean(e);
	a->ref = json_clean(o, "ref");
	a->category = json_clean(o, "cat");
	a->category_vi = json_clean(o, "cat_vi");
	a->address = json_clean(o, "addr");
	a->description = json_clean(o, "desc");
	a->about = json_clean(o, "about");
	return true;
}

bool store_alert_hint(const char *payload, const char *login, struct wd_alert *out)
{
	struct json_object *o;
	bool ok;

	memset(out, 0, sizeof *out);
	o = payload ? json_tokener_parse(payload) : NULL;
	ok = o && json_object_is_type(o, json_type_object) && hint_of(o, login, out);

	json_object_put(o);
	if (!ok) {
		struct wd_alert_list l = { .v = xcalloc(1, sizeof *l.v), .n = 1 };

		*l.v = *out;   /* the strings hint_of may have set */
		wd_alert_list_free(&l);
		memset(out, 0, sizeof *out);
	}
	return ok;
}
