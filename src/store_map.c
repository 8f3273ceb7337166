/* store_map.c - the map of a ward in the store (see store_map.h): one JSON
 * document from wardesk.map_doc() decoded into struct wd_map, and
 * wardesk.cluster_merge(). */
#include "wardesk/wardesk.h"

#include <json.h>

#include "wardesk/store_impl.h"
#include "wardesk/store_map.h"

void wd_map_free(struct wd_map *m)
{
	for (size_t i = 0; i < m->npt; i++)
		free(m->pt[i].ref);
	for (size_t i = 0; i < m->nout; i++)
		free(m->out[i].ref);
	free(m->out);
	for (size_t i = 0; i < m->nstreet; i++) {
		free(m->street[i].name);
		free(m->street[i].pt);
	}
	for (size_t i = 0; i < m->ncl; i++) {
		struct wd_cluster *c = &m->cl[i];

		for (int k = 0; k < c->count; k++)
			free(c->refs[k]);
		free(c->refs);
		free(c->key);
		free(c->category);
		free(c->category_vi);
		free(c->category_en);
		free(c->channels);
	}
	free(m->pt);
	free(m->street);
	free(m->cl);
	free(m->ward);
	free(m->json);
	memset(m, 0, sizeof *m);
}

static char *jstr(struct json_object *o, const char *key)
{
	struct json_object *v = st_jget(o, key);

	return v && json_object_is_type(v, json_type_string) ? xstrdup(json_object_get_string(v)) : NULL;
}

static double jnum(struct json_object *o, const char *key)
{
	struct json_object *v = st_jget(o, key);

	return v ? json_object_get_double(v) : 0;
}

static size_t jarr(struct json_object *o, const char *key, struct json_object **arr)
{
	*arr = st_jget(o, key);
	return *arr && json_object_is_type(*arr, json_type_array) ? json_object_array_length(*arr) : 0;
}

static enum wd_map_kind kind_of(struct json_object *o)
{
	struct json_object *u = st_jget(o, "urgent");
	char *due = jstr(o, "due");
	enum wd_map_kind k = WD_MAP_OK;

	if (u && json_object_get_boolean(u))
		k = WD_MAP_URGENT;
	else if (due && !strcmp(due, "overdue"))
		k = WD_MAP_OVERDUE;
	else if (due && (!strcmp(due, "warn") || !strcmp(due, "critical")))
		k = WD_MAP_DUE_SOON;
	free(due);
	return k;
}

/* The points of the document's array key into *pt, *npt. */
static void read_points(struct json_object *doc, const char *key, struct wd_map_point **pt, size_t *npt)
{
	struct json_object *arr;
	size_t n = jarr(doc, key, &arr);

	*pt = xcalloc(n + 1, sizeof **pt);
	for (size_t i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		struct wd_map_point *p = &(*pt)[(*npt)++];

		p->ref = jstr(o, "ref");
		p->lat = jnum(o, "lat");
		p->lon = jnum(o, "lon");
		p->kind = kind_of(o);
	}
}

static void read_streets(struct json_object *doc, struct wd_map *m)
{
	struct json_object *arr, *pts;
	size_t n = jarr(doc, "streets", &arr);

	m->street = xcalloc(n + 1, sizeof *m->street);
	for (size_t i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		struct wd_map_street *s = &m->street[m->nstreet++];
		size_t k = jarr(o, "points", &pts);

		s->name = jstr(o, "name");
		s->pt = xcalloc(k + 1, sizeof *s->pt);
		for (size_t j = 0; j < k; j++) {
			struct json_object *pair = json_object_array_get_idx(pts, j);

			if (!json_object_is_type(pair, json_type_array) || json_object_array_length(pair) != 2)
				continue;
			s->pt[s->n][0] = json_object_get_double(json_object_array_get_idx(pair, 0));
			s->pt[s->n][1] = json_object_get_double(json_object_array_get_idx(pair, 1));
			s->n++;
		}
	}
}

static void read_clusters(struct json_object *doc, struct wd_map *m)
{
	struct json_object *arr, *refs, *ch;
	size_t n = jarr(doc, "clusters", &arr);

	m->cl = xcalloc(n + 1, sizeof *m->cl);
	for (size_t i = 0; i < n; i++) {
		struct json_object *o = json_object_array_get_idx(arr, i);
		struct wd_cluster *c = &m->cl[m->ncl++];
		size_t k = jarr(o, "refs", &refs), nch = jarr(o, "channels", &ch);
		struct strbuf sb = { 0 };

		c->key = jstr(o, "key");
		c->category = jstr(o, "category");
		c->category_vi = jstr(o, "category_vi");
		c->category_en = jstr(o, "category_en");
		c->oldest_deadline = (time_t)st_jlong(o, "oldest_deadline");
		c->lat = jnum(o, "lat");
		c->lon = jnum(o, "lon");
		c->refs = xcalloc(k + 1, sizeof *c->refs);
		for (size_t j = 0; j < k; j++)
			c->refs[c->count++] = xstrdup(json_object_get_string(json_object_array_get_idx(refs, j)));
		for (size_t j = 0; j < nch; j++) {
			if (j)
				sb_putc(&sb, ',');
			sb_puts(&sb, json_object_get_string(json_object_array_get_idx(ch, j)));
		}
		c->channels = sb.s ? sb.s : xstrdup("");
	}
}

enum st_status store_map(struct store *st, struct wd_map *out, struct st_err *err)
{
	struct json_object *doc;
	PGresult *res;

	memset(out, 0, sizeof *out);
	if (!(res = st_run_long(st, "SELECT wardesk.map_doc()", 0, NULL, err)))
		return err->status;
	out->json = st_col_str(res, 0, 0);
	PQclear(res);
	if (!out->json || !(doc = json_tokener_parse(out->json))) {
		wd_map_free(out);
		return st_seterr(err, ST_REFUSED, NULL, _("the map could not be read"));
	}
	out->ward = jstr(doc, "ward");
	out->no_coords = st_jlong(doc, "no_coords");
	read_points(doc, "points", &out->pt, &out->npt);
	read_points(doc, "outside", &out->out, &out->nout);
	read_streets(doc, out);
	read_clusters(doc, out);
	json_object_put(doc);
	return ST_OK;
}

enum st_status store_cluster_merge(struct store *st, const char *ref, int seen, const char *note,
                                   char *kept, size_t keptsz, int *merged, struct st_err *err)
{
	static const char sql[] =
		"SELECT kept, coalesce(array_length(merged, 1), 0) FROM wardesk.cluster_merge($1, $2::int, $3)";
	char s[16];
	const char *params[] = { ref, seen > 0 ? s : NULL, note };
	PGresult *res;

	snprintf(s, sizeof s, "%d", seen);
	if (!st_check_utf8(_("the reference"), ref, err) || !st_check_utf8(_("the note"), note, err))
		return err->status;
	if (!(res = st_write(st, sql, 3, params, err)))
		return err->status;
	snprintf(kept, keptsz, "%s", PQgetvalue(res, 0, 0));
	*merged = (int)st_col_ll(res, 0, 1);
	PQclear(res);
	return ST_OK;
}
