/* screen_detail_photo.c - the detail's photo on the whole screen
 * (screen_detail_photo.h). */
#include "wardesk/wardesk.h"

#include "wardesk/draw.h"
#include "wardesk/photo_encode.h"
#include "wardesk/photo_fetch.h"
#include "wardesk/photo_view.h"
#include "wardesk/screen_detail_photo.h"
#include "wardesk/theme.h"
#include "wardesk/ui.h"

void detail_photo_open(struct ui *ui, struct detail_photo *p, const char *url)
{
	if (!url) {
		ui_error(ui, "%s", _("this report has no photo"));
		return;
	}
	p->on = true;
	p->img = NULL;   /* make the cells again */
	p->pixels = false;
	p->caption[0] = '\0';
}

void detail_photo_free(struct detail_photo *p)
{
	photo_encode_cancel();
	photo_cells_free(&p->cells);
	p->img = NULL;
	p->on = false;
}

/* The cells for img in cols x rows, made again only when either changed. */
static bool cells_for(struct detail_photo *p, const char *key, const struct photo_img *img, int cols,
                      int rows)
{
	int w, h;

	if (p->img == img && !strcmp(p->key, key) && p->want_cols == cols && p->want_rows == rows &&
	    p->cells.v)
		return true;
	photo_cells_free(&p->cells);
	p->img = img;
	snprintf(p->key, sizeof p->key, "%s", key);
	p->want_cols = cols;
	p->want_rows = rows;
	photo_fit(img, cols, rows, &w, &h);
	return photo_cells(img, w, h, photo_view_palette(), &p->cells);
}

/* The last line: what (when not ""), the caption (photo 2 of 3), the link. */
static void bottom_line(const struct detail_photo *p, int y, const char *what, const char *url)
{
	char line[640];

	snprintf(line, sizeof line, "%s%s%s%s%s", what, *what ? " · " : "", p->caption,
	         p->caption[0] ? " · " : "", url ? url : "");
	draw_text(NULL, y, 1, COLS - 1, line, ui_attr(EL_DIM));
}

/* Sixels or kitty graphics of img, once per opening, written by the
 * console after this frame (ui_pixels); the last line says how to leave.
 * The string is made on photo_encode's thread: until it comes, a line
 * says so, and the keys that leave the symbols' full screen leave this
 * one (a string that comes later is kept for the next opening at this
 * size, photo_encode.h).  false: draw symbols. */
static bool pixels_for(struct ui *ui, struct detail_photo *p, const char *url,
                       const struct photo_img *img, int top, int rows)
{
	enum photo_gfx g = photo_view_graphics();
	const char *gname = g == PHOTO_GFX_KITTY ? "kitty" : "sixel";
	char line[320], *seq;
	int cw, ch, cols = 0, prow = 0;

	if (g == PHOTO_GFX_SYMBOLS)
		return false;
	if (!p->pixels) {
		photo_term_cell_pixels(&cw, &ch);
		switch (photo_encode_get(url, img, g, COLS, rows - 1, cw, ch, &seq, &cols, &prow)) {
		case PHOTO_ENC_FAILED:
			return false;
		case PHOTO_ENC_BUSY:   /* the keys of the symbols' screen meanwhile */
			snprintf(line, sizeof line, _("Photo: preparing %s graphics…"), gname);
			draw_text(NULL, top + rows / 2 - 1, 1, COLS - 1, line, ui_attr(EL_TITLE));
			bottom_line(p, top + rows - 1, "", url);
			return true;
		case PHOTO_ENC_READY:
			ui_pixels(ui, seq, top, (COLS - cols) / 2, g == PHOTO_GFX_KITTY);
			p->pixels = true;
			break;
		}
	}
	snprintf(line, sizeof line, _("%s graphics; any key returns"), gname);
	bottom_line(p, top + rows - 1, line, url);
	return true;
}

void detail_photo_draw(struct ui *ui, struct detail_photo *p, const char *url, int top, int rows)
{
	const struct photo_img *img = NULL;
	char why[192] = "", line[320];
	enum photo_state s = PHOTO_FAILED;
	int y, x0;

	for (y = top; y < top + rows; y++)
		draw_blank(NULL, y, 0, COLS, ui_attr(EL_DEFAULT));
	if (rows < 2)
		return;
	if (!photo_view_possible(why, sizeof why))
		snprintf(line, sizeof line, _("Photo not drawn: %s"), why);
	else if ((s = photo_get(url, &img, why, sizeof why)) == PHOTO_FETCHING)
		snprintf(line, sizeof line, "%s", why[0] ? why : _("Photo: fetching…"));
	else if (s == PHOTO_FAILED)
		snprintf(line, sizeof line, _("Photo not shown: %s"), why);
	else if (pixels_for(ui, p, url, img, top, rows))
		return;
	else if (!cells_for(p, url, img, COLS, rows - 1))
		snprintf(line, sizeof line, "%s", _("Photo not drawn: no room"));
	else
		line[0] = '\0';
	if (line[0]) {
		draw_text(NULL, top + rows / 2 - 1, 1, COLS - 1, line, ui_attr(EL_TITLE));
	} else {
		x0 = (COLS - p->cells.cols) / 2;
		for (y = 0; y < p->cells.rows; y++)
			photo_view_row(top + y, x0, &p->cells, y);
	}
	bottom_line(p, top + rows - 1, "", url);
}
