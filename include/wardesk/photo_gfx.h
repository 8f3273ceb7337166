/* photo_gfx.h - a photo as pixel graphics (sixel or kitty) for the
 * full-screen photo view (issue 16 section 1): which way to draw it here,
 * and the escape string libchafa makes from the decoded pixels.
 *
 * The terminal is recognised with libchafa's terminal database
 * (chafa_term_db_detect over the environment: foot, mlterm, yaft and
 * WezTerm draw sixels, kitty its own graphics; xterm, VTE and the rest
 * are not listed as able to, and get symbols, as does anything inside tmux
 * or screen, which do not pass the images on).  The string holds only
 * what chafa makes of pixels: no byte of the case's text reaches it.
 *
 * Nothing here touches curses.  Layer: base. */
#ifndef WARDESK_PHOTO_GFX_H
#define WARDESK_PHOTO_GFX_H

#include "wardesk/photo.h"

/* How the full screen draws a photo. */
enum photo_gfx { PHOTO_GFX_SYMBOLS, PHOTO_GFX_SIXEL, PHOTO_GFX_KITTY };

/* The photo-graphics setting. */
enum photo_gfx_pref { PHOTO_PREF_AUTO, PHOTO_PREF_SIXEL, PHOTO_PREF_KITTY, PHOTO_PREF_SYMBOLS };

/* What is known of the terminal and the desk's display settings. */
struct photo_term {
	bool tty;        /* stdout is the terminal */
	bool dumb;       /* TERM unset, empty or "dumb" */
	bool no_color;   /* NO_COLOR set and not empty */
	bool mono;       /* the monochrome theme (no colours) */
	bool sixel;      /* the terminal database says it draws sixels */
	bool kitty;      /* ... or kitty's graphics */
};

/* "auto", "sixel", "kitty", "symbols" (any case); false for anything else.
 * out may be NULL (only check). */
bool photo_gfx_pref_parse(const char *s, enum photo_gfx_pref *out);

/* The way to draw: symbols whenever pixels must not be written (not a
 * terminal, TERM dumb, NO_COLOR, monochrome) or the setting says symbols;
 * a forced sixel or kitty otherwise; auto: kitty, then sixel, where the
 * terminal database lists them, else symbols. */
enum photo_gfx photo_gfx_choose(enum photo_gfx_pref pref, const struct photo_term *t);

/* Fill t's tty, dumb, no_color, sixel and kitty from the environment and
 * stdout (mono is the caller's: it knows the theme). */
void photo_term_detect(struct photo_term *t);

/* One cell's size in pixels: TIOCGWINSZ's pixel size over its cells when
 * the terminal tells it, else 10 x 20. */
void photo_term_cell_pixels(int *w, int *h);

/* The escape string drawing img as sixels or kitty graphics, fitted (aspect
 * kept, enlarged to fill) into cols x rows cells of cell_w x cell_h pixels;
 * *out_cols, *out_rows get the cells it covers.  Sixels are pixels of the
 * terminal (the whole space: 0.5-1.1 MB, 80-600 ms on this machine for
 * 53x20 to 152x57 cells from a 640x480 photo); kitty gets the photo's own
 * pixels at most and enlarges them to the cells itself (1.1-1.7 MB, under
 * 15 ms).  NULL when g is PHOTO_GFX_SYMBOLS or a size is out of range.
 * Caller frees. */
char *photo_gfx_seq(const struct photo_img *img, enum photo_gfx g, int cols, int rows, int cell_w,
                    int cell_h, int *out_cols, int *out_rows);

#endif
