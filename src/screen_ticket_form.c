/* screen_ticket_form.c - the phone-ticket form's state as it is shown
 * (screen_ticket_form.h): which category the text names, the keys of the
 * form, and drawing the fields, the category list and the earlier cases of
 * the caller's number.  screen_ticket.c (the screen: editing, saving, keys)
 * calls down into this file, never the other way. */
#include "wardesk/wardesk.h"

#include <strings.h>

#include "wardesk/draw.h"
#include "wardesk/phone.h"
#include "wardesk/prompt.h"
#include "wardesk/screen_ticket_form.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

/* The category whose code the field holds (spaces and case ignored), -1. */
long ticket_cat_index(const struct ticket *t)
{
	const char *v = t->val[F_CATEGORY];
	size_t len;

	if (!t->have_cats)
		return -1;
	v += strspn(v, " \t");
	len = strcspn(v, " \t");
	if (!len || v[len + strspn(v + len, " \t")])
		return -1;
	for (size_t i = 0; i < t->cats.n; i++)
		if (strlen(t->cats.v[i].code) == len && !strncasecmp(t->cats.v[i].code, v, len))
			return (long)i;
	return -1;
}

static const char *const field_label[F_COUNT] = {
	N_("Caller name"), N_("Phone"), N_("Hotline line"), N_("Address"), N_("Category"),
	N_("Description"), N_("Call back"),
};

struct keyname ticket_key_of(enum action_id act)
{
	struct keyname k;

	snprintf(k.s, sizeof k.s, "%s", ui_key_for(KM_FORM, act));
	return k;
}

static void draw_choice(int y, int x, int width, bool on, const char *label, int attr, int *used)
{
	char buf[256];
	int w;

	if (x >= width)
		return;
	snprintf(buf, sizeof buf, "%s %s   ", on ? "(*)" : "( )", label);
	w = draw_text_np(NULL, y, x, width - x, buf, attr | (on ? (int)A_BOLD : 0));
	*used = x + w;
}

static void draw_field(struct ui *ui, struct ticket *t, enum field f, int y, int width)
{
	bool focused = t->focus == f;
	int base = ui_attr(EL_DEFAULT), vattr = focused ? ui_attr(EL_CURSOR) : base;
	int vw = width - VALUE_X, x = VALUE_X;
	char buf[256];

	draw_text(NULL, y, 0, LABEL_X, focused ? " > " : "", ui_attr(focused ? EL_CURSOR : EL_DEFAULT));
	draw_text(NULL, y, LABEL_X, VALUE_X - LABEL_X - 1, _(field_label[f]),
	          ui_attr(EL_TITLE) | (focused ? (int)A_BOLD : 0));
	draw_text(NULL, y, VALUE_X - 1, 1, "", base);
	if (vw < 3)
		return;
	if (focused && prompt_field_active(t)) {
		prompt_draw_field(ui, y, VALUE_X, vw, ui_attr(EL_PROMPT));
		return;
	}
	switch (f) {
	case F_LINE:
		draw_choice(y, x, width, t->line == LINE_POLICE, _("ward police"), vattr, &x);
		draw_choice(y, x, width, t->line == LINE_COMMITTEE, _("ward committee"), vattr, &x);
		if (x < width)
			draw_blank(NULL, y, x, width - x, base);
		return;
	case F_CALLBACK:
		snprintf(buf, sizeof buf, "%s %s", t->callback ? "[x]" : "[ ]",
		         t->callback ? _("yes, call the caller back") : _("no"));
		x += draw_text_np(NULL, y, x, vw, buf, vattr);
		if (x < width)
			draw_blank(NULL, y, x, width - x, base);
		return;
	case F_PHONE: {
		char norm[128], pretty[64];
		enum phone_kind k = phone_normalize(t->val[f], norm, sizeof norm);

		x += draw_text_np(NULL, y, x, vw, t->val[f], vattr);
		if (k != PHONE_INVALID && x + 4 < width) {
			phone_format(norm, pretty, sizeof pretty);
			snprintf(buf, sizeof buf, "  %s · %s", pretty,
			         k == PHONE_MOBILE ? _("mobile") : _("landline"));
			x += draw_text_np(NULL, y, x, width - x, buf, ui_attr(EL_DIM));
		}
		if (x < width)
			draw_blank(NULL, y, x, width - x, base);
		return;
	}
	case F_CATEGORY: {
		long i = ticket_cat_index(t);

		x += draw_text_np(NULL, y, x, vw, t->val[f], vattr);
		if (i >= 0 && x + 4 < width)
			x += draw_text_np(NULL, y, x, width - x, "  ", base) +
			     draw_text_np(NULL, y, x + 2, width - x - 2, t->cats.v[i].name_vi, ui_attr(EL_DIM));
		if (x < width)
			draw_blank(NULL, y, x, width - x, base);
		return;
	}
	default:
		draw_text(NULL, y, x, vw, t->val[f], vattr);
		return;
	}
}

