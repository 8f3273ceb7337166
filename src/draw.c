/* draw.c - sanitise, fit and draw text (see draw.h).
 *
 * A frame draws mostly what the last one drew, often at another line (a new
 * case pushes the rows down).  Two small tables remember it: the sanitised,
 * fitted form of a text (keyed by the text itself, its columns and the
 * ASCII mode; only sanitised text is kept), so a text is sanitised,
 * normalised and cut once, not per frame; and the cells each call left on
 * stdscr, so a call whose cells are there already is skipped. */
#include "wardesk/wardesk.h"

#include <limits.h>

#include "wardesk/draw.h"
#include "wardesk/text.h"

static bool ascii_only;   /* draw_set_ascii: the terminal takes no UTF-8 */

void draw_set_ascii(bool on)
{
	ascii_only = on;
}

bool draw_ascii(void)
{
	return ascii_only;
}

/* Printable ASCII needs neither sanitising nor width computation. */
static bool plain_ascii(const char *s, size_t *len)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	*len = i;
	return true;
}

/* The remembered texts: direct-mapped, DRAW_MEMO entries; an entry is the
 * untrusted text (compared whole, not only its hash), how it was asked for
 * (cols, or DRAW_MEMO_WIDTH for draw_width; pad; ASCII mode) and the
 * result: the fitted safe text and its width. */
#define DRAW_MEMO 256
#define DRAW_MEMO_WIDTH INT_MIN

struct memo {
	char *key;       /* the untrusted text; NULL: empty entry */
	char *fit;       /* safe, fitted (NULL for a width) */
	int cols, w;
	bool pad, ascii;
};

static struct memo memo[DRAW_MEMO];

static uint64_t key_hash(const char *s, int cols, bool pad)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	h = (h ^ (uint32_t)cols) * 1099511628211ULL;
	return (h ^ (pad ? 1u : 0u) ^ (ascii_only ? 2u : 0u)) * 1099511628211ULL;
}

static struct memo *memo_slot(uint64_t h)
{
	return &memo[(h ^ (h >> 32)) % DRAW_MEMO];
}

static bool memo_hit(const struct memo *m, const char *s, int cols, bool pad)
{
	return m->key && m->cols == cols && m->pad == pad && m->ascii == ascii_only &&
	       !strcmp(m->key, s);
}

static void memo_set(struct memo *m, const char *s, int cols, bool pad, char *fit, int w)
{
	free(m->key);
	free(m->fit);
	m->key = xstrdup(s);
	m->fit = fit;
	m->cols = cols;
	m->pad = pad;
	m->ascii = ascii_only;
	m->w = w;
}

/* Untrusted text -> safe text (ASCII on an ASCII terminal). */
static char *safe_text(const char *untrusted)
{
	char *safe = text_sanitize(untrusted, false);

	if (!safe)
		safe = xstrdup("?");
	if (ascii_only) {
		char *a = text_ascii(safe);

		free(safe);
		safe = a;
	}
	return safe;
}

/* The cells a call of draw_common drew on stdscr (any line, any column),
 * read back from the window: when the cells where the same call (same
 * text, columns, padding, attribute, ASCII mode) would draw hold exactly
 * these already, drawing again would change nothing and is skipped.  Only
 * what the window holds is trusted, never a guess: a line moved (draw_scroll),
 * drawn over or cleared simply does not match. */
#define CELLS_MEMO 512
#define CELLS_MAX 256

struct cells {
	char *key;       /* the untrusted text; NULL: empty entry */
	cchar_t *v;      /* w + 1 cells as mvwin_wchnstr reads them (zeroed past them) */
	int cols, attr, w;
	bool pad, ascii;
};

static struct cells cells_memo[CELLS_MEMO];

static struct cells *cells_slot(uint64_t h, int attr)
{
	h = (h ^ (uint32_t)attr) * 1099511628211ULL;
	return &cells_memo[(h ^ (h >> 32)) % CELLS_MEMO];
}

