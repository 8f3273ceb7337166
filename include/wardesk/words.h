/* words.h - the domain words in one table: case states, officer roles,
 * channels and closing reasons, each with its database spelling (the
 * CHECK constraints of sql/001_core.sql; tests/cli/words.sh compares them),
 * its C enum value (store.h's WD_* enums; enum wd_reason below for the
 * reasons, which have no store enum) and its short and long labels
 * (English msgids, translated when asked for).  Priorities (urgent/normal)
 * are not here: the database has no priority column yet.
 *
 * Layer: model and case rules (no curses, no database). */
#ifndef WARDESK_WORDS_H
#define WARDESK_WORDS_H

#include "wardesk/store.h"

enum word_kind { WORD_STATE, WORD_ROLE, WORD_CHANNEL, WORD_REASON, WORD_KIND_COUNT };

/* Closing reasons (cases.close_reason). */
enum wd_reason {
	WD_REASON_DONE, WD_REASON_TRANSFERRED, WD_REASON_NOT_OURS, WD_REASON_DUPLICATE,
	WD_REASON_COUNT
};

struct word {
	enum word_kind kind;
	int value;              /* enum wd_state / wd_role / wd_channel / wd_reason */
	const char *db;         /* the database's spelling: "in_progress" */
	const char *label;      /* short label msgid (queue columns): "in progress" */
	const char *long_label; /* long label msgid (sentences, detail) */
};

/* The kind's name as the test prints it: "state", "role", "channel", "reason". */
const char *word_kind_name(enum word_kind k);
/* The rows of one kind, in enum order: i = 0, 1, ... until NULL. */
const struct word *word_at(enum word_kind k, size_t i);
const struct word *word_find(enum word_kind k, int value);        /* NULL: none */
const struct word *word_find_db(enum word_kind k, const char *db); /* NULL: none */
/* The translated short / long label of value, "?" when unknown. */
const char *word_label(enum word_kind k, int value);
const char *word_long(enum word_kind k, int value);
/* The translated long label of a closing reason spelled as in the database;
 * "" for NULL, the spelling itself when unknown. */
const char *word_reason_label(const char *db);
/* The translated short label of a channel spelled as in the database
 * ("hotline" -> "phone"): the one word for a channel in every text for
 * people (queue, detail, statistics, show, ls); machine formats keep the
 * database's spelling.  "" for NULL, the spelling itself when unknown. */
const char *word_channel_label(const char *db);
/* The translated role label; "not an officer" for WD_ROLE_NONE. */
const char *word_role_label(enum wd_role r);
/* Whether messages are Vietnamese (LANGUAGE, else LC_MESSAGES): names the
 * database keeps in both languages (categories, delay reasons) are shown
 * in that one.  word_name: vi or en by it, the other when that one is
 * NULL or empty, "" when both are. */
bool word_lang_vi(void);
const char *word_name(const char *vi, const char *en);

#endif
