/* store_alert_hint.c - the caller's own alert in an alert notification's
 * payload (store_deadline.h, store_alert_hint; the payload's form:
 * 50_deadlines.sql, tg_alerts_notify). */
#include "wardesk/wardesk.h"

#include <limits.h>

#include "wardesk/store_deadline.h"
#include "wardesk/store_impl.h"
#include "wardesk/store_json.h"
#include "wardesk/text.h"

/* The payload's top-level members (store_json.h: no object built; the
 * payload names up to 200 recipients, json-c built a string for each). */
struct hint_payload {
	const struct sj_member *m;
	size_t n;
};

/* A string member sanitised for the terminal (NULL when absent or not a
 * string; "" stays ""). */
static char *json_clean(const struct hint_payload *o, const char *key)
{
	char *raw = sj_strdup(sj_get(o->m, o->n, key), NULL), *clean;

	if (!raw)
		return NULL;
	clean = text_sanitize(raw, false);
	free(raw);
	return clean;
}

/* An integer member (0 when none), a string member ("" when none: a heap
 * copy). */
static int64_t jint(const struct hint_payload *o, const char *key)
{
	int64_t v;

	return sj_int(sj_get(o->m, o->n, key), &v) ? v : 0;
}

static char *jstr(const struct hint_payload *o, const char *key)
{
	char *s = sj_strdup(sj_get(o->m, o->n, key), NULL);

	return s ? s : xstrdup("");
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

/* The caller's own alert in a full payload (o); login is the i-th of the
 * n recipients in "to". */
static bool hint_of(const struct hint_payload *o, const char *login, size_t i, size_t n,
                    struct wd_alert *a)
{
	int64_t id = 0;
	int k;
	char *ids, *kind, *ref;
	bool ok;

	memset(a, 0, sizeof *a);
	if (!login || i >= n)
		return false;
	ids = jstr(o, "ids");
	kind = jstr(o, "kind");
	ref = jstr(o, "ref");
	if (*ids)
		id = id_at(ids, i, n);
	k = wd_alert_kind_parse(kind);
	ok = id > 0 && k >= 0 && jint(o, "case") > 0 && *ref;
	free(ids);
	free(kind);
	free(ref);
	if (!ok)
		return false;
	a->id = id;
	a->case_id = jint(o, "case");
	a->kind = (enum wd_alert_kind)k;
	a->recipient = xstrdup(login);
	a->level = a->escalation = (int)(jint(o, "lvl") & 3);
	a->case_count = jint(o, "n") > 1 && jint(o, "n") < INT_MAX ? (int)jint(o, "n") : 0;
	a->deadline_at = (time_t)jint(o, "dl");
	sj_bool(sj_get(o->m, o->n, "res"), &a->resolved);
	a->ref = json_clean(o, "ref");
	a->category = json_clean(o, "cat");
	a->category_vi = json_clean(o, "cat_vi");
	a->category_en = json_clean(o, "cat_en");
	a->address = json_clean(o, "addr");
	a->description = json_clean(o, "desc");
	a->about = json_clean(o, "about");
	return true;
}

bool store_alert_hint(const struct st_alert_payload *p, const char *login, struct wd_alert *out)
{
	struct hint_payload o = { p ? p->m : NULL, p ? p->n : 0 };
	struct wd_alert_list l;

	memset(out, 0, sizeof *out);
	if (p && p->at && hint_of(&o, login, p->at - 1, p->count, out))
		return true;
	l.v = xcalloc(1, sizeof *l.v);
	l.n = 1;
	*l.v = *out;   /* the strings hint_of may have set */
	wd_alert_list_free(&l);
	memset(out, 0, sizeof *out);
	return false;
}
