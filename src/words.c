/* words.c - the domain words table (words.h).  Adding a state, role,
 * channel or closing reason: a row here, the enum value, and the CHECK
 * constraint in SQL (tests/cli/words.sh fails until all three agree). */
#include "wardesk/wardesk.h"

#include <locale.h>

#include "wardesk/words.h"

static const struct word words[] = {
	{ WORD_STATE, WD_NEW, "new", N_("new"), N_("new") },
	{ WORD_STATE, WD_IN_PROGRESS, "in_progress", N_("in progress"), N_("in progress") },
	{ WORD_STATE, WD_RESOLVED, "resolved", N_("resolved"), N_("resolved") },
	{ WORD_STATE, WD_REOPENED, "reopened", N_("reopened"), N_("reopened") },

	{ WORD_ROLE, WD_ROLE_HOTLINE, "hotline", N_("hotline"), N_("hotline") },
	{ WORD_ROLE, WD_ROLE_OFFICER, "officer", N_("officer"), N_("officer") },
	{ WORD_ROLE, WD_ROLE_CHAIR, "chair", N_("chair"), N_("chair") },

	{ WORD_CHANNEL, WD_CH_APP, "app", N_("app"), N_("app") },
	{ WORD_CHANNEL, WD_CH_HOTLINE, "hotline", N_("phone"), N_("phone") },
	{ WORD_CHANNEL, WD_CH_WALKIN, "walkin", N_("desk"), N_("desk") },
	{ WORD_CHANNEL, WD_CH_IMPORT, "import", N_("feed"), N_("feed") },

	{ WORD_REASON, WD_REASON_DONE, "done", N_("done"), N_("done") },
	{ WORD_REASON, WD_REASON_TRANSFERRED, "transferred", N_("transferred to another unit"),
	  N_("transferred to another unit") },
	{ WORD_REASON, WD_REASON_NOT_OURS, "not_ours", N_("not ours"), N_("not ours") },
	{ WORD_REASON, WD_REASON_DUPLICATE, "duplicate", N_("duplicate"), N_("duplicate") },
};

const char *word_kind_name(enum word_kind k)
{
	static const char *const names[WORD_KIND_COUNT] = {
		[WORD_STATE] = "state", [WORD_ROLE] = "role",
		[WORD_CHANNEL] = "channel", [WORD_REASON] = "reason",
	};

	return (unsigned)k < WORD_KIND_COUNT ? names[k] : "?";
}

const struct word *word_at(enum word_kind k, size_t i)
{
	size_t j;

	for (j = 0; j < ARRAY_SIZE(words); j++)
		if (words[j].kind == k && i-- == 0)
			return &words[j];
	return NULL;
}

const struct word *word_find(enum word_kind k, int value)
{
	size_t j;

	for (j = 0; j < ARRAY_SIZE(words); j++)
		if (words[j].kind == k && words[j].value == value)
			return &words[j];
	return NULL;
}

const struct word *word_find_db(enum word_kind k, const char *db)
{
	size_t j;

	for (j = 0; db && j < ARRAY_SIZE(words); j++)
		if (words[j].kind == k && !strcmp(words[j].db, db))
			return &words[j];
	return NULL;
}

const char *word_label(enum word_kind k, int value)
{
	const struct word *w = word_find(k, value);

	return w ? _(w->label) : "?";
}

const char *word_long(enum word_kind k, int value)
{
	const struct word *w = word_find(k, value);

	return w ? _(w->long_label) : "?";
}

const char *word_reason_label(const char *db)
{
	const struct word *w;

	if (!db)
		return "";
	w = word_find_db(WORD_REASON, db);
	return w ? _(w->long_label) : db;
}

const char *word_channel_label(const char *db)
{
	const struct word *w;

	if (!db)
		return "";
	w = word_find_db(WORD_CHANNEL, db);
	return w ? _(w->label) : db;
}

const char *word_role_label(enum wd_role r)
{
	return word_find(WORD_ROLE, (int)r) ? word_label(WORD_ROLE, (int)r) : _("not an officer");
}

bool word_lang_vi(void)
{
	const char *l = getenv("LANGUAGE"), *m;

	if (l && *l)
		return !strncmp(l, "vi", 2);
	m = setlocale(LC_MESSAGES, NULL);
	return m && !strncmp(m, "vi", 2);
}

const char *word_name(const char *vi, const char *en)
{
	const char *first = word_lang_vi() ? vi : en, *other = first == vi ? en : vi;

	return first && *first ? first : other ? other : "";
}
