/* photo_view.h - photo cells (photo.h) onto curses, in the terminal's
 * colours: each cell's (fg, bg) gets a colour pair above the theme's.
 *
 * Layer: UI services. */
#ifndef WARDESK_PHOTO_VIEW_H
#define WARDESK_PHOTO_VIEW_H

#include "wardesk/photo.h"
#include "wardesk/photo_gfx.h"

/* Whether photos can be drawn here; false with the reason, in one line of
 * the user's language, when they cannot (NO_COLOR, monochrome theme, a
 * terminal with fewer than 8 colours, no UTF-8). */
bool photo_view_possible(char *why, size_t whysz);
/* How the full screen draws a photo here: the photo-graphics setting, the
 * terminal (photo_term_detect, once) and the theme (photo_gfx_choose). */
enum photo_gfx photo_view_graphics(void);
/* The palette the cells should use on this terminal. */
enum photo_palette photo_view_palette(void);
/* Draw row `row` of c at (y, x), c->cols cells. */
void photo_view_row(int y, int x, const struct photo_cells *c, int row);

#endif
