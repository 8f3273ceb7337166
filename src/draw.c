/* draw.c - sanitise, fit and draw text (see draw.h). */
#include "wardesk/wardesk.h"

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

static int draw_common(WINDOW *win, int y, int x, int cols, const char *untrusted, int attr,
                       bool pad)
{
	char stackbuf[512];
	size_t len;
	char *safe, *fit;
	int w;

	if (cols <= 0)
		return 0;
	if (!untrusted)
		untrusted = "";
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
	safe = text_sanitize(untrusted, false);
	if (!safe)
		safe = xstrdup("?");
	if (ascii_only) {
		char *a = text_ascii(safe);

		free(safe);
		safe = a;
	}
	fit = text_fit(safe, cols, pad, !ascii_only);
	if (ascii_only && text_width(safe) > cols && cols > 0 && fit[0]) {
		size_t fl = strlen(fit), cut = (size_t)cols - 1;

		if (cut < fl)
			fit[cut] = '~';   /* the cut, as the ASCII path marks it */
	}
	free(safe);
	if (!fit)
		return 0;
	w = text_width(fit);
	put(win, y, x, fit, attr);
	free(fit);
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
	int w;

	if (!untrusted)
		return 0;
	if (plain_ascii(untrusted, &len))
		return (int)len;
	safe = text_sanitize(untrusted, false);
	if (!safe)
		return 0;
	if (ascii_only) {
		char *a = text_ascii(safe);

		free(safe);
		safe = a;
	}
	w = text_width(safe);
	free(safe);
	return w;
}
