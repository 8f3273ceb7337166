/* cli_photo.c - `wardesk photo REF FILE` and `report --photo FILE`: a photo
 * a citizen sent the hotline (Zalo, e-mail), attached to the case.  The
 * bytes go into the database (sql/code/58_photos.sql): every console of the
 * ward can show them, which a path on the hotline's computer would not. */
#include "wardesk/wardesk.h"

#include <errno.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/store_photos.h"
#include "wardesk/text.h"

/* What the CLI reads of a file at most; the database's limit (2 MB) is
 * the rule, this only stops reading a file that is far beyond it. */
#define PHOTO_READ_MAX (8L * 1024 * 1024)

static unsigned char *read_photo(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *buf;
	char *safe;

	if (fp) {
		buf = xmalloc(PHOTO_READ_MAX + 1);
		*len = fread(buf, 1, PHOTO_READ_MAX + 1, fp);
		if (!ferror(fp) && *len <= (size_t)PHOTO_READ_MAX) {
			fclose(fp);
			return buf;
		}
		free(buf);
		if (!ferror(fp))
			errno = EFBIG;
		fclose(fp);
	}
	safe = text_sanitize(path, false);
	cli_fprintf(stderr, _("wardesk: %s: %s\n"), safe, strerror(errno));
	free(safe);
	return NULL;
}

int cli_photo_send(struct store *st, const char *ref, const char *path, int seen)
{
	struct st_err err = { 0 };
	unsigned char *buf;
	size_t len;
	int64_t id;

	if (!(buf = read_photo(path, &len)))
		return WD_EXIT_USAGE;
	if (store_photo_attach(st, ref, buf, len, seen, &id, &err) != ST_OK) {
		free(buf);
		return cli_fail(&err);
	}
	free(buf);
	cli_printf(_("%s: photo #%lld attached (%zu bytes)\n"), ref, (long long)id, len);
	return WD_EXIT_OK;
}

int cmd_photo(const struct cli_global *g, const struct cli_args *a)
{
	struct store *st = cli_connect(g);
	int rc = cli_photo_send(st, a->pos[0], a->pos[1], (int)cli_int(a, "seen", 0));

	store_close(&st);
	return rc;
}
