/* photo_view.c - photo cells onto curses (photo_view.h). */
#include "wardesk/wardesk.h"

#include <curses.h>

#include "wardesk/config.h"
#include "wardesk/draw.h"
#include "wardesk/photo_gfx.h"
#include "wardesk/photo_view.h"
#include "wardesk/theme.h"

/* (fg, bg) -> pair; 0: none yet.  Indices 0..255 and 256 for "default". */
static short pairs[257][257];
static int next_pair;

bool photo_view_possible(char *why, size_t whysz)
{
	const char *nc = getenv("NO_COLOR");

	if (draw_ascii())
		snprintf(why, whysz, "%s", _("the terminal takes no UTF-8"));
	else if (nc && *nc)
		snprintf(why, whysz, "%s", _("NO_COLOR is set"));
	else if (!has_colors() || COLORS < 8)
		snprintf(why, whysz, "%s", _("the terminal has no colours"));
	else if (!theme_in_colour())
		snprintf(why, whysz, "%s", _("the theme has no colours"));
	else
		return true;
	return false;
}

enum photo_gfx photo_view_graphics(void)
{
	static struct photo_term t;
	static bool detected;
	enum photo_gfx_pref pref = PHOTO_PREF_AUTO;

	if (!detected) {   /* the environment and the terminal stay */
		photo_term_detect(&t);
		detected = true;
	}
	t.mono = !theme_in_colour();
	photo_gfx_pref_parse(config_str(SET_PHOTO_GRAPHICS), &pref);
	return photo_gfx_choose(pref, &t);
}

enum photo_palette photo_view_palette(void)
{
	return COLORS >= 256 ? PHOTO_256 : COLORS >= 16 ? PHOTO_16 : PHOTO_8;
}

static short pair_of(int fg, int bg)
{
	int limit = COLOR_PAIRS < 32767 ? COLOR_PAIRS : 32767;
	int f = fg >= 0 && fg < COLORS ? fg : 256, b = bg >= 0 && bg < COLORS ? bg : 256;

	if (next_pair < theme_first_free_pair())
		next_pair = theme_first_free_pair();
	if (pairs[f][b])
		return pairs[f][b];
	if (next_pair >= limit) {   /* all taken: start again (an older photo may change) */
		memset(pairs, 0, sizeof pairs);
		next_pair = theme_first_free_pair();
		if (next_pair >= limit)
			return 0;
	}
	if (init_pair((short)next_pair, (short)(f == 256 ? -1 : f), (short)(b == 256 ? -1 : b)) != OK)
		return 0;
	pairs[f][b] = (short)next_pair;
	return (short)next_pair++;
}

/* Only the characters the symbol map holds: blocks, shades and space. */
static uint32_t safe_char(uint32_t ch)
{
	return (ch >= 0x2580 && ch <= 0x259F) || (ch >= 0x25A0 && ch <= 0x25FF) ? ch : ' ';
}

void photo_view_row(int y, int x, const struct photo_cells *c, int row)
{
	if (row < 0 || row >= c->rows)
		return;
	for (int i = 0; i < c->cols; i++) {
		const struct photo_cell *p = &c->v[(size_t)row * (size_t)c->cols + (size_t)i];
		wchar_t wc[2] = { (wchar_t)safe_char(p->ch), 0 };
		cchar_t cc;

		setcchar(&cc, wc, A_NORMAL, pair_of(p->fg, p->bg), NULL);
		mvadd_wch(y, x + i, &cc);
	}
}
