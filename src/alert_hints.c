/* alert_hints.c - alerts shown from notification payloads, waiting to be
 * confirmed (see alert_hints.h). */
#include "wardesk/wardesk.h"

#include "wardesk/alert_hints.h"

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void ahints_hear(struct alert_hints *h, const struct wd_alert *a)
{
	struct wd_alert *c;

	if (ahints_said(h, a->id))
		return;
	if (h->heard.n == h->capheard) {
		h->capheard = h->capheard ? 2 * h->capheard : 8;
		h->heard.v = xrealloc(h->heard.v, h->capheard * sizeof *h->heard.v);
	}
	c = &h->heard.v[h->heard.n++];
	*c = *a;
	c->recipient = dup_or_null(a->recipient);
	c->actor = dup_or_null(a->actor);
	c->about = dup_or_null(a->about);
	c->run_by = dup_or_null(a->run_by);
	c->ref = dup_or_null(a->ref);
	c->category = dup_or_null(a->category);
	c->category_vi = dup_or_null(a->category_vi);
	c->category_en = dup_or_null(a->category_en);
	c->description = dup_or_null(a->description);
	c->address = dup_or_null(a->address);
	c->owner = dup_or_null(a->owner);
}

bool ahints_keep(struct alert_hints *h, const struct st_alert_payload *payload, const char *login)
{
	struct wd_alert_list l = { .v = xcalloc(1, sizeof *l.v), .n = 1 };
	bool ok = h->heard.n < AHINTS_KEEP_MAX && store_alert_hint(payload, login, l.v);

	if (ok)
		ahints_hear(h, l.v);
	wd_alert_list_free(&l);
	return ok;
}

void ahints_heard_clear(struct alert_hints *h)
{
	wd_alert_list_free(&h->heard);   /* frees v too */
	h->capheard = 0;
}

bool ahints_said(const struct alert_hints *h, int64_t id)
{
	for (size_t i = 0; i < AHINTS_SAID && i < h->nsaid; i++)
		if (h->said[i] == id)
			return true;
	return false;
}

void ahints_said_add(struct alert_hints *h, int64_t id)
{
	h->said[h->nsaid % AHINTS_SAID] = id;
	h->nsaid++;
}

void ahints_shown(struct alert_hints *h)
{
	for (size_t i = 0; i < h->heard.n; i++) {
		const struct wd_alert *a = &h->heard.v[i];

		if (h->nunconf == h->capunconf) {
			h->capunconf = h->capunconf ? 2 * h->capunconf : 16;
			h->unconf = xrealloc(h->unconf, h->capunconf * sizeof *h->unconf);
		}
		h->unconf[h->nunconf++] = (struct ahint_shown){ a->id, a->case_id, (int)a->kind,
		                                                a->case_count > 1 ? a->case_count : 0 };
		if (a->id > h->upto)
			h->upto = a->id;
	}
}

/* Whether the shown hint u is what the database says. */
static bool hint_true(const struct ahint_shown *u, const struct wd_alert_list *rows)
{
	for (size_t i = 0; i < rows->n; i++) {
		const struct wd_alert *a = &rows->v[i];

		if (a->id == u->id)
			return a->case_id == u->case_id && (int)a->kind == u->kind &&
			       (a->case_count > 1 ? a->case_count : 0) == u->count;
	}
	return false;
}

bool ahints_unconfirmed(const struct alert_hints *h, int64_t id)
{
	for (size_t i = 0; i < h->nunconf; i++)
		if (h->unconf[i].id == id)
			return true;
	return false;
}

bool ahints_confirm(struct alert_hints *h, const struct wd_alert_list *rows, size_t n)
{
	bool forged = false;

	if (n > h->nunconf)
		n = h->nunconf;
	for (size_t i = 0; i < n; i++)
		forged |= !hint_true(&h->unconf[i], rows);
	/* those shown after the confirmation was sent wait for their own */
	memmove(h->unconf, h->unconf + n, (h->nunconf - n) * sizeof *h->unconf);
	h->nunconf -= n;
	return forged;
}

void ahints_free(struct alert_hints *h)
{
	ahints_heard_clear(h);
	free(h->unconf);
	memset(h, 0, sizeof *h);
}
