/* cli_map.c - `wardesk map` (the ward's open cases by place, its streets
 * and its clusters, drawn as mapdraw.c draws them for the console's M) and
 * `wardesk cluster merge REF` (the chair merges a cluster into its earliest
 * case), issue 16 §2. */
#include "wardesk/wardesk.h"

#include <json.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "wardesk/cli.h"
#include "wardesk/cli_cmds.h"
#include "wardesk/mapdraw.h"
#include "wardesk/store_map.h"
#include "wardesk/text.h"

#define SIDE_W 30   /* the cluster list beside the map */

/* The terminal's size when stdout is one, else 80 x 24. */
static void out_size(int *w, int *h)
{
	struct winsize ws;

	*w = 80;
	*h = 24;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40 &&
	    ws.ws_row >= 10) {
		*w = ws.ws_col;
		*h = ws.ws_row;
	}
}

/* The cluster list as lines (ASCII without utf8). */
static char **side_lines(const struct wd_map *m, bool utf8, size_t *n)
{
	char **v = xcalloc(m->ncl * MAP_CLUSTER_LINES + 2, sizeof *v);
	char l[MAP_CLUSTER_LINES][256];

	*n = 0;
	v[(*n)++] = xstrdup(m->ncl ? _("Clusters (100 m, 24 h):") : _("No clusters (100 m, 24 h)."));
	for (size_t i = 0; i < m->ncl; i++) {
		map_cluster_lines(&m->cl[i], (int)i + 1, l);
		for (int k = 0; k < MAP_CLUSTER_LINES; k++)
			v[(*n)++] = xstrdup(l[k]);
	}
	for (size_t i = 0; !utf8 && i < *n; i++) {
		char *a = text_ascii(v[i]);

		free(v[i]);
		v[i] = a;
	}
	return v;
}

/* One line of text output: without its trailing spaces. */
static void print_line(struct strbuf *sb)
{
	while (sb->len && sb->s[sb->len - 1] == ' ')
		sb->s[--sb->len] = 0;
	cli_printf("%s\n", sb->s ? sb->s : "");
	sb->len = 0;
	if (sb->s)
		sb->s[0] = 0;
}

static void put_cell_row(struct strbuf *sb, const struct map_canvas *c, int y)
{
	for (int x = 0; x < c->w; x++)
		sb_puts(sb, c->cell[y * c->w + x].s);
}

static void put_side(struct strbuf *sb, char **side, size_t nside, size_t i, int width, bool utf8)
{
	char *fit;

	if (i >= nside)
		return;
	fit = text_fit(side[i], width, false, utf8);
	sb_puts(sb, "  ");
	sb_puts(sb, fit);
	free(fit);
}

static void print_map(const struct wd_map *m, int w, int h, bool utf8)
{
	bool beside = w >= 70;
	int mw = beside ? w - SIDE_W - 2 : w, mh = h - 3;
	size_t nside, i;
	char **side = side_lines(m, utf8, &nside), legend[512], outside[4096];
	bool far = map_outside_line(m, outside, sizeof outside);
	struct map_canvas c;
	struct strbuf sb = { 0 };

	if (!beside)
		mh -= (int)nside;
	if (far)
		mh--;
	if (mh < 4)
		mh = 4;
	map_render(m, mw, mh, utf8, &c);
	cli_printf(_("Map of %s: %zu open cases by place; one cell is about %.0f m across\n"),
	           m->ward ? m->ward : "?", m->npt, c.metres_per_cell);
	for (int y = 0; y < c.h; y++) {
		put_cell_row(&sb, &c, y);
		if (beside)
			put_side(&sb, side, nside, (size_t)y, SIDE_W, utf8);
		print_line(&sb);
	}
	for (i = beside ? (size_t)c.h : 0; i < nside; i++) {
		put_side(&sb, side, nside, i, w - 2, utf8);
		print_line(&sb);
	}
	map_legend(m, &c, utf8, legend, sizeof legend);
	sb_puts(&sb, legend);
	print_line(&sb);
	if (far) {
		char *fit = text_fit(outside, w, false, utf8), *a = utf8 ? NULL : text_ascii(fit);

		sb_puts(&sb, a ? a : fit);
		free(a);
		free(fit);
		print_line(&sb);
	}
	free(sb.s);
	map_canvas_free(&c);
	for (i = 0; i < nside; i++)
		free(side[i]);
	free(side);
}

int cmd_map(const struct cli_global *g, const struct cli_args *a)
{
	struct wd_map m;
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	int fmt = cli_fmt(a, FMT_TEXT), w, h;
	const char *cs = nl_langinfo(CODESET);

	out_size(&w, &h);
	w = (int)cli_int(a, "width", w);
	h = (int)cli_int(a, "height", h);
	if (store_map(st, &m, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	if (fmt == FMT_JSON)
		cli_print_json(json_tokener_parse(m.json));
	else
		print_map(&m, w, h, cs && !strcmp(cs, "UTF-8"));
	wd_map_free(&m);
	return WD_EXIT_OK;
}

int cmd_cluster_merge(const struct cli_global *g, const struct cli_args *a)
{
	struct st_err err = { 0 };
	struct store *st = cli_connect(g);
	char kept[64];
	int merged = 0;

	if (store_cluster_merge(st, a->pos[0], (int)cli_int(a, "seen", 0), cli_str(a, "note"), kept, sizeof kept,
	                        &merged, &err) != ST_OK) {
		store_close(&st);
		return cli_fail(&err);
	}
	store_close(&st);
	cli_printf(ngettext("%d case merged into %s\n", "%d cases merged into %s\n", (unsigned long)merged), merged,
	           kept);
	return WD_EXIT_OK;
}