/* The w cells at (y, x) of stdscr, into v[0..w] (zeroed first). */
static void cells_read(int y, int x, int w, cchar_t *v)
{
	memset(v, 0, ((size_t)w + 1) * sizeof *v);
	mvwin_wchnstr(stdscr, y, x, v, w);
}

static bool cells_there(const struct cells *c, const char *s, int cols, bool pad, int attr,
                        int y, int x)
{
	cchar_t now[CELLS_MAX + 1];

	if (!c->key || c->cols != cols || c->pad != pad || c->attr != attr ||
	    c->ascii != ascii_only || strcmp(c->key, s) != 0)
		return false;
	cells_read(y, x, c->w, now);
	return !memcmp(now, c->v, ((size_t)c->w + 1) * sizeof *now);
}

static void cells_keep(struct cells *c, const char *s, int cols, bool pad, int attr, int y,
                       int x, int w)
{
	if (w < 0 || w > cols)
		return;
	free(c->key);
	c->key = xstrdup(s);
	c->v = xreallocarray(c->v, (size_t)w + 1, sizeof *c->v);
	c->cols = cols;
	c->pad = pad;
	c->attr = attr;
	c->ascii = ascii_only;
	c->w = w;
	cells_read(y, x, w, c->v);
}

/* Whole lines of stdscr: what a caller drew on a line (its record: every
 * argument of its draw calls, serialised by the caller) and the cells the
 * line held right after.  A line whose record is the one last drawn there
 * and whose cells are still those is not drawn again: no string built for
 * it, no call of draw_text.  As for the cells above, only the window's own
 * cells are trusted: a line drawn over, cleared or resized does not match. */
#define LINES_MEMO 256

struct line_memo {
	char *rec;       /* NULL: nothing kept */
	size_t len;
	cchar_t *v;      /* cols + 1 cells as mvwin_wchnstr reads them */
	int cols, k;     /* k: the cells read before the zeroed one */
};

static const cchar_t blank_cell;   /* zeroed: what ends mvwin_wchnstr's cells */

static struct line_memo lines_memo[LINES_MEMO];

static bool line_usable(int y, int cols)
{
	return y >= 0 && y < LINES && y < LINES_MEMO && cols > 0 && cols <= COLS;
}

bool draw_line_same(int y, int cols, const void *rec, size_t len)
{
	struct line_memo *l;
	cchar_t now[CELLS_MAX + 1], *v = now;
	bool same;

	if (!line_usable(y, cols))
		return false;
	l = &lines_memo[y];
	if (!l->rec || l->cols != cols || l->len != len || memcmp(l->rec, rec, len) != 0)
		return false;
	if (cols > CELLS_MAX)
		v = xreallocarray(NULL, (size_t)cols + 1, sizeof *v);
	/* mvwin_wchnstr writes the line's k cells (a wide character's second
	 * column is none of them) and a zeroed one: compare those k + 1, no
	 * zeroing first (unlike cells_read; it cost more than the reading) */
	mvwin_wchnstr(stdscr, y, 0, v, cols);
	same = !memcmp(v, l->v, ((size_t)l->k + 1) * sizeof *v);
	if (v != now)
		free(v);
	return same;
}

void draw_line_keep(int y, int cols, const void *rec, size_t len)
{
	struct line_memo *l;

	if (!line_usable(y, cols))
		return;
	l = &lines_memo[y];
	l->rec = xrealloc(l->rec, len ? len : 1);
	memcpy(l->rec, rec, len);
	l->len = len;
	l->v = xreallocarray(l->v, (size_t)cols + 1, sizeof *l->v);
	l->cols = cols;
	cells_read(y, 0, cols, l->v);
	l->k = 0;
	while (l->k < cols && memcmp(&l->v[l->k], &blank_cell, sizeof blank_cell) != 0)
		l->k++;
}

/* Lines y0 .. y0 + rows - 1 moved by n (draw_scroll): their records move
 * with them; the lines coming in keep none. */