static void draw_categories(struct ui *ui, struct ticket *t, int y, int rows, int width)
{
	long cur = ticket_cat_index(t);
	char buf[512];

	snprintf(buf, sizeof buf, _(" Categories (type the code; Tab completes; %s / %s choose)"),
	         ticket_key_of(ACT_FORM_SEL_NEXT).s, ticket_key_of(ACT_FORM_SEL_PREV).s);
	draw_text(NULL, y, 0, width, buf, ui_attr(EL_TITLE));
	for (int i = 1; i < rows; i++) {
		size_t k = (size_t)(i - 1);
		const struct wd_category *c;

		if (k >= t->cats.n) {
			draw_blank(NULL, y + i, 0, width, ui_attr(EL_DEFAULT));
			continue;
		}
		c = &t->cats.v[k];
		snprintf(buf, sizeof buf, " %s %-6s %s · %s · %d min", (long)k == cur ? ">" : " ",
		         c->code, c->name_vi ? c->name_vi : "", c->name_en ? c->name_en : "",
		         c->deadline_min);
		draw_text(NULL, y + i, 0, width, buf,
		          ui_attr((long)k == cur ? EL_CURSOR : EL_DEFAULT));
	}
}

static void draw_earlier(struct ui *ui, struct ticket *t, int y, int rows, int width)
{
	char buf[512], pretty[64];
	long i, n = (long)t->earlier.n;

	phone_format(t->looked_up, pretty, sizeof pretty);
	if (n == 0)
		snprintf(buf, sizeof buf, _(" No earlier case from %s: a new caller"), pretty);
	else
		snprintf(buf, sizeof buf, _(" Earlier cases from %s (%ld) · %s links the call to the selected one"),
		         pretty, n, ui_key_for(KM_FORM, ACT_FORM_LINK));
	draw_text(NULL, y, 0, width, buf, ui_attr(EL_TITLE) | (n ? (int)A_BOLD : 0));
	rows--;
	y++;
	if (t->esel < t->etop)
		t->etop = t->esel;
	if (rows > 0 && t->esel >= t->etop + rows)
		t->etop = t->esel - rows + 1;
	for (i = 0; i < rows; i++) {
		long k = t->etop + i;
		const struct wd_case *c;
		char when[32];
		int attr;

		if (k >= n) {
			draw_blank(NULL, y + (int)i, 0, width, ui_attr(EL_DEFAULT));
			continue;
		}
		c = &t->earlier.v[k];
		time_short(c->received_at, when, sizeof when);
		attr = k == t->esel ? ui_attr(EL_CURSOR)
		       : ui_attr(c->state == WD_RESOLVED ? EL_STATE_RESOLVED : EL_DEFAULT);
		{
			struct strbuf r = { 0 };

			sb_printf(&r, " %s %-8s ", k == t->esel ? ">" : " ", c->ref);
			text_sb_pad(&r, word_label(WORD_STATE, (int)c->state), 12, false);
			sb_printf(&r, " %s  %-5s ", when, c->category ? c->category : "");
			snprintf(buf, sizeof buf, "%s", r.s);
			sb_free(&r);
		}
		{
			int x = draw_text_np(NULL, y + (int)i, 0, width, buf, attr);

			if (x < width)
				draw_text(NULL, y + (int)i, x, width - x, c->description, attr);
		}
	}
}

void ticket_draw_form(struct ui *ui, struct ticket *t, int top, int rows)
{
	int width = COLS, y, panel, bottom = top + rows;
	char buf[256], at[16];

	time_hhmm(t->opened, at, sizeof at);
	snprintf(buf, sizeof buf, _(" New phone ticket · call at %s"), at);
	draw_text(NULL, top, 0, width, buf, ui_attr(EL_TITLE) | (int)A_BOLD);
	if (top + 1 < bottom)
		draw_blank(NULL, top + 1, 0, width, ui_attr(EL_DEFAULT));
	for (int f = 0; f < F_COUNT && top + 2 + f < bottom; f++)
		if (f != (int)t->focus)
			draw_field(ui, t, (enum field)f, top + 2 + f, width);
	panel = top + 2 + F_COUNT + 1;
	if (panel - 1 < bottom)
		draw_blank(NULL, panel - 1, 0, width, ui_attr(EL_DEFAULT));
	if (panel < bottom) {
		if (t->focus == F_CATEGORY && t->have_cats)
			draw_categories(ui, t, panel, bottom - panel, width);
		else if (t->have_earlier)
			draw_earlier(ui, t, panel, bottom - panel, width);
		else
			for (y = panel; y < bottom; y++)
				draw_text(NULL, y, 0, width,
				          y == panel ? _(" Earlier cases of the caller's number show here.") : "",
				          ui_attr(EL_DIM));
	}
	/* the focused field last: the cursor ends in it */
	if (top + 2 + (int)t->focus < bottom)
		draw_field(ui, t, t->focus, top + 2 + (int)t->focus, width);
}
