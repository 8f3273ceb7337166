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

static bool blank(const char *s)
{
	return !s || !s[strspn(s, " \t")];
}

/* ---- categories ---- */

void ticket_cats_free(struct ticket *t)
{
	if (t->have_cats)
		wd_category_list_free(&t->cats);
	t->have_cats = false;
	FREE(&t->codes);
}

void ticket_cats_load(struct ui *ui, struct ticket *t)
{
	struct st_err err = { 0 };
	struct wd_category_list l;
	enum st_status s;
	size_t i, n = 0;

	if (t->have_cats || !live_up(&ui->live))
		return;
	s = store_categories(ui->live.st, &l, &err);
	if (s != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_QUIET);
		return;
	}
	/* keep the active ones only */
	for (i = 0; i < l.n; i++) {
		if (l.v[i].active) {
			struct wd_category tmp = l.v[n];

			l.v[n++] = l.v[i];
			l.v[i] = tmp;
		}
	}
	for (i = n; i < l.n; i++) {
		free(l.v[i].code);
		free(l.v[i].name_vi);
		free(l.v[i].name_en);
		free(l.v[i].words);
	}
	l.n = n;
	t->cats = l;
	t->have_cats = true;
	t->codes = xcalloc(n + 1, sizeof *t->codes);
	for (i = 0; i < n; i++)
		t->codes[i] = t->cats.v[i].code;
}

/* Some category code starts with the field's text (Tab completes it). */
bool ticket_cat_prefix(const struct ticket *t, const char *text)
{
	size_t len;

	text += strspn(text, " \t");
	len = strlen(text);
	for (size_t i = 0; t->have_cats && i < t->cats.n; i++)
		if (!strncasecmp(t->cats.v[i].code, text, len))
			return true;
	return false;
}

/* Leaving the category field: an empty field is fine (save asks for it),
 * a code that is not a category is not.  Without the list (offline) the
 * database decides. */
bool ticket_category_ok(struct ui *ui, struct ticket *t)
{
	struct strbuf sb = { 0 };

	if (blank(t->val[F_CATEGORY]) || !t->have_cats || ticket_cat_index(t) >= 0)
		return true;
	for (size_t i = 0; i < t->cats.n; i++)
		sb_printf(&sb, "%s%s", i ? ", " : "", t->cats.v[i].code);
	ui_error(ui, _("\"%s\" is not a category code (%s)"), t->val[F_CATEGORY], sb.s ? sb.s : "");
	sb_free(&sb);
	return false;
}

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

/* Categories the text names: an exact code alone; otherwise every category
 * whose code starts with it or whose name (Vietnamese or English) or search
 * words (categories.words) hold each of its words, diacritics and case
 * ignored ("cay" -> CX Cây xanh, "rac" -> MT Môi trường). */
size_t ticket_cat_matches(const struct ticket *t, long *out, size_t max)
{
	const char *v = t->val[F_CATEGORY] + strspn(t->val[F_CATEGORY], " \t");
	long exact = ticket_cat_index(t);
	char *needle;
	size_t n = 0;

	if (exact >= 0 || !*v || !t->have_cats) {
		if (exact >= 0 && max)
			out[n++] = exact;
		return n;
	}
	needle = text_fold(v);
	for (size_t i = 0; i < t->cats.n && n < max; i++) {
		const struct wd_category *c = &t->cats.v[i];
		char *vi = text_fold(c->name_vi ? c->name_vi : ""), *en = text_fold(c->name_en ? c->name_en : "");
		char *w = text_fold(c->words ? c->words : "");

		if (!strncasecmp(c->code, v, strlen(v)) || text_fold_match(vi, needle) ||
		    text_fold_match(en, needle) || text_fold_match(w, needle))
			out[n++] = (long)i;
		free(vi);
		free(en);
		free(w);
	}
	free(needle);
	return n;
}

