/* screen_detail_photo.h - the case detail's photo on the whole screen
 * (the photo key, issue 16 section 1): the cells fill the body, the link
 * sanitised on the last line; when the photo cannot be drawn, why.
 *
 * Layer: front (a part of screen_detail.c).  Ownership: the struct is the
 * detail's; detail_photo_free frees its cells. */
#ifndef WARDESK_SCREEN_DETAIL_PHOTO_H
#define WARDESK_SCREEN_DETAIL_PHOTO_H

#include "wardesk/photo.h"

struct ui;

/* Below this many terminal lines the detail gives the photo one line of
 * text and the photo key shows it. */
#define DETAIL_PHOTO_MIN_LINES 30

struct detail_photo {
	bool on;
	struct photo_cells cells;
	int want_cols, want_rows;     /* the space the cells were made for */
	const struct photo_img *img;  /* the image they were made from */
	char key[512];                /* and its source (an evicted slot is reused) */
	bool pixels;                  /* shown as pixel graphics since opened */
	char caption[96];             /* before the link on the last line ("" none) */
};

/* Start showing url's photo (an error on the status line when the case
 * has no photo). */
void detail_photo_open(struct ui *ui, struct detail_photo *p, const char *url);
/* Draw every cell of lines top .. top+rows-1: symbols, or (photo-graphics,
 * photo_view_graphics) blank lines with the photo's sixels or kitty
 * image handed to the console to write over them (ui_pixels): curses
 * cannot hold pixels in its cells, so they are drawn past it and the next
 * key takes them away. */
void detail_photo_draw(struct ui *ui, struct detail_photo *p, const char *url, int top, int rows);
void detail_photo_free(struct detail_photo *p);

#endif