static void lines_scroll(int y0, int rows, int n)
{
	struct line_memo tmp[LINES_MEMO];
	int end = y0 + rows;

	if (end > LINES_MEMO)
		end = LINES_MEMO;
	if (y0 >= end)
		return;
	memcpy(tmp + y0, lines_memo + y0, (size_t)(end - y0) * sizeof *tmp);
	for (int y = y0; y < end; y++) {
		int from = y - n;

		if (from >= y0 && from < end) {
			lines_memo[y] = tmp[from];
			tmp[from].rec = NULL;
			tmp[from].v = NULL;
		} else {
			memset(&lines_memo[y], 0, sizeof lines_memo[y]);
		}
	}
	for (int y = y0; y < end; y++) {   /* what scrolled out */
		free(tmp[y].rec);
		free(tmp[y].v);
	}
}

void draw_scroll(int y0, int rows, int n)
{
	if (rows < 2 || n == 0 || n >= rows || -n >= rows || y0 < 0 || y0 + rows > LINES)
		return;
	wsetscrreg(stdscr, y0, y0 + rows - 1);
	scrollok(stdscr, TRUE);
	wscrl(stdscr, -n);
	scrollok(stdscr, FALSE);
	wsetscrreg(stdscr, 0, LINES - 1);
	lines_scroll(y0, rows, n);
}

static void put(WINDOW *win, int y, int x, const char *s, int attr)
{
	if (!win)
		win = stdscr;
	wattrset(win, attr);
	/* The last cell of the window makes waddstr return ERR (it cannot
	 * advance the cursor) but the text is drawn: ignore it. */
	mvwaddstr(win, y, x, s);
	wattrset(win, A_NORMAL);
}

/* Sanitise, fit and draw (h: key_hash of untrusted, cols, pad). */
static int draw_fresh(WINDOW *win, int y, int x, int cols, const char *untrusted, int attr,
                      bool pad, uint64_t h)
{
	char stackbuf[512];
	size_t len;
	char *safe, *fit;
	struct memo *m;
	int w;

	if (plain_ascii(untrusted, &len) && (size_t)cols + 4 < sizeof stackbuf) {
		if (len > (size_t)cols) {
			/* Cut with an ellipsis, as text_fit does. */
			memcpy(stackbuf, untrusted, (size_t)cols - 1);
			strcpy(stackbuf + cols - 1, ascii_only ? "~" : "\xe2\x80\xa6");
			w = cols;
		} else {
			memcpy(stackbuf, untrusted, len);
			w = (int)len;
			if (pad) {
				memset(stackbuf + len, ' ', (size_t)cols - len);
				len = (size_t)cols;
				w = cols;
			}
			stackbuf[len] = '\0';
		}
		put(win, y, x, stackbuf, attr);
		return w;
	}
	m = memo_slot(h);
	if (memo_hit(m, untrusted, cols, pad)) {
		put(win, y, x, m->fit, attr);
		return m->w;
	}
	safe = safe_text(untrusted);
	fit = text_fit_safe(safe, cols, pad, !ascii_only, &w);
	if (ascii_only && text_width(safe) > cols && cols > 0 && fit[0]) {
		size_t fl = strlen(fit), cut = (size_t)cols - 1;

		if (cut < fl)
			fit[cut] = '~';   /* the cut, as the ASCII path marks it */
	}
	free(safe);
	memo_set(m, untrusted, cols, pad, fit, w);
	put(win, y, x, fit, attr);
	return w;
}

static int draw_common(WINDOW *win, int y, int x, int cols, const char *untrusted, int attr,
                       bool pad)
{
	struct cells *c = NULL;
	uint64_t h;
	int w;

	if (cols <= 0)
		return 0;
	if (!untrusted)
		untrusted = "";
	h = key_hash(untrusted, cols, pad);
	if ((!win || win == stdscr) && y >= 0 && y < LINES && x >= 0 && cols <= CELLS_MAX &&
	    x + cols <= COLS) {
		c = cells_slot(h, attr);
		if (cells_there(c, untrusted, cols, pad, attr, y, x))
			return c->w;
	}
	w = draw_fresh(win, y, x, cols, untrusted, attr, pad, h);
	if (c)
		cells_keep(c, untrusted, cols, pad, attr, y, x, w);
	return w;
}

