/* screen_detail.c - one case in full: fields, wrapped description, media
 * and its photo, and its whole history (store_get), scrollable.  Refetched
 * when the case changes; the text is rebuilt when the width or the minute
 * changes, or when the photo's fetch ends.  The photo key shows the photo
 * on the whole screen (screen_detail_photo.c). */
#include "wardesk/wardesk.h"

#include "wardesk/caseops.h"
#include "wardesk/deskclock.h"
#include "wardesk/draw.h"
#include "wardesk/model_seen.h"
#include "wardesk/history.h"
#include "wardesk/phone.h"
#include "wardesk/photo_fetch.h"
#include "wardesk/photo_view.h"
#include "wardesk/screen_detail_photo.h"
#include "wardesk/prompt.h"
#include "wardesk/store_intake.h"
#include "wardesk/store_photos.h"
#include "wardesk/store_shift.h"
#include "wardesk/text.h"
#include "wardesk/theme.h"
#include "wardesk/timefmt.h"
#include "wardesk/ui.h"
#include "wardesk/words.h"

struct dline {
	char *label;     /* trusted, may be NULL */
	char *text;      /* untrusted until drawn */
	int element;
	int prow;        /* a row of the photo's cells; -1: text */
};

struct detail {
	int64_t id;
	bool loaded;
	struct wd_case c;
	struct wd_event_list ev;
	struct wd_dupe_list dupes;          /* likely duplicates (store_dupes) */
	struct wd_phone_name_list names;    /* the same number under another name */
	struct dline *lines;
	size_t n, cap;
	int built_width;
	long top;
	int page;
	struct wd_photo_list photos;        /* attached by the desk (store_case_photos) */
	char pkey[32];                      /* "#ID" of the first of them, for photo_get */
	struct photo_cells cells;           /* the photo in the detail, made for */
	char cells_key[512];                /* ... this source, at this size */
	int pstate;                         /* enum photo_state at build; -1: none */
	struct detail_photo full;           /* the photo key's full screen */
	size_t full_i;                      /* ... showing photo_nth(full_i) */
	char full_key[32];                  /* ... "#ID" when that is an attached one */
	unsigned can;                       /* WD_PERM_BIT()s wardesk.allowed_actions allows on it now */
	bool can_known;                     /* ... false: unknown (offline), the role's */
};

/* Most important first: the footer drops the last ones that do not fit
 * (but help).  The way back comes before priority and paging, so it shows
 * at 80 columns in every language. */
static const enum action_id detail_footer[] = {
	ACT_TAKE, ACT_ASSIGN, ACT_ESCALATE, ACT_CLOSE, ACT_ACK, ACT_REOPEN, ACT_BACK, ACT_PRIORITY,
	ACT_PAGE_DOWN, ACT_HELP, ACT_COUNT,
};

static void lines_clear(struct detail *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->lines[i].label);
		free(d->lines[i].text);
	}
	d->n = 0;
}

static void add(struct detail *d, const char *label, const char *text, int element)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->lines = xreallocarray(d->lines, d->cap, sizeof *d->lines);
	}
	d->lines[d->n].label = label ? xstrdup(label) : NULL;
	d->lines[d->n].text = xstrdup(text ? text : "");
	d->lines[d->n].element = element;
	d->lines[d->n].prow = -1;
	d->n++;
}

/* Untrusted multi-line text, sanitised then wrapped to width. */
static void add_wrapped(struct detail *d, const char *label, const char *text, int width,
                        int element)
{
	char *safe = text_sanitize(text ? text : "", true);
	char **w = text_wrap(safe ? safe : "", width > 10 ? width : 10);
	size_t i;

	if (!w || !w[0])
		add(d, label, "", element);
	for (i = 0; w && w[i]; i++)
		add(d, i == 0 ? label : (label ? "" : NULL), w[i], element);
	text_lines_free(w);
	free(safe);
}

/* The escalation chain (issue 5): when warned, escalated, marked overdue,
 * who acknowledged; for a case closed late, the delay reason and apology. */
