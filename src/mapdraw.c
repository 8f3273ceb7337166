/* mapdraw.c - the map of a ward as terminal cells (see mapdraw.h). */
#include "wardesk/wardesk.h"

#include <math.h>

#include "wardesk/mapdraw.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"
#include "wardesk/words.h"

#define M_PER_DEG_LAT 110574.0
#define M_PER_DEG_LON 111320.0
#define MIN_EXTENT_M 300.0

/* The Braille dot of column dx (0-1), row dy (0-3) of a cell. */
static const unsigned char braille_bit[4][2] = {
	{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 },
};

struct frame {
	double lat0, lon0, coslat;   /* the south-west corner */
	double scale;                /* metres per dot */
	double ox, oy;               /* dots of margin left and top, centring */
	double hm;                   /* the height in metres */
};

struct grid {
	int w, h;
	unsigned char *bits;         /* case dots */
	unsigned char *kind;         /* the worst kind + 1, 0: no case */
	bool *street;
};

static void extent(const struct wd_map *m, double *s, double *w, double *n, double *e)
{
	*s = *w = INFINITY;
	*n = *e = -INFINITY;
#define TAKE(la, lo) do { *s = fmin(*s, la); *n = fmax(*n, la); *w = fmin(*w, lo); *e = fmax(*e, lo); } while (0)
	for (size_t i = 0; i < m->npt; i++)
		TAKE(m->pt[i].lat, m->pt[i].lon);
	for (size_t i = 0; i < m->nstreet; i++)
		for (size_t k = 0; k < m->street[i].n; k++)
			TAKE(m->street[i].pt[k][0], m->street[i].pt[k][1]);
#undef TAKE
}

static bool frame_make(const struct wd_map *m, int w, int h, struct frame *f)
{
	double s, west, n, e, wm, hm, dw = w * 2, dh = h * 4;

	extent(m, &s, &west, &n, &e);
	if (!isfinite(s) || w < 2 || h < 2)
		return false;
	f->coslat = cos((s + n) / 2 * M_PI / 180);
	wm = (e - west) * M_PER_DEG_LON * f->coslat;
	hm = (n - s) * M_PER_DEG_LAT;
	/* a margin of a twentieth, and a least extent */
	wm = fmax(wm * 1.1, MIN_EXTENT_M);
	hm = fmax(hm * 1.1, MIN_EXTENT_M);
	f->lat0 = (s + n) / 2 - hm / 2 / M_PER_DEG_LAT;
	f->lon0 = (west + e) / 2 - wm / 2 / (M_PER_DEG_LON * f->coslat);
	f->scale = fmax(wm / (dw - 1), hm / (dh - 1));
	f->ox = (dw - 1 - wm / f->scale) / 2;
	f->oy = (dh - 1 - hm / f->scale) / 2;
	f->hm = hm;
	return true;
}

/* The dot of a place: false when outside the grid. */
static bool dot_of(const struct frame *f, const struct grid *g, double lat, double lon, int *x, int *y)
{
	double xm = (lon - f->lon0) * M_PER_DEG_LON * f->coslat;
	double ym = f->hm - (lat - f->lat0) * M_PER_DEG_LAT;

	*x = (int)lround(f->ox + xm / f->scale);
	*y = (int)lround(f->oy + ym / f->scale);
	return *x >= 0 && *y >= 0 && *x < g->w * 2 && *y < g->h * 4;
}

static void plot_cases(const struct wd_map *m, const struct frame *f, struct grid *g, struct map_canvas *out)
{
	for (size_t i = 0; i < m->npt; i++) {
		const struct wd_map_point *p = &m->pt[i];
		int x, y, c;

		if (!dot_of(f, g, p->lat, p->lon, &x, &y))
			continue;
		c = (y / 4) * g->w + x / 2;
		g->bits[c] |= braille_bit[y % 4][x % 2];
		if ((int)p->kind + 1 > g->kind[c])
			g->kind[c] = (unsigned char)(p->kind + 1);
		out->count[p->kind]++;
	}
}

