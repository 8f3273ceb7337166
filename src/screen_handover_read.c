/* screen_handover_read.c - the whole of one handover, as the incoming
 * officer reads it before acknowledging or declining (screen_handover.c's
 * reading mode): who wrote it and when, the note (every line, wrapped
 * between words at the screen's width), each case
 * handed over with its summary, deadline and call-back mark, and the cases
 * kept back.  Drawing only; the keys are the handover screen's. */
#include "wardesk/wardesk.h"

#include "wardesk/draw.h"
#include "wardesk/text.h"
#include "wardesk/screen_handover_read.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"

struct line { char *s; int attr; };
struct lines { struct line *v; size_t n, cap; };

static void add(struct lines *l, int attr, const char *fmt, ...) WD_PRINTF(3, 4);
static void add(struct lines *l, int attr, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = xstrdup("");
	va_end(ap);
	if (l->n == l->cap)
		l->v = xreallocarray(l->v, l->cap = l->cap ? l->cap * 2 : 32, sizeof *l->v);
	l->v[l->n].s = s;
	l->v[l->n++].attr = attr;
}

static void add_case(struct lines *l, const struct wd_handover_case *c, time_t now)
{
	time_t due = c->deadline_now ? c->deadline_now : c->deadline_at;
	char left[32], at[16];

	countdown_format(now, due, left, sizeof left);
	time_hhmm(due, at, sizeof at);
	add(l, ui_attr(c->included ? EL_DEFAULT : EL_DIM), "   %-9s %-5s %s %s (%s)  %s%s",
	    c->ref, c->category ? c->category : "", _("due"), at, left,
	    c->callback_wanted ? _("☎ call back · ") : "", c->description ? c->description : "");
	if (c->address && *c->address)
		add(l, ui_attr(EL_DIM), "             %s", c->address);
}

static void build(struct lines *l, const struct wd_handover *h, time_t now, int width)
{
	char t[16], s[16];
	const char *p = h->note ? h->note : "";
	size_t i, n_in = 0, n_out = 0;

	time_hhmm(h->created_at, t, sizeof t);
	time_hhmm(h->shift_started, s, sizeof s);
	add(l, ui_attr(EL_TITLE) | (int)A_BOLD, _(" Handover #%lld from %s (%s), written %s"),
	    (long long)h->id, h->from_name ? h->from_name : "?", h->from ? h->from : "?", t);
	if (h->shift_started)
		add(l, ui_attr(EL_DIM), _(" Their shift began at %s"), s);
	add(l, ui_attr(EL_TITLE), "%s", _(" Note:"));
	while (*p) {
		size_t len = strcspn(p, "\n");
		char *one = xstrndup(p, len), **w = text_wrap(one, width - 6);

		/* wrapped between words: a long line is read whole, by scrolling */
		if (!w || !w[0])
			add(l, ui_attr(EL_DEFAULT), "%s", "   │");
		for (size_t k = 0; w && w[k]; k++)
			add(l, ui_attr(EL_DEFAULT), "   │ %s", w[k]);
		text_lines_free(w);
		free(one);
		p += len + (p[len] == '\n');
	}
	for (i = 0; i < h->ncases; i++)
		h->cases[i].included ? n_in++ : n_out++;
	add(l, ui_attr(EL_TITLE), _(" Cases handed over to you (%zu):"), n_in);
	for (i = 0; i < h->ncases; i++)
		if (h->cases[i].included)
			add_case(l, &h->cases[i], now);
	if (n_out) {
		add(l, ui_attr(EL_TITLE), _(" Kept back by %s (%zu):"), h->from ? h->from : "?", n_out);
		for (i = 0; i < h->ncases; i++)
			if (!h->cases[i].included)
				add_case(l, &h->cases[i], now);
	}
}

void ho_read_draw(const struct wd_handover *h, time_t now, int top, int rows, long *scroll)
{
	struct lines l = { 0 };
	int y = top, bottom = top + rows, width = COLS;

	build(&l, h, now, width);
	if (*scroll > (long)l.n - (rows > 1 ? rows - 1 : 1))
		*scroll = (long)l.n - (rows > 1 ? rows - 1 : 1);
	if (*scroll < 0)
		*scroll = 0;
	for (size_t i = (size_t)*scroll; i < l.n && y < bottom - 1; i++)
		draw_text(NULL, y++, 0, width, l.v[i].s, l.v[i].attr);
	while (y < bottom - 1)
		draw_blank(NULL, y++, 0, width, ui_attr(EL_DEFAULT));
	if (y < bottom) {
		char buf[256], ka[32], kd[32], kb[32];

		/* ui_key_for's buffer is static: one at a time */
		snprintf(ka, sizeof ka, "%s", ui_key_for(KM_HANDOVER, ACT_HO_ACK));
		snprintf(kd, sizeof kd, "%s", ui_key_for(KM_HANDOVER, ACT_HO_DECLINE));
		snprintf(kb, sizeof kb, "%s", ui_key_for(KM_GENERIC, ACT_BACK));
		snprintf(buf, sizeof buf, _(" %s acknowledges (the cases become yours) · %s declines, with a note · %s back"),
		         ka, kd, kb);
		draw_text(NULL, y, 0, width, buf, ui_attr(EL_TITLE) | (int)A_BOLD);
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i].s);
	free(l.v);
}