static void add_chain(struct detail *d, const struct wd_case *c, int vw)
{
	char buf[256], t[32];

	if (c->warned_at) {
		time_short(c->warned_at, t, sizeof t);
		add(d, _("Warned"), t, EL_DEADLINE_DUE_SOON);
	}
	if (c->escalated_at) {
		time_short(c->escalated_at, t, sizeof t);
		snprintf(buf, sizeof buf, _("%s · to the ward chair (level 1)"), t);
		add(d, _("Escalated"), buf, EL_ESCALATED);
	}
	if (c->overdue_at) {
		time_short(c->overdue_at, t, sizeof t);
		snprintf(buf, sizeof buf, _("%s · past the deadline (level 2)"), t);
		add(d, _("Overdue"), buf, EL_DEADLINE_OVERDUE);
	}
	if (c->ack_at) {
		time_short(c->ack_at, t, sizeof t);
		snprintf(buf, sizeof buf, _("%s by %s"), t, c->ack_by ? c->ack_by : "?");
		add(d, _("Ack"), buf, EL_DEFAULT);
	} else if (c->state != WD_RESOLVED && (c->escalation > 0 || c->warned_at)) {
		const char *k = ui_key_for(KM_DETAIL, ACT_ACK);
		/* the key only to whom it is offered (wardesk.allowed_actions, as the footer) */
		bool may = !d->can_known || (d->can & WD_PERM_BIT(WD_PERM_ACK));

		if (*k && may)
			snprintf(buf, sizeof buf, _("not yet (%s acknowledges)"), k);
		else
			snprintf(buf, sizeof buf, "%s", _("not yet"));
		add(d, _("Ack"), buf, c->escalation > 0 ? EL_ESCALATED : EL_DIM);
	}
	if (c->delay_reason)
		add(d, _("Delay"), c->delay_reason, EL_DEADLINE_OVERDUE);
	if (c->apology_note)
		add_wrapped(d, _("Apology"), c->apology_note, vw, EL_DEFAULT);
}

/* Priority (sql/014): "! URGENT" (a character: no colour needed) or
 * normal, with the key that changes it while the case is open. */
static void add_priority(struct detail *d, const struct wd_case *c)
{
	const char *k = ui_key_for(KM_DETAIL, ACT_PRIORITY);
	char buf[128];

	if (c->state != WD_RESOLVED && *k)
		snprintf(buf, sizeof buf, c->urgent ? _("! URGENT (%s: make it normal)") : _("normal (%s: make it urgent)"),
		         k);
	else
		snprintf(buf, sizeof buf, "%s", c->urgent ? _("! URGENT") : _("normal"));
	add(d, _("Priority"), buf, c->urgent ? EL_URGENT : EL_DEFAULT);
}

/* Deadline: the time, and how long is left or how late it is. */
static void add_deadline(struct detail *d, const struct wd_case *c, time_t now)
{
	char buf[512], t[32], left[16];
	enum urgency u;
	int el;

	time_short(c->deadline_at, t, sizeof t);
	if (c->state == WD_RESOLVED) {
		add(d, _("Deadline"), t, EL_DEFAULT);
		return;
	}
	u = deadline_urgency(now, c->deadline_at, c->warn_min);
	el = u == URG_OVERDUE ? EL_DEADLINE_OVERDUE : u == URG_CRITICAL ? EL_DEADLINE_CRITICAL
	     : u == URG_DUE_SOON ? EL_DEADLINE_DUE_SOON : EL_DEADLINE_NORMAL;
	countdown_format(now, c->deadline_at, left, sizeof left);
	snprintf(buf, sizeof buf, u == URG_OVERDUE ? _("%s (late %s)") : _("%s (%s left)"), t,
	         left[0] == '-' ? left + 1 : left);
	add(d, _("Deadline"), buf, el);
}

/* The photo (issue 16): drawn under the link when there is room and
 * colour, else one line saying why (the link is on the Media line).  A
 * phone ticket without an attached photo gets no line. */
/* The photo shown: the report's first link, else the first one attached. */
static const char *photo_source(const struct detail *d)
{
	if (d->loaded && d->c.media && d->c.media[0])
		return d->c.media[0];
	return d->photos.n ? d->pkey : NULL;
}

/* Every photo of the case, for the full screen: the report's links, then
 * the ones the desk attached. */
static size_t photo_links(const struct detail *d)
{
	size_t n = 0;

	while (d->loaded && d->c.media && d->c.media[n])
		n++;
	return n;
}

