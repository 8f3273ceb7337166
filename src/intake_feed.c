/* intake_feed.c - Open311 requests to and from the store (see intake_feed.h). */
#include "wardesk/wardesk.h"

#include "wardesk/intake_feed.h"

void feed_to_import(const struct o311_request *r, struct wd_import_request *out)
{
	memset(out, 0, sizeof *out);
	out->external_id = r->id;
	out->service_code = r->service_code;
	out->description = r->description;
	out->requested_at = r->requested;
	out->address = r->address;
	out->service_name = r->service_name;
	out->address_id = r->address_id;
	out->zipcode = r->zipcode;
	out->has_coords = r->has_coords;
	out->lat = r->lat;
	out->lon = r->lon;
	out->media_url = r->media_url;
	out->status = r->status;
	out->status_notes = r->status_notes;
	out->updated_at = r->updated;
	out->rating = r->rating;
	out->rating_comment = r->rating_comment;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void feed_add_app_request(struct o311_feed *feed, const struct wd_app_request *q)
{
	struct o311_request r = { 0 };

	r.id = dup_or_null(q->external_id);
	r.status = dup_or_null(q->status);
	r.status_notes = dup_or_null(q->status_notes);
	r.service_code = dup_or_null(q->service_code);
	r.service_name = dup_or_null(q->service_name);
	r.description = dup_or_null(q->description);
	r.agency = dup_or_null(q->agency);
	r.requested = q->requested_at;
	r.updated = q->updated_at;
	r.expected = q->expected_at;
	r.address = dup_or_null(q->address);
	r.address_id = dup_or_null(q->address_id);
	r.zipcode = dup_or_null(q->zipcode);
	r.has_coords = q->has_coords;
	r.lat = q->lat;
	r.lon = q->lon;
	r.media_url = dup_or_null(q->media_url);
	o311_feed_add(feed, &r);
}

enum st_status store_import(struct store *st, const struct o311_feed *feed,
                            struct wd_import_item *out, size_t *bad_item,
                            st_progress_fn progress, void *pctx, struct st_err *err)
{
	struct wd_import_request *v = xcalloc(feed->n + 1, sizeof *v);
	enum st_status rc;

	for (size_t i = 0; i < feed->n; i++)
		feed_to_import(&feed->v[i], &v[i]);
	rc = store_import_requests(st, v, feed->n, out, bad_item, progress, pctx, err);
	free(v);
	return rc;
}

enum st_status store_export(struct store *st, time_t since, struct o311_feed *out,
                            st_progress_fn progress, void *pctx, struct st_err *err)
{
	struct wd_app_request_list l;
	enum st_status rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_app_requests(st, since, &l, progress, pctx, err)) != ST_OK)
		return rc;
	for (size_t i = 0; i < l.n; i++)
		feed_add_app_request(out, &l.v[i]);
	wd_app_request_list_free(&l);
	return ST_OK;
}
