/* screen_ticket_draft.c - the phone-ticket form kept on disk (drafts.h,
 * screen_ticket_form.h): the open form as the draft "ticket.form" (written
 * after each batch of keys, so a console that dies finds it on the next
 * start), and the ticket discarded last as "ticket.discarded" (restorable
 * until the next ticket is saved).
 *
 * The draft's text is one "name=value" line per field; values never hold
 * a line break (the description's are the " ¶ " marks of the field). */
#include "wardesk/wardesk.h"

#include "wardesk/drafts.h"
#include "wardesk/screen_ticket_form.h"

static const char *const names[F_COUNT] = {
	"name", "phone", "line", "address", "category", "description", "callback",
};

static char *serialize(const struct ticket *t)
{
	struct strbuf sb = { 0 };

	sb_printf(&sb, "opened=%lld\n", (long long)t->opened);
	for (int f = 0; f < F_COUNT; f++) {
		sb_printf(&sb, "%s=", names[f]);
		if (f == F_LINE)
			sb_printf(&sb, "%d", t->line);
		else if (f == F_CALLBACK)
			sb_printf(&sb, "%d", t->callback ? 1 : 0);
		else
			for (const char *p = t->val[f]; *p; p++)
				sb_putc(&sb, *p == '\n' || *p == '\r' ? ' ' : *p);
		sb_putc(&sb, '\n');
	}
	sb_printf(&sb, "priority=%d\n", t->prio);
	return sb_steal(&sb);
}

bool ticket_draft_write(struct ticket *t, const char *key, bool empty)
{
	struct draft d = { 0 };
	char *text;
	bool ok;

	if (empty) {
		/* the open form: only when something was written (not at each draw) */
		if (t->draft_written || strcmp(key, TICKET_DRAFT_FORM))
			draft_remove(key);
		FREE(&t->draft_written);
		return true;
	}
	text = serialize(t);
	if (!strcmp(key, TICKET_DRAFT_FORM) && t->draft_written && !strcmp(text, t->draft_written)) {
		free(text);
		return true;   /* nothing new since the last write */
	}
	snprintf(d.key, sizeof d.key, "%s", key);
	snprintf(d.action, sizeof d.action, "ticket");
	d.text = text;
	ok = draft_save(&d);
	if (ok && !strcmp(key, TICKET_DRAFT_FORM)) {
		free(t->draft_written);
		t->draft_written = text;
	} else {
		free(text);
	}
	return ok;
}

bool ticket_draft_read(struct ticket *t, const char *key, time_t *saved)
{
	struct draft d;
	char *line, *save = NULL;

	if (!draft_load(key, &d))
		return false;
	*saved = d.saved;
	for (line = strtok_r(d.text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');

		if (!eq)
			continue;
		*eq++ = '\0';
		if (!strcmp(line, "opened")) {
			long long v = strtoll(eq, NULL, 10);

			if (v > 0)
				t->opened = (time_t)v;
			continue;
		}
		if (!strcmp(line, "priority")) {   /* PRIO_*: the urgent key's word */
			t->prio = *eq == '1' ? PRIO_URGENT : *eq == '2' ? PRIO_NORMAL : PRIO_DEFAULT;
			continue;
		}
		for (int f = 0; f < F_COUNT; f++) {
			if (strcmp(line, names[f]))
				continue;
			if (f == F_LINE)
				t->line = *eq == '1' ? LINE_COMMITTEE : LINE_POLICE;
			else if (f == F_CALLBACK)
				t->callback = *eq == '1';
			else {
				free(t->val[f]);
				t->val[f] = xstrdup(eq);
			}
		}
	}
	draft_free(&d);
	return true;
}