static size_t photo_count(const struct detail *d)
{
	return photo_links(d) + d->photos.n;
}

/* The full screen's photo: a link, or "#ID" of an attached one (its bytes
 * handed to the photo worker once, as load_photos does for the first). */
static const char *photo_full_source(struct ui *ui, struct detail *d)
{
	size_t nl = photo_links(d), k;
	struct st_err err = { 0 };
	unsigned char *buf;
	size_t len;

	if (d->full_i < nl)
		return d->c.media[d->full_i];
	k = d->full_i - nl;
	if (k >= d->photos.n)
		return photo_source(d);
	snprintf(d->full_key, sizeof d->full_key, "#%lld", (long long)d->photos.v[k].id);
	if (!photo_known(d->full_key)) {
		if (store_photo_bytes(ui->live.st, d->photos.v[k].id, &buf, &len, &err) == ST_OK)
			photo_put(d->full_key, buf, len);
		else if (err.status == ST_OFFLINE)
			live_lost(&ui->live, &err);
	}
	return d->full_key;
}

/* The photo key: the first photo full screen; there, the next one, and
 * after the last back to the detail. */
static void photo_key(struct ui *ui, struct detail *d)
{
	size_t n = photo_count(d);

	if (d->full.on && d->full_i + 1 >= n) {
		d->full.on = false;
		return;
	}
	d->full_i = d->full.on ? d->full_i + 1 : 0;
	detail_photo_open(ui, &d->full, n ? photo_full_source(ui, d) : NULL);
	if (n > 1)
		snprintf(d->full.caption, sizeof d->full.caption,
		         _("photo %zu of %zu; %s: the next one"), d->full_i + 1, n,
		         *ui_key_for(KM_DETAIL, ACT_PHOTO) ? ui_key_for(KM_DETAIL, ACT_PHOTO) : ":photo");
}

static void add_photo(struct detail *d, int vw)
{
	const char *url = photo_source(d), *k = ui_key_for(KM_DETAIL, ACT_PHOTO);
	const struct photo_img *img;
	char why[192], buf[320];
	int cols, rows;

	for (size_t i = 0; i < d->photos.n; i++) {
		snprintf(buf, sizeof buf, _("photo #%lld (%s, %ld KB)"), (long long)d->photos.v[i].id,
		         d->photos.v[i].type, (d->photos.v[i].bytes + 1023) / 1024);
		add(d, i == 0 ? _("Attached") : "", buf, EL_DEFAULT);
	}
	d->pstate = -1;
	if (!url) {   /* the app sends photos: say so; a phone call has none to miss */
		if (d->c.channel == WD_CH_APP)
			add(d, _("Photo"), _("none sent with this report"), EL_DIM);
		return;
	}
	if (!photo_view_possible(why, sizeof why)) {
		snprintf(buf, sizeof buf, _("not drawn: %s"), why);
		add(d, _("Photo"), buf, EL_DIM);
		return;
	}
	d->pstate = (int)photo_get(url, &img, why, sizeof why);
	if (d->pstate == PHOTO_FETCHING) {
		add(d, _("Photo"), why[0] ? why : _("fetching…"), EL_DIM);
		return;
	}
	if (d->pstate == PHOTO_FAILED) {
		snprintf(buf, sizeof buf, _("not shown: %s"), why);
		add(d, _("Photo"), buf, EL_DEADLINE_DUE_SOON);
		return;
	}
	if (LINES < DETAIL_PHOTO_MIN_LINES || vw < 30) {
		snprintf(buf, sizeof buf, _("too small to draw here (%d×%d); %s shows it full screen"), COLS,
		         LINES, *k ? k : ":photo");
		add(d, _("Photo"), buf, EL_DIM);
		return;
	}
	photo_fit(img, vw < 64 ? vw : 64, LINES / 2 - 2 < 16 ? LINES / 2 - 2 : 16, &cols, &rows);
	snprintf(buf, sizeof buf, "%dx%d %s", cols, rows, url);
	if (strcmp(buf, d->cells_key) != 0 || !d->cells.v) {   /* 10-30 ms: not every minute */
		photo_cells_free(&d->cells);
		snprintf(d->cells_key, sizeof d->cells_key, "%s", buf);
		if (!photo_cells(img, cols, rows, photo_view_palette(), &d->cells)) {
			add(d, _("Photo"), _("not drawn: no room"), EL_DIM);
			return;
		}
	}
	snprintf(buf, sizeof buf, _("%d×%d pixels; %s shows it full screen"), img->w, img->h,
	         *k ? k : ":photo");
	add(d, _("Photo"), buf, EL_DIM);
	for (int r = 0; r < rows; r++) {
		add(d, "", "", EL_DEFAULT);
		d->lines[d->n - 1].prow = r;
	}
}