void draw_text(WINDOW *win, int y, int x, int cols, const char *untrusted, int attr)
{
	draw_common(win, y, x, cols, untrusted, attr, true);
}

int draw_text_np(WINDOW *win, int y, int x, int cols, const char *untrusted, int attr)
{
	return draw_common(win, y, x, cols, untrusted, attr, false);
}

void draw_blank(WINDOW *win, int y, int x, int cols, int attr)
{
	draw_common(win, y, x, cols, "", attr, true);
}

int draw_width(const char *untrusted)
{
	size_t len;
	char *safe;
	struct memo *m;
	int w;

	if (!untrusted)
		return 0;
	if (plain_ascii(untrusted, &len))
		return (int)len;
	m = memo_slot(key_hash(untrusted, DRAW_MEMO_WIDTH, false));
	if (memo_hit(m, untrusted, DRAW_MEMO_WIDTH, false))
		return m->w;
	safe = safe_text(untrusted);
	w = text_width(safe);
	free(safe);
	memo_set(m, untrusted, DRAW_MEMO_WIDTH, false, NULL, w);
	return w;
}

/* ---- a line of cells (draw_line) ---- */

/* Draw one cell and move x past it and its gap. */
static void cell(int y, int *x, int w, const char *s, int attr, int width)
{
	if (w <= 0 || *x >= width)
		return;
	if (*x + w > width)
		w = width - *x;
	draw_text(NULL, y, *x, w, s, attr);
	*x += w;
	if (*x < width) {
		draw_text(NULL, y, *x, 1, " ", attr);
		*x += 1;
	}
}

/* Right-aligned cell. */
static void rcell(int y, int *x, int w, const char *s, int attr, int width)
{
	char buf[32];
	int sw = draw_width(s);

	if (sw < w && w < (int)sizeof buf) {
		snprintf(buf, sizeof buf, "%*s%s", w - sw, "", s);
		cell(y, x, w, buf, attr, width);
	} else {
		cell(y, x, w, s, attr, width);
	}
}

void draw_cells_add(struct draw_cells *l, int w, const char *s, int attr, bool right)
{
	if (l->n < DRAW_CELLS_MAX) {
		l->c[l->n].s = s ? s : "";
		l->c[l->n].w = w;
		l->c[l->n].attr = attr;
		l->c[l->n].right = right;
		l->n++;
	}
}

bool draw_rec_put(char *buf, size_t cap, size_t *len, const void *p, size_t n)
{
	if (*len + n > cap)
		return false;
	memcpy(buf + *len, p, n);
	*len += n;
	return true;
}

/* Everything the line's drawing depends on, in buf; 0: does not fit. */
static size_t line_record(const struct draw_cells *l, int width, char *buf, size_t cap)
{
	int head[4] = { width, l->n, l->blank, ascii_only };
	size_t len = 0;

	if (!draw_rec_put(buf, cap, &len, head, sizeof head))
		return 0;
	for (int i = 0; i < l->n; i++) {
		int v[3] = { l->c[i].w, l->c[i].attr, l->c[i].right };

		if (!draw_rec_put(buf, cap, &len, v, sizeof v) ||
		    !draw_rec_put(buf, cap, &len, l->c[i].s, strlen(l->c[i].s) + 1))
			return 0;
	}
	return len;
}

void draw_cells(const struct draw_cells *l, int y, int width)
{
	char rec[2048];
	size_t len = line_record(l, width, rec, sizeof rec);
	int x = 0;

	if (len && draw_line_same(y, width, rec, len))
		return;
	for (int i = 0; i < l->n; i++)
		(l->c[i].right ? rcell : cell)(y, &x, l->c[i].w, l->c[i].s, l->c[i].attr, width);
	if (x < width)
		draw_blank(NULL, y, x, width - x, l->blank);
	if (len)
		draw_line_keep(y, width, rec, len);
}
