/* photo_gfx.c - a photo as sixel or kitty graphics (photo_gfx.h).
 *
 * chafa (and GLib through it) is loaded when a photo is first shown
 * (dynlib.h); without it the terminal gets symbols and no sequence. */
#include "wardesk/wardesk.h"

#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "wardesk/chafa_lib.h"
#include "wardesk/photo_gfx.h"


static const char *const pref_names[] = {
	[PHOTO_PREF_AUTO] = "auto",
	[PHOTO_PREF_SIXEL] = "sixel",
	[PHOTO_PREF_KITTY] = "kitty",
	[PHOTO_PREF_SYMBOLS] = "symbols",
};

bool photo_gfx_pref_parse(const char *s, enum photo_gfx_pref *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(pref_names); i++)
		if (s && !strcasecmp(s, pref_names[i])) {
			if (out)
				*out = (enum photo_gfx_pref)i;
			return true;
		}
	return false;
}

enum photo_gfx photo_gfx_choose(enum photo_gfx_pref pref, const struct photo_term *t)
{
	if (!t->tty || t->dumb || t->no_color || t->mono)
		return PHOTO_GFX_SYMBOLS;
	switch (pref) {
	case PHOTO_PREF_SIXEL: return PHOTO_GFX_SIXEL;
	case PHOTO_PREF_KITTY: return PHOTO_GFX_KITTY;
	case PHOTO_PREF_AUTO:
		return t->kitty ? PHOTO_GFX_KITTY : t->sixel ? PHOTO_GFX_SIXEL : PHOTO_GFX_SYMBOLS;
	case PHOTO_PREF_SYMBOLS: break;
	}
	return PHOTO_GFX_SYMBOLS;
}

void photo_term_detect(struct photo_term *t)
{
	const char *term = getenv("TERM"), *nc = getenv("NO_COLOR"), *tmux = getenv("TMUX"),
	           *sty = getenv("STY");
	bool muxed = (tmux && *tmux) || (sty && *sty);
	bool lib = chafa_lib_load(NULL, 0);
	gchar **env = lib ? CH.get_environ() : NULL;
	ChafaTermInfo *ti = lib ? CH.db_detect(CH.db_default(), env) : NULL;

	t->tty = isatty(STDOUT_FILENO) == 1;
	t->dumb = !term || !*term || !strcmp(term, "dumb");
	t->no_color = nc && *nc;
	/* Inside tmux or screen a TERM or TERM_PROGRAM left from the outer
	 * terminal can name one that draws pixels; the multiplexer in between
	 * (tmux 3.3 here) drops them: symbols unless forced. */
	t->sixel = ti && !muxed && CH.ti_have(ti, CHAFA_TERM_SEQ_BEGIN_SIXELS);
	t->kitty = ti && !muxed &&
	           CH.ti_have(ti, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1);
	if (ti)
		CH.ti_unref(ti);
	if (env)
		CH.strfreev(env);
}

void photo_term_cell_pixels(int *w, int *h)
{
	struct winsize ws;

	*w = 10;
	*h = 20;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_xpixel && ws.ws_ypixel && ws.ws_col &&
	    ws.ws_row && ws.ws_xpixel / ws.ws_col > 0 && ws.ws_ypixel / ws.ws_row > 0) {
		*w = ws.ws_xpixel / ws.ws_col;
		*h = ws.ws_ypixel / ws.ws_row;
	}
}

char *photo_gfx_seq(const struct photo_img *img, enum photo_gfx g, int cols, int rows, int cell_w,
                    int cell_h, int *out_cols, int *out_rows)
{
	ChafaCanvasConfig *cfg;
	ChafaCanvas *cv;
	ChafaTermInfo *ti;
	GString *s;
	gint w = cols, h = rows;
	char *out;

	if (g == PHOTO_GFX_SYMBOLS || cols < 1 || rows < 1 || cols > 1000 || rows > 1000 ||
	    cell_w < 1 || cell_h < 1 || cell_w > 100 || cell_h > 200 || !img->rgba || img->w < 1 ||
	    img->h < 1 || !chafa_lib_load(NULL, 0))
		return NULL;
	CH.geometry(img->w, img->h, &w, &h, (gfloat)cell_w / (gfloat)cell_h, TRUE,
	                           FALSE);
	*out_cols = w < 1 ? 1 : w > cols ? cols : w;
	*out_rows = h < 1 ? 1 : h > rows ? rows : h;
	if (CH.n_threads() != 1)   /* as photo_cells: on this thread */
		CH.set_n_threads(1);
	cfg = CH.cfg_new();
	CH.cfg_pixel(cfg, g == PHOTO_GFX_KITTY ? CHAFA_PIXEL_MODE_KITTY
	                                                             : CHAFA_PIXEL_MODE_SIXELS);
	CH.cfg_geometry(cfg, *out_cols, *out_rows);
	if (g == PHOTO_GFX_KITTY && img->w < *out_cols * cell_w) {
		/* kitty scales the image to its c= x r= cells itself: send the
		 * photo's own pixels, not an enlargement (4 bytes a pixel) */
		double k = (double)img->w / (*out_cols * cell_w);

		cell_w = (int)(cell_w * k + 0.5) > 0 ? (int)(cell_w * k + 0.5) : 1;
		cell_h = (int)(cell_h * k + 0.5) > 0 ? (int)(cell_h * k + 0.5) : 1;
	}
	CH.cfg_cell(cfg, cell_w, cell_h);
	cv = CH.cv_new(cfg);
	CH.cv_draw(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, img->rgba, img->w, img->h,
	                             img->w * 4);
	/* The fallback terminal has every sequence: the mode was chosen
	 * already (a forced mode on a terminal the database does not know). */
	ti = CH.db_fallback(CH.db_default());
	s = CH.cv_print(cv, ti);
	out = xstrdup(s->str);
	CH.string_free(s, TRUE);
	CH.ti_unref(ti);
	CH.cv_unref(cv);
	CH.cfg_unref(cfg);
	return out;
}