/* Received, owner, reporter, address, place, media, app id, closing. */
static void add_facts(struct detail *d, const struct wd_case *c, int vw)
{
	char buf[512], t[32];
	size_t i;

	time_short(c->received_at, t, sizeof t);
	snprintf(buf, sizeof buf, "%s · %s%s%s", t, word_label(WORD_CHANNEL, (int)c->channel),
	         c->hotline_line == WD_LINE_POLICE ? _(" · ward police line") :
	         c->hotline_line == WD_LINE_COMMITTEE ? _(" · ward committee line") : "",
	         c->callback ? _(" · ☎ call back wanted") : "");
	add(d, _("Received"), buf, EL_DEFAULT);
	if (c->owner)
		snprintf(buf, sizeof buf, "%s (%s)", c->owner, c->owner_name ? c->owner_name : "");
	else
		snprintf(buf, sizeof buf, "%s", _("nobody (unowned)"));
	add(d, _("Owner"), buf, EL_DEFAULT);
	if (c->reporter_phone) {
		char ph[64];

		phone_format(c->reporter_phone, ph, sizeof ph);
		snprintf(buf, sizeof buf, "%s%s%s", c->reporter_name ? c->reporter_name : "",
		         c->reporter_name ? " · " : "", ph);
	} else {
		snprintf(buf, sizeof buf, "%s", c->reporter_name ? c->reporter_name : "-");
	}
	add_wrapped(d, _("Reporter"), buf, vw, EL_DEFAULT);
	add_wrapped(d, _("Address"), c->address ? c->address : "-", vw, EL_DEFAULT);
	if (c->has_coords) {
		snprintf(buf, sizeof buf, "%.6f, %.6f", c->lat, c->lon);
		add(d, _("Place"), buf, EL_DIM);
	}
	for (i = 0; c->media && c->media[i]; i++)
		add_wrapped(d, i == 0 ? _("Media") : NULL, c->media[i], vw, EL_DEFAULT);
	add_photo(d, vw);
	if (c->external_id)
		add(d, _("App id"), c->external_id, EL_DIM);
	if (c->state == WD_RESOLVED || c->resolution_note) {
		time_short(c->closed_at, t, sizeof t);
		snprintf(buf, sizeof buf, "%s · %s%s%s", t, word_reason_label(c->close_reason),
		         c->duplicate_of ? " " : "", c->duplicate_of ? c->duplicate_of : "");
		add(d, _("Closed"), buf, EL_STATE_RESOLVED);
		add_wrapped(d, _("Result"), c->resolution_note, vw, EL_DEFAULT);
	}
}

/* Likely duplicates (issue 11, section 5): each with why, when and what,
 * and the key that merges; then the same number under another name. */
static void add_dupes(struct detail *d, int vw)
{
	char buf[512], t[32], why[96];
	const char *k = ui_key_for(KM_DETAIL, ACT_MERGE);

	for (size_t i = 0; i < d->dupes.n; i++) {
		const struct wd_dupe *x = &d->dupes.v[i];

		why[0] = '\0';
		if (x->distance_m >= 0)
			snprintf(why, sizeof why, _("%d m away"), (int)(x->distance_m + 0.5));
		if (x->same_address)
			snprintf(why + strlen(why), sizeof why - strlen(why), "%s%s", why[0] ? ", " : "",
			         _("same address"));
		if (x->same_phone)
			snprintf(why + strlen(why), sizeof why - strlen(why), "%s%s", why[0] ? ", " : "",
			         _("same phone"));
		time_short(x->received_at, t, sizeof t);
		snprintf(buf, sizeof buf, "%s · %s · %s · %s · %s", x->ref,
		         word_label(WORD_STATE, (int)x->state), t, why, x->description ? x->description : "");
		add_wrapped(d, i == 0 ? _("Duplicate?") : "", buf, vw, EL_DEFAULT);
	}
	if (d->dupes.n && *k && d->c.state != WD_RESOLVED) {
		snprintf(buf, sizeof buf, _("%s merges: the later call is closed into the earlier case"), k);
		add(d, "", buf, EL_DIM);
	}
	for (size_t i = 0; i < d->names.n; i++) {
		time_short(d->names.v[i].at, t, sizeof t);
		snprintf(buf, sizeof buf, _("%s under another name: %s (%s)"), d->names.v[i].ref,
		         d->names.v[i].name ? d->names.v[i].name : "", t);
		add_wrapped(d, i == 0 ? _("Same phone") : "", buf, vw, EL_DEADLINE_DUE_SOON);
	}
}

