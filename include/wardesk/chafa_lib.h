/* chafa_lib.h - chafa's functions, loaded when first used (dynlib.h).
 *
 * photo.c (symbols drawn as cells) and photo_gfx.c (sixel and kitty
 * sequences) draw with the same library; this is its one table, so both
 * load it once and name each function once.  GLib's functions that chafa
 * hands back (an environment, a GString) are found through it. */
#ifndef WARDESK_CHAFA_LIB_H
#define WARDESK_CHAFA_LIB_H

#include <chafa.h>

#include "wardesk/dynlib.h"

#define CHAFA_FNS(X) \
	X(geometry, chafa_calc_canvas_geometry) X(n_threads, chafa_get_n_threads) \
	X(set_n_threads, chafa_set_n_threads) X(sm_new, chafa_symbol_map_new) \
	X(sm_add, chafa_symbol_map_add_by_tags) X(sm_remove, chafa_symbol_map_remove_by_tags) \
	X(sm_unref, chafa_symbol_map_unref) X(cfg_new, chafa_canvas_config_new) \
	X(cfg_mode, chafa_canvas_config_set_canvas_mode) \
	X(cfg_pixel, chafa_canvas_config_set_pixel_mode) \
	X(cfg_geometry, chafa_canvas_config_set_geometry) \
	X(cfg_cell, chafa_canvas_config_set_cell_geometry) \
	X(cfg_symbols, chafa_canvas_config_set_symbol_map) \
	X(cfg_work, chafa_canvas_config_set_work_factor) X(cfg_unref, chafa_canvas_config_unref) \
	X(cv_new, chafa_canvas_new) X(cv_draw, chafa_canvas_draw_all_pixels) \
	X(cv_char, chafa_canvas_get_char_at) X(cv_colors, chafa_canvas_get_raw_colors_at) \
	X(cv_print, chafa_canvas_print) X(cv_unref, chafa_canvas_unref) \
	X(db_default, chafa_term_db_get_default) X(db_detect, chafa_term_db_detect) \
	X(db_fallback, chafa_term_db_get_fallback_info) X(ti_have, chafa_term_info_have_seq) \
	X(ti_unref, chafa_term_info_unref) X(get_environ, g_get_environ) X(strfreev, g_strfreev) \
	X(string_free, g_string_free)

struct chafa_fns {
	CHAFA_FNS(DYNLIB_FIELD)
};

/* Filled by the first successful chafa_lib_load(); calls before it crash. */
extern struct chafa_fns CH;

/* Load libchafa (once).  False when it or one of its functions is missing:
 * why (may be NULL) says which, the same answer on every later call. */
bool chafa_lib_load(char *why, size_t whysz);

#endif