/* A street's segment in cells (Bresenham). */
static void plot_segment(struct grid *g, int x0, int y0, int x1, int y1)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
	int err = dx + dy;

	for (;;) {
		if (x0 >= 0 && y0 >= 0 && x0 < g->w && y0 < g->h)
			g->street[y0 * g->w + x0] = true;
		if (x0 == x1 && y0 == y1)
			break;
		if (2 * err >= dy) {
			err += dy;
			x0 += sx;
		}
		if (2 * err <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

/* The cell of a place, not clipped. */
static void cell_of(const struct frame *f, double lat, double lon, int *x, int *y)
{
	double xm = (lon - f->lon0) * M_PER_DEG_LON * f->coslat;
	double ym = f->hm - (lat - f->lat0) * M_PER_DEG_LAT;

	*x = (int)floor((f->ox + xm / f->scale) / 2);
	*y = (int)floor((f->oy + ym / f->scale) / 4);
}

static void plot_streets(const struct wd_map *m, const struct frame *f, struct grid *g)
{
	for (size_t i = 0; i < m->nstreet; i++) {
		const struct wd_map_street *s = &m->street[i];

		for (size_t k = 1; k < s->n; k++) {
			int x0, y0, x1, y1;

			cell_of(f, s->pt[k - 1][0], s->pt[k - 1][1], &x0, &y0);
			cell_of(f, s->pt[k][0], s->pt[k][1], &x1, &y1);
			plot_segment(g, x0, y0, x1, y1);
		}
	}
}

static void put_utf8(struct map_cell *c, unsigned cp, enum map_ink ink)
{
	if (cp < 0x80) {
		c->s[0] = (char)cp;
		c->s[1] = 0;
	} else if (cp < 0x800) {
		c->s[0] = (char)(0xC0 | cp >> 6);
		c->s[1] = (char)(0x80 | (cp & 0x3F));
		c->s[2] = 0;
	} else {
		c->s[0] = (char)(0xE0 | cp >> 12);
		c->s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		c->s[2] = (char)(0x80 | (cp & 0x3F));
		c->s[3] = 0;
	}
	c->ink = ink;
}

static const enum map_ink kind_ink[WD_MAP_KINDS] = {
	[WD_MAP_OK] = INK_OK, [WD_MAP_DUE_SOON] = INK_DUE_SOON,
	[WD_MAP_OVERDUE] = INK_OVERDUE, [WD_MAP_URGENT] = INK_URGENT,
};

const char *map_mark(enum wd_map_kind k, bool utf8)
{
	if (k == WD_MAP_URGENT)
		return "!";
	if (k == WD_MAP_OVERDUE)
		return utf8 ? "\xC3\x97" : "x";   /* × */
	return utf8 ? "\xE2\xA3\xBF" : "o";     /* ⣿ */
}

static void fill_cells(const struct grid *g, bool utf8, struct map_canvas *out)
{
	for (int i = 0; i < g->w * g->h; i++) {
		struct map_cell *c = &out->cell[i];

		if (g->kind[i]) {
			enum wd_map_kind k = (enum wd_map_kind)(g->kind[i] - 1);

			if (k >= WD_MAP_OVERDUE || !utf8)
				snprintf(c->s, sizeof c->s, "%s", map_mark(k, utf8));
			else
				put_utf8(c, 0x2800 + g->bits[i], INK_OK);
			c->ink = kind_ink[k];
		} else if (g->street[i]) {
			put_utf8(c, utf8 ? 0xB7 : '.', INK_STREET);
		} else {
			put_utf8(c, ' ', INK_NONE);
		}
	}
}

/* Whether text of len cells fits from (x, y) over cells without a case, a
 * label or a cluster's number. */
static bool room_for(const struct grid *g, const struct map_canvas *out, int x, int y, int len)
{
	if (y < 0 || y >= g->h || x < 0 || x + len > g->w)
		return false;
	for (int i = x; i < x + len; i++)
		if (g->kind[y * g->w + i] || out->cell[y * g->w + i].ink == INK_LABEL ||
		    out->cell[y * g->w + i].ink == INK_CLUSTER)
			return false;
	return true;
}

/* Write text from cell (x, y) on, one cell per character. */
static void put_text(struct map_canvas *out, int x, int y, const char *s, enum map_ink ink)
{
	for (const char *p = s; *p && x < out->w; x++) {
		size_t len = 1;

		while (p[len] && ((unsigned char)p[len] & 0xC0) == 0x80 && len < 4)
			len++;
		memcpy(out->cell[y * out->w + x].s, p, len);
		out->cell[y * out->w + x].s[len] = 0;
		out->cell[y * out->w + x].ink = ink;
		p += len;
	}
}

/* Each street's name beside the middle point of its line, on the first of
 * that row and the rows around it where the whole name fits without
 * covering a case; left out when it fits nowhere near. */
static void label_streets(const struct wd_map *m, const struct frame *f, const struct grid *g, bool utf8,
                          struct map_canvas *out)
{
	static const int tries[][2] = { { 1, 0 }, { 1, 1 }, { 1, -1 }, { -1, 0 }, { -1, 1 }, { -1, -1 },
	                                { 1, 2 }, { -1, 2 }, { 1, -2 }, { -1, -2 } };

	for (size_t i = 0; i < m->nstreet; i++) {
		const struct wd_map_street *s = &m->street[i];
		char *name = utf8 ? text_sanitize(s->name ? s->name : "", false) : text_ascii(s->name ? s->name : "");
		int x, y, len = 0;

		for (const char *p = name; *p; p++)
			len += ((unsigned char)*p & 0xC0) != 0x80;
		if (text_width(name) != len) {   /* wide or combining characters: one cell each would not hold */
			char *a = text_ascii(name);

			free(name);
			name = a;
			len = (int)strlen(name);
		}
		cell_of(f, s->pt[s->n / 2][0], s->pt[s->n / 2][1], &x, &y);
		for (size_t t = 0; s->n && len && t < ARRAY_SIZE(tries); t++) {
			int lx = tries[t][0] > 0 ? x + 1 : x - len, ly = y + tries[t][1];

			lx = lx + len > g->w ? g->w - len : lx < 0 ? 0 : lx;
			if (room_for(g, out, lx, ly, len)) {
				put_text(out, lx, ly, name, INK_LABEL);
				break;
			}
		}
		free(name);
	}
}

static void number_clusters(const struct wd_map *m, const struct frame *f, const struct grid *g,
                            struct map_canvas *out)
{
	for (size_t i = 0; i < m->ncl && i < 9; i++) {
		char num[4];
		int x, y;

		cell_of(f, m->cl[i].lat, m->cl[i].lon, &x, &y);
		snprintf(num, sizeof num, "%zu", i + 1);
		if (y < 0 || y >= g->h)
			continue;   /* its centre is off the map (cases outside the ward's area) */
		if (x + 1 < g->w && x + 1 >= 0 && !g->kind[y * g->w + x + 1])
			x++;
		else if (x > 0)
			x--;
		if (x >= 0 && y >= 0 && x < g->w && y < g->h && !g->kind[y * g->w + x]) {
			snprintf(out->cell[y * g->w + x].s, sizeof out->cell->s, "%s", num);
			out->cell[y * g->w + x].ink = INK_CLUSTER;
		}
	}
}

void map_render(const struct wd_map *m, int w, int h, bool utf8, struct map_canvas *out)
{
	struct grid g = { .w = w > 0 ? w : 1, .h = h > 0 ? h : 1 };
	struct frame f;
	size_t n;

	memset(out, 0, sizeof *out);
	out->w = g.w;
	out->h = g.h;
	n = (size_t)g.w * (size_t)g.h;
	out->cell = xcalloc(n, sizeof *out->cell);
	g.bits = xcalloc(n, 1);
	g.kind = xcalloc(n, 1);
	g.street = xcalloc(n, sizeof *g.street);
	if (frame_make(m, g.w, g.h, &f)) {
		plot_streets(m, &f, &g);
		plot_cases(m, &f, &g, out);
		out->metres_per_cell = f.scale * 2;
	}
	fill_cells(&g, utf8, out);
	if (out->metres_per_cell > 0) {
		number_clusters(m, &f, &g, out);   /* first: the names go round them */
		label_streets(m, &f, &g, utf8, out);
	}
	free(g.bits);
	free(g.kind);
	free(g.street);
}

void map_canvas_free(struct map_canvas *c)
{
	FREE(&c->cell);
	c->w = c->h = 0;
}

const char *map_cluster_name(const struct wd_cluster *c)
{
	const char *name = word_name(c->category_vi, c->category_en);

	return *name ? name : c->category;
}

void map_cluster_lines(const struct wd_cluster *c, int i, char lines[MAP_CLUSTER_LINES][256])
{
	char due[40];
	size_t at;

	snprintf(lines[0], sizeof lines[0], ngettext("%d %s: %d case", "%d %s: %d cases", (unsigned long)c->count),
	         i, map_cluster_name(c), c->count);
	at = (size_t)snprintf(lines[1], sizeof lines[1], " ");
	for (int k = 0; k < c->count && at < sizeof lines[1]; k++)
		at += (size_t)snprintf(lines[1] + at, sizeof lines[1] - at, " %s", c->refs[k]);
	at = (size_t)snprintf(lines[2], sizeof lines[2], " ");
	for (const char *p = c->channels ? c->channels : ""; *p && at < sizeof lines[2];) {
		size_t len = strcspn(p, ",");
		char db[32];

		snprintf(db, sizeof db, "%.*s", (int)len, p);
		at += (size_t)snprintf(lines[2] + at, sizeof lines[2] - at, "%s %s", at > 1 ? "," : "",
		                       word_channel_label(db));
		p += len + (p[len] == ',');
	}
	time_short(c->oldest_deadline, due, sizeof due);
	snprintf(lines[3], sizeof lines[3], _("  oldest due %s"), due);
}

void map_legend(const struct wd_map *m, const struct map_canvas *c, bool utf8, char *out, size_t sz)
{
	snprintf(out, sz, _("%s %ld on time (%ld due soon)  %s %ld overdue  %s %ld urgent  %ld without coordinates"),
	         map_mark(WD_MAP_OK, utf8), c->count[WD_MAP_OK] + c->count[WD_MAP_DUE_SOON],
	         c->count[WD_MAP_DUE_SOON], map_mark(WD_MAP_OVERDUE, utf8), c->count[WD_MAP_OVERDUE],
	         map_mark(WD_MAP_URGENT, utf8), c->count[WD_MAP_URGENT], m->no_coords);
}

bool map_outside_line(const struct wd_map *m, char *out, size_t sz)
{
	size_t at;

	if (!m->nout)
		return false;
	at = (size_t)snprintf(out, sz, ngettext("%zu case outside the ward's area:", "%zu cases outside the ward's area:",
	                                        (unsigned long)m->nout), m->nout);
	for (size_t i = 0; i < m->nout && at < sz; i++)
		at += (size_t)snprintf(out + at, sz - at, " %s", m->out[i].ref ? m->out[i].ref : "?");
	return true;
}
