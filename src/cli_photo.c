/* cli_photo.c - `wardesk photo REF FILE` and `report --photo FILE`: a photo
 * a citizen sent the hotline (Zalo, e-mail), attached to the case.  The
 * bytes go into the database (sql/code/59_photos.sql): every console of the
 * ward can show them, which a path on the hotline's computer would not. */
#include "wardesk/wardesk.h"

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/photo.h"
#include "wardesk/store_photos.h"

bool cli_photo_read(const char *path, unsigned char **buf, size_t *len)
{
	char why[512];

	if (photo_read_file(path, buf, len, why, sizeof why))
		return true;
	cli_fprintf(stderr, "wardesk: %s\n", why);
	*buf = NULL;
	return false;
}

int cli_photo_send(struct store *st, const char *ref, const char *path, int seen)
{
	struct st_err err = { 0 };
	unsigned char *buf;
	size_t len;
	int64_t id;

	if (!cli_photo_read(path, &buf, &len))
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