bool ticket_cat_resolve(struct ticket *t)
{
	long m[2];

	if (ticket_cat_index(t) >= 0 || ticket_cat_matches(t, m, 2) != 1)
		return false;
	free(t->val[F_CATEGORY]);
	t->val[F_CATEGORY] = xstrdup(t->cats.v[m[0]].code);
	return true;
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

		/* the number once: as the desk writes it when it is one, with its
		 * kind; as typed when it is not (yet) */
		if (k == PHONE_INVALID) {
			x += draw_text_np(NULL, y, x, vw, t->val[f], vattr);
		} else {
			phone_format(norm, pretty, sizeof pretty);
			x += draw_text_np(NULL, y, x, vw, pretty, vattr);
			snprintf(buf, sizeof buf, " · %s", k == PHONE_MOBILE ? _("mobile") : _("landline"));
			if (x + 4 < width)
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
			     draw_text_np(NULL, y, x + 2, width - x - 2,
			                  word_name(t->cats.v[i].name_vi, t->cats.v[i].name_en), ui_attr(EL_DIM));
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
	long cur = ticket_cat_index(t), *shown = xcalloc(t->cats.n + 1, sizeof *shown);
	const char *typed = t->val[F_CATEGORY] + strspn(t->val[F_CATEGORY], " \t");
	size_t n = 0;
	char buf[512];

	if (cur < 0 && *typed) {   /* what the text names, as it is typed */
		n = ticket_cat_matches(t, shown, t->cats.n);
		if (n == 1)
			cur = shown[0];
		if (n)
			snprintf(buf, sizeof buf, _(" Categories matching \"%s\" (%zu; %s picks the highlighted one)"),
			         typed, n, ticket_key_of(ACT_FORM_NEXT).s);
		else
			snprintf(buf, sizeof buf, _(" No category matches \"%s\" (by code or by name)"), typed);
	} else {
		for (n = 0; n < t->cats.n; n++)
			shown[n] = (long)n;
		snprintf(buf, sizeof buf,
		         _(" Categories (type the code or the name; Tab completes; %s / %s choose)"),
		         ticket_key_of(ACT_FORM_SEL_NEXT).s, ticket_key_of(ACT_FORM_SEL_PREV).s);
	}
	draw_text(NULL, y, 0, width, buf, ui_attr(EL_TITLE));
	for (int i = 1; i < rows; i++) {
		size_t k = (size_t)(i - 1);
		const struct wd_category *c;

		if (k >= n) {
			draw_blank(NULL, y + i, 0, width, ui_attr(EL_DEFAULT));
			continue;
		}
		k = (size_t)shown[k];
		c = &t->cats.v[k];
		snprintf(buf, sizeof buf, _(" %s %-6s %s · %d min"), (long)k == cur ? ">" : " ",
		         c->code, word_name(c->name_vi, c->name_en), c->deadline_min);
		draw_text(NULL, y + i, 0, width, buf,
		          ui_attr((long)k == cur ? EL_CURSOR : EL_DEFAULT));
	}
	free(shown);
}

/* The number was given under another name before: " ! ... " into buf. */
static bool other_name(const struct ticket *t, char *buf, size_t n)
{
	char *mine;
	bool found = false;

	if (blank(t->val[F_NAME]))
		return false;
	mine = text_fold(t->val[F_NAME]);
	for (size_t i = 0; i < t->earlier.n && !found; i++) {
		const struct wd_case *c = &t->earlier.v[i];
		char *theirs;

		if (blank(c->reporter_name))
			continue;
		theirs = text_fold(c->reporter_name);
		if (strcmp(theirs, mine)) {
			snprintf(buf, n, _(" ! This number was given as \"%s\" on %s"),
			         c->reporter_name, c->ref);
			found = true;
		}
		free(theirs);
	}
	free(mine);
	return found;
}

static void draw_earlier(struct ui *ui, struct ticket *t, int y, int rows, int width)
{
	char buf[512], pretty[64];
	long i, n = (long)t->earlier.n;

	phone_format(t->looked_up, pretty, sizeof pretty);
	if (n == 0)
		snprintf(buf, sizeof buf, _(" No case from %s today: a new call"), pretty);
	else
		snprintf(buf, sizeof buf, _(" Earlier cases from %s today (%ld) · %s links the call to the selected one"),
		         pretty, n, ui_key_for(KM_FORM, ACT_FORM_LINK));
	draw_text(NULL, y, 0, width, buf, ui_attr(EL_TITLE) | (n ? (int)A_BOLD : 0));
	rows--;
	y++;
	if (rows > 0 && other_name(t, buf, sizeof buf)) {
		draw_text(NULL, y, 0, width, buf, ui_attr(EL_STATUS_ERROR) | (int)A_BOLD);
		rows--;
		y++;
	}
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

bool ticket_urgent(const struct ticket *t)
{
	long i = ticket_cat_index(t);

	if (t->prio != PRIO_DEFAULT)
		return t->prio == PRIO_URGENT;
	return i >= 0 && t->cats.v[i].default_urgent;
}

void ticket_draw_form(struct ui *ui, struct ticket *t, int top, int rows)
{
	int width = COLS, y, panel, bottom = top + rows, x;
	char buf[256], at[16];

	time_hhmm(t->opened, at, sizeof at);
	snprintf(buf, sizeof buf, _(" New phone ticket · call at %s"), at);
	x = draw_text_np(NULL, top, 0, width, buf, ui_attr(EL_TITLE) | (int)A_BOLD);
	/* the priority, with its key: "! URGENT" is a character too (no colour) */
	if (ticket_urgent(t))
		snprintf(buf, sizeof buf, _("! URGENT (%s: normal)"), ticket_key_of(ACT_FORM_URGENT).s);
	else
		snprintf(buf, sizeof buf, _("normal (%s: urgent)"), ticket_key_of(ACT_FORM_URGENT).s);
	if (x + 3 < width) {
		draw_text(NULL, top, x, 3, " · ", ui_attr(EL_TITLE) | (int)A_BOLD);
		x += 3;
		x += draw_text_np(NULL, top, x, width - x, buf,
		                  ticket_urgent(t) ? ui_attr(EL_URGENT) | (int)A_BOLD : ui_attr(EL_DIM));
	}
	if (x < width)
		draw_blank(NULL, top, x, width - x, ui_attr(EL_TITLE));
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

char *ticket_para_to_lines(const char *s)
{
	struct strbuf sb = { 0 };

	sb_puts(&sb, "");
	while (*s) {
		if (!strncmp(s, TICKET_PARA, 2)) {
			while (sb.len && sb.s[sb.len - 1] == ' ')
				sb.s[--sb.len] = '\0';
			sb_putc(&sb, '\n');
			for (s += 2; *s == ' '; s++)
				;
			continue;
		}
		sb_putc(&sb, *s++);
	}
	return sb_steal(&sb);
}
