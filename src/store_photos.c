/* store_photos.c - photos attached to a case (see store_photos.h). */
#include "wardesk/wardesk.h"

#include "wardesk/store_photos.h"
#include "wardesk/store_impl.h"

void wd_photo_list_free(struct wd_photo_list *l)
{
	FREE(&l->v);
	l->n = 0;
}

enum st_status store_photo_attach(struct store *st, const char *ref, const void *bytes, size_t len,
                                  int seen, int64_t *id, struct st_err *err)
{
	static const char sql[] = "SELECT wardesk.photo_attach($1, $2::bytea, $3::int)";
	char *x = st_bytea_hex(bytes, len), s[16];
	const char *params[3] = { ref, x, seen > 0 ? s : NULL };
	PGresult *res;

	snprintf(s, sizeof s, "%d", seen);
	if (!st_check_utf8(_("the reference"), ref, err)) {
		free(x);
		return err->status;
	}
	res = st_write(st, sql, 3, params, err);
	free(x);
	if (!res)
		return err->status;
	*id = st_col_ll(res, 0, 0);
	PQclear(res);
	return ST_OK;
}

enum st_status store_case_photos(struct store *st, int64_t case_id, struct wd_photo_list *out,
                                 struct st_err *err)
{
	static const char sql[] =
		"SELECT id, content_type, octet_length(bytes), sha256 FROM wardesk.case_photos"
		" WHERE case_id = $1::bigint ORDER BY id";
	char id[24];
	const char *params[1] = { id };
	PGresult *res;
	int n;

	memset(out, 0, sizeof *out);
	snprintf(id, sizeof id, "%lld", (long long)case_id);
	if (!(res = st_run(st, sql, 1, params, err)))
		return err->status;
	n = PQntuples(res);
	out->v = xcalloc((size_t)n + 1, sizeof *out->v);
	for (int r = 0; r < n; r++) {
		struct wd_photo *p = &out->v[out->n++];

		p->id = st_col_ll(res, r, 0);
		snprintf(p->type, sizeof p->type, "%s", PQgetvalue(res, r, 1));
		p->bytes = (long)st_col_ll(res, r, 2);
		snprintf(p->sha256, sizeof p->sha256, "%s", PQgetvalue(res, r, 3));
	}
	PQclear(res);
	return ST_OK;
}

enum st_status store_photo_bytes(struct store *st, int64_t id, unsigned char **buf, size_t *len,
                                 struct st_err *err)
{
	static const char sql[] = "SELECT bytes FROM wardesk.case_photos WHERE id = $1::bigint";
	char s[24];
	const char *params[1] = { s };
	unsigned char *raw;
	PGresult *res;

	snprintf(s, sizeof s, "%lld", (long long)id);
	if (!(res = st_run(st, sql, 1, params, err)))
		return err->status;
	if (PQntuples(res) != 1 || !(raw = PQunescapeBytea((const unsigned char *)PQgetvalue(res, 0, 0), len))) {
		PQclear(res);
		return st_seterr(err, ST_REFUSED, NULL, _("no photo #%lld"), (long long)id);
	}
	*buf = xmalloc(*len ? *len : 1);
	memcpy(*buf, raw, *len);
	PQfreemem(raw);
	PQclear(res);
	return ST_OK;
}
