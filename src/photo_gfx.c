/* photo_gfx.c - a photo as sixel or kitty graphics (photo_gfx.h).
 *
 * chafa (and GLib through it) is loaded when a photo is first shown
 * (dynlib.h); without it the terminal gets symbols and no sequence. */
#include "wardesk/wardesk.h"

#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <chafa.h>

#include "wardesk/dynlib.h"
#include "wardesk/photo_gfx.h"

#define GX_FNS(X) \
	X(geometry, chafa_calc_canvas_geometry) X(n_threads, chafa_get_n_threads) \
	X(set_n_threads, chafa_set_n_threads) X(cfg_new, chafa_canvas_config_new) \
	X(cfg_pixel, chafa_canvas_config_set_pixel_mode) \
	X(cfg_geometry, chafa_canvas_config_set_geometry) \
	X(cfg_cell, chafa_canvas_config_set_cell_geometry) X(cfg_unref, chafa_canvas_config_unref) \
	X(cv_new, chafa_canvas_new) X(cv_draw, chafa_canvas_draw_all_pixels) \
	X(cv_print, chafa_canvas_print) X(cv_unref, chafa_canvas_unref) \
	X(db_default, chafa_term_db_get_default) X(db_detect, chafa_term_db_detect) \
	X(db_fallback, chafa_term_db_get_fallback_info) X(ti_have, chafa_term_info_have_seq) \
	X(ti_unref, chafa_term_info_unref) X(get_environ, g_get_environ) X(strfreev, g_strfreev) \
	X(string_free, g_string_free)
static struct {
	GX_FNS(DYNLIB_FIELD)
} GX;
#define GX_SYM(field, sym) DYNLIB_SYM(GX, field, sym)
static const struct dynsym gx_syms[] = { GX_FNS(GX_SYM) };
static struct dynlib gx_lib = DYNLIB("libchafa.so.0", gx_syms);

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
	bool lib = dynlib_load(&gx_lib, NULL, 0);
	gchar **env = lib ? GX.get_environ() : NULL;
	ChafaTermInfo *ti = lib ? GX.db_detect(GX.db_default(), env) : NULL;

	t->tty = isatty(STDOUT_FILENO) == 1;
	t->dumb = !term || !*term || !strcmp(term, "dumb");
	t->no_color = nc && *nc;
	/* Inside tmux or screen a TERM or TERM_PROGRAM left from the outer
	 * terminal can name one that draws pixels; the multiplexer in between
	 * (tmux 3.3 here) drops them: symbols unless forced. */
	t->sixel = ti && !muxed && GX.ti_have(ti, CHAFA_TERM_SEQ_BEGIN_SIXELS);
	t->kitty = ti && !muxed &&
	           GX.ti_have(ti, CHAFA_TERM_SEQ_BEGIN_KITTY_IMMEDIATE_IMAGE_V1);
	if (ti)
		GX.ti_unref(ti);
	if (env)
		GX.strfreev(env);
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
	    img->h < 1 || !dynlib_load(&gx_lib, NULL, 0))
		return NULL;
	GX.geometry(img->w, img->h, &w, &h, (gfloat)cell_w / (gfloat)cell_h, TRUE,
	                           FALSE);
	*out_cols = w < 1 ? 1 : w > cols ? cols : w;
	*out_rows = h < 1 ? 1 : h > rows ? rows : h;
	if (GX.n_threads() != 1)   /* as photo_cells: on this thread */
		GX.set_n_threads(1);
	cfg = GX.cfg_new();
	GX.cfg_pixel(cfg, g == PHOTO_GFX_KITTY ? CHAFA_PIXEL_MODE_KITTY
	                                                             : CHAFA_PIXEL_MODE_SIXELS);
	GX.cfg_geometry(cfg, *out_cols, *out_rows);
	if (g == PHOTO_GFX_KITTY && img->w < *out_cols * cell_w) {
		/* kitty scales the image to its c= x r= cells itself: send the
		 * photo's own pixels, not an enlargement (4 bytes a pixel) */
		double k = (double)img->w / (*out_cols * cell_w);

		cell_w = (int)(cell_w * k + 0.5) > 0 ? (int)(cell_w * k + 0.5) : 1;
		cell_h = (int)(cell_h * k + 0.5) > 0 ? (int)(cell_h * k + 0.5) : 1;
	}
	GX.cfg_cell(cfg, cell_w, cell_h);
	cv = GX.cv_new(cfg);
	GX.cv_draw(cv, CHAFA_PIXEL_RGBA8_UNASSOCIATED, img->rgba, img->w, img->h,
	                             img->w * 4);
	/* The fallback terminal has every sequence: the mode was chosen
	 * already (a forced mode on a terminal the database does not know). */
	ti = GX.db_fallback(GX.db_default());
	s = GX.cv_print(cv, ti);
	out = xstrdup(s->str);
	GX.string_free(s, TRUE);
	GX.ti_unref(ti);
	GX.cv_unref(cv);
	GX.cfg_unref(cfg);
	return out;
}
