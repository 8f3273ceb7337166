/* draw.h - the only way text reaches curses.
 *
 * Every string drawn by the console goes through here: it is sanitised
 * (text_sanitize: no control character, escape sequence, C1 control, bidi
 * override or invalid byte survives), cut at a character boundary to the
 * columns given (text_fit, aligned by display width) and only then handed
 * to curses as valid UTF-8.  Nothing from the database is ever passed to
 * curses in any other way.
 *
 * win may be NULL for stdscr.  attr is a curses attribute (theme_attr()). */
#ifndef WARDESK_DRAW_H
#define WARDESK_DRAW_H

#include <curses.h>

/* Draw untrusted text at (y, x), exactly cols columns wide: cut with an
 * ellipsis when longer, padded with spaces when shorter. */
void draw_text(WINDOW *win, int y, int x, int cols, const char *untrusted, int attr);

/* Like draw_text but without padding; returns the columns drawn. */
int draw_text_np(WINDOW *win, int y, int x, int cols, const char *untrusted, int attr);

/* cols blank cells with attr. */
void draw_blank(WINDOW *win, int y, int x, int cols, int attr);

/* Display width of untrusted text once sanitised. */
int draw_width(const char *untrusted);

/* Move lines y0 .. y0 + rows - 1 of stdscr down by n (up when n < 0),
 * blank lines coming in: a list whose rows moved keeps the cells it drew,
 * and drawing the same rows again at their new lines then costs nothing
 * (draw.c remembers what each call drew and skips a call whose cells are
 * there already). */
void draw_scroll(int y0, int rows, int n);

/* Whole lines of stdscr, columns 0 .. cols - 1: rec is everything the
 * caller's drawing of line y depends on (the strings, columns and
 * attributes of its draw calls, serialised).  draw_line_same: the line
 * holds exactly what it held after draw_line_keep with the same record,
 * so drawing it again would change nothing (the caller skips it).  Call
 * draw_line_keep right after drawing the whole line.  draw_scroll moves
 * the records with the lines. */
bool draw_line_same(int y, int cols, const void *rec, size_t len);
void draw_line_keep(int y, int cols, const void *rec, size_t len);

/* A line of cells, left to right, each w columns and a one-column gap
 * (right: aligned right in its columns), the rest of the line blank in
 * attribute blank: the queue's rows and headings.  draw_cells draws it
 * unless the line holds it already (draw_line_same: its record is every
 * cell's text, columns and attribute). */
#define DRAW_CELLS_MAX 12

struct draw_cells {
	int n, blank;
	struct { const char *s; int w, attr; bool right; } c[DRAW_CELLS_MAX];
};

void draw_cells_add(struct draw_cells *l, int w, const char *s, int attr, bool right);
void draw_cells(const struct draw_cells *l, int y, int width);

/* Append n bytes at p to a record (buf, cap bytes, *len used); false when
 * they do not fit. */
bool draw_rec_put(char *buf, size_t cap, size_t *len, const void *p, size_t n);

/* A terminal that takes no UTF-8 (console.c decides): from now on every
 * string is drawn in ASCII (text_ascii: "Phuong Binh Thanh", "..." ), a cut
 * marked "~".  draw_ascii says whether it is on. */
void draw_set_ascii(bool on);
bool draw_ascii(void);

#endif