/* History: one line per event, its note (or small data) under it. */
static void add_history(struct detail *d, int vw)
{
	char buf[512], t[32];
	size_t i, shown = 0;

	for (i = 0; i < d->ev.n; i++)
		shown += !history_hidden(&d->ev, i);
	snprintf(buf, sizeof buf, _("History (%zu)"), shown);
	add(d, NULL, buf, EL_TITLE);
	for (i = 0; i < d->ev.n; i++) {
		const struct wd_event *e = &d->ev.v[i];

		if (history_hidden(&d->ev, i))
			continue;
		time_short(e->at, t, sizeof t);
		history_sentence(&d->c, &d->ev, i, buf, sizeof buf);
		add_wrapped(d, t, buf, vw, EL_DEFAULT);
		if (e->note && *e->note && !history_note_inline(&d->ev, i))
			add_wrapped(d, "", e->note, vw - 2, EL_DIM);
	}
}

static void build(struct ui *ui, struct detail *d, int width)
{
	const struct wd_case *c = &d->c;
	int vw = width - 13;
	char buf[512];

	lines_clear(d);
	d->built_width = width;
	if (!d->loaded) {
		add(d, NULL, ui->live.state == LIVE_UP ? _("Loading…") : _("Not available while offline."),
		    EL_DIM);
		return;
	}
	snprintf(buf, sizeof buf, "%s%s  %s %s · %s%s", c->urgent ? "!" : "", c->ref, c->category,
	         word_name(c->category_vi, c->category_en), word_label(WORD_STATE, (int)c->state),
	         c->escalation >= 2 ? _(" · OVERDUE, escalated") :
	         c->escalation == 1 ? _(" · escalated to the chair") : "");
	add(d, NULL, buf, EL_TITLE);
	add(d, NULL, "", EL_DEFAULT);
	add_priority(d, c);
	add_deadline(d, c, desk_now());
	add_chain(d, c, vw);
	add_facts(d, c, vw);
	add_dupes(d, vw);
	add(d, NULL, "", EL_DEFAULT);
	add(d, NULL, _("Description"), EL_TITLE);
	add_wrapped(d, "", c->description, vw, EL_DEFAULT);
	add(d, NULL, "", EL_DEFAULT);
	add_history(d, vw);
}

/* The photos the desk attached; the first one's bytes go to the photo
 * worker (once per console) when the report has no link of its own. */
static void load_photos(struct ui *ui, struct detail *d)
{
	struct st_err err = { 0 };
	unsigned char *buf;
	size_t len;

	wd_photo_list_free(&d->photos);
	if (store_case_photos(ui->live.st, d->id, &d->photos, &err) == ST_OFFLINE) {
		live_lost(&ui->live, &err);
		return;
	}
	if (!d->photos.n)
		return;
	snprintf(d->pkey, sizeof d->pkey, "#%lld", (long long)d->photos.v[0].id);
	if ((d->c.media && d->c.media[0]) || photo_known(d->pkey))
		return;
	if (store_photo_bytes(ui->live.st, d->photos.v[0].id, &buf, &len, &err) == ST_OK)
		photo_put(d->pkey, buf, len);
	else if (err.status == ST_OFFLINE)
		live_lost(&ui->live, &err);
}

/* The likely duplicates of an open case and the same number under another
 * name; left empty when they cannot be read (the rest still shows). */
