/* store_photos.h - photos the desk attached to a case, in the store
 * (src/store_photos.c; SQL in sql/code/59_photos.sql, the table in
 * sql/migrations/021_case_photos.sql).  Reading them is a plain select on
 * wardesk.case_photos: row-level security gives only the caller's ward.
 *
 * Ownership: the caller frees what is filled (wd_photo_list_free, free). */
#ifndef WARDESK_STORE_PHOTOS_H
#define WARDESK_STORE_PHOTOS_H

#include "wardesk/store.h"

struct wd_photo {
	int64_t id;
	char type[16];          /* image/png or image/jpeg */
	long bytes;
	char sha256[65];
};
struct wd_photo_list {
	struct wd_photo *v;
	size_t n;
};
void wd_photo_list_free(struct wd_photo_list *l);

/* Attach len bytes of a PNG or JPEG to the open case ref (seen: the
 * version the caller saw, 0: no check); *id gets the photo's id. */
enum st_status store_photo_attach(struct store *st, const char *ref, const void *bytes, size_t len,
                                  int seen, int64_t *id, struct st_err *err);
/* The photos of case case_id, oldest first. */
enum st_status store_case_photos(struct store *st, int64_t case_id, struct wd_photo_list *out,
                                 struct st_err *err);
/* The bytes of photo id (*buf: malloc'd, *len bytes). */
enum st_status store_photo_bytes(struct store *st, int64_t id, unsigned char **buf, size_t *len,
                                 struct st_err *err);

#endif