static void load_dupes(struct ui *ui, struct detail *d)
{
	struct st_err err = { 0 };

	wd_dupe_list_free(&d->dupes);
	wd_phone_name_list_free(&d->names);
	if (d->c.state != WD_RESOLVED &&
	    store_dupes(ui->live.st, d->c.ref, &d->dupes, &err) != ST_OK)
		ui_store_failed(ui, &err, UI_FAIL_QUIET);
	if (d->c.reporter_phone && live_up(&ui->live) &&
	    store_phone_names(ui->live.st, d->c.ref, &d->names, &err) != ST_OK)
		ui_store_failed(ui, &err, UI_FAIL_QUIET);
}

static void load(struct ui *ui, struct detail *d)
{
	struct st_err err = { 0 };
	struct wd_case c;
	struct wd_event_list ev;
	enum st_status s;

	if (!live_up(&ui->live))
		return;
	s = store_get(ui->live.st, NULL, d->id, &c, &ev, &err);
	if (s != ST_OK) {
		ui_store_failed(ui, &err, UI_FAIL_SAY_REFUSAL);
		return;
	}
	if (d->loaded) {
		wd_case_free(&d->c);
		wd_event_list_free(&d->ev);
	}
	d->c = c;
	d->ev = ev;
	d->loaded = true;
	d->built_width = 0;
	d->can_known = store_can_case(ui->live.st, d->c.ref, &d->can, &err) == ST_OK;
	load_dupes(ui, d);
	if (live_up(&ui->live))
		load_photos(ui, d);
}

static void detail_open(struct ui *ui, struct screen *s, const void *arg)
{
	struct detail *d = xcalloc(1, sizeof *d);

	d->id = *(const int64_t *)arg;
	s->data = d;
	seen_mark(d->id);   /* opened: no longer NEW */
	load(ui, d);
}

static void detail_close(struct ui *ui, struct screen *s)
{
	struct detail *d = s->data;

	(void)ui;
	lines_clear(d);
	free(d->lines);
	if (d->loaded) {
		wd_case_free(&d->c);
		wd_event_list_free(&d->ev);
	}
	wd_dupe_list_free(&d->dupes);
	wd_phone_name_list_free(&d->names);
	wd_photo_list_free(&d->photos);
	photo_cells_free(&d->cells);
	detail_photo_free(&d->full);
	FREE(&s->data);
}

static void detail_draw(struct ui *ui, struct screen *s, int top, int rows)
{
	struct detail *d = s->data;
	int width = COLS, stale = ui->live.state == LIVE_UP ? 0 : (int)A_DIM;
	long i;

	if (d->full.on && d->loaded) {
		detail_photo_draw(ui, &d->full, d->full_i < photo_links(d) ? d->c.media[d->full_i]
		                  : d->full_i - photo_links(d) < d->photos.n ? d->full_key
		                  : photo_source(d), top, rows);
		return;
	}
	if (d->pstate == PHOTO_FETCHING && photo_source(d)) {
		const struct photo_img *img;
		char why[192];

		if (photo_get(photo_source(d), &img, why, sizeof why) != PHOTO_FETCHING)
			d->built_width = 0;   /* the fetch ended: draw it or say why */
	}
	if (d->built_width != width)
		build(ui, d, width);
	d->page = rows;
	if (d->top > (long)d->n - rows)
		d->top = (long)d->n - rows;
	if (d->top < 0)
		d->top = 0;
	for (i = 0; i < rows; i++) {
		size_t k = (size_t)(d->top + i);
		int y = top + (int)i;

		if (k >= d->n) {
			draw_blank(NULL, y, 0, width, ui_attr(EL_DEFAULT));
			continue;
		}
		if (d->lines[k].prow >= 0) {
			draw_blank(NULL, y, 0, width, ui_attr(EL_DEFAULT));
			photo_view_row(y, 13, &d->cells, d->lines[k].prow);
			continue;
		}
		if (d->lines[k].label) {
			draw_text(NULL, y, 0, 1, "", ui_attr(EL_DEFAULT));
			draw_text(NULL, y, 1, 11, d->lines[k].label, ui_attr(EL_TITLE) | stale);
			draw_text(NULL, y, 12, 1, "", ui_attr(EL_DEFAULT));
			draw_text(NULL, y, 13, width - 13, d->lines[k].text,
			          ui_attr(d->lines[k].element) | stale);
		} else {
			draw_text(NULL, y, 0, 1, "", ui_attr(EL_DEFAULT));
			draw_text(NULL, y, 1, width - 1, d->lines[k].text,
			          ui_attr(d->lines[k].element) | stale);
		}
	}
}

/* The case to merge with, typed (the first listed offered). */
static void merge_with(struct ui *ui, const char *line, void *ctx)
{
	struct detail *d = ctx;

	if (!line || !line[strspn(line, " \t")]) {
		ui_status(ui, _("cancelled: nothing sent"));
		return;
	}
	line += strspn(line, " \t");
	for (size_t i = 0; i < d->dupes.n; i++)
		if (!strcasecmp(d->dupes.v[i].ref, line)) {
			caseop_merge(ui, d->c.ref, d->dupes.v[i].ref, d->dupes.v[i].earlier);
			return;
		}
	ui_error(ui, _("%s is not one of the likely duplicates listed; nothing sent"), line);
}

static void detail_merge(struct ui *ui, struct detail *d)
{
	char q[128];

	if (!d->loaded || d->c.state == WD_RESOLVED || !d->dupes.n) {
		ui_error(ui, _("%s has no likely duplicate to merge"), d->loaded ? d->c.ref : "?");
	} else if (d->dupes.n == 1) {
		caseop_merge(ui, d->c.ref, d->dupes.v[0].ref, d->dupes.v[0].earlier);
	} else {
		snprintf(q, sizeof q, _("Merge %s with which case? "), d->c.ref);
		prompt_start(ui, PROMPT_REF, q, d->dupes.v[0].ref, merge_with, d);
	}
}

static bool detail_action(struct ui *ui, struct screen *s, enum action_id act)
{
	struct detail *d = s->data;
	long page = d->page > 1 ? d->page - 1 : 1;

	if (d->full.on && (act == ACT_BACK || act == ACT_QUIT)) {
		d->full.on = false;
		return true;
	}
	switch (act) {
	case ACT_PHOTO: photo_key(ui, d); break;
	case ACT_MERGE: detail_merge(ui, d); break;
	case ACT_UP: d->top--; break;
	case ACT_DOWN: d->top++; break;
	case ACT_PAGE_UP: d->top -= page; break;
	case ACT_PAGE_DOWN: d->top += page; break;
	case ACT_FIRST: d->top = 0; break;
	case ACT_LAST: d->top = (long)d->n; break;
	default: return false;
	}
	return true;
}

static void detail_changed(struct ui *ui, struct screen *s, int64_t id)
{
	struct detail *d = s->data;

	if (id == d->id || id == 0)
		load(ui, d);
	d->built_width = 0;   /* countdown, state, or everything */
}

/* The footer offers what the database's rule (wardesk.allowed_actions, asked at each
 * load) allows on this case now: no take, escalate or close on a resolved
 * case, no ack without a warning or escalation to acknowledge.  (Ack needs
 * no role permission of its own in the action table: any officer's footer
 * elsewhere offers it.) */
static bool detail_offers(struct ui *ui, struct screen *s, enum action_id act)
{
	struct detail *d = s->data;
	int p = act == ACT_ACK ? WD_PERM_ACK : action_perm(act);

	(void)ui;
	if (act == ACT_PAGE_DOWN)   /* not on the last page (nor when all fits) */
		return d->page <= 0 || d->top + d->page < (long)d->n;
	if (!d->loaded || p == WD_PERM_NONE || !d->can_known)
		return true;
	return (d->can & WD_PERM_BIT(p)) != 0;
}

static int64_t detail_selected(struct ui *ui, struct screen *s)
{
	(void)ui;
	return ((struct detail *)s->data)->id;
}

/* The version of the case as this screen shows it. */
static int detail_seen(struct ui *ui, struct screen *s)
{
	struct detail *d = s->data;

	(void)ui;
	return d->loaded ? d->c.version : 0;
}

const struct screen_ops detail_ops = {
	.name = "detail",
	.keymap = KM_DETAIL,
	.footer = detail_footer,
	.open = detail_open,
	.close = detail_close,
	.draw = detail_draw,
	.action = detail_action,
	.key = ui_key_space_pages,
	.changed = detail_changed,
	.selected = detail_selected,
	.seen = detail_seen,
	.offers = detail_offers,
};
