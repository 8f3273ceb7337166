/* refusals.h - the database's refusals in the user's language.
 *
 * Every rule in sql/code that refuses raises its own SQLSTATE
 * (WDcnn: the class digit c says what kind of refusal it is, see
 * sql/README.md) and puts its parameters in DETAIL as a JSON object of
 * strings ({"ref": "BT-3", "holder": "an (Trần Văn An)"}).  refusals.c holds
 * the one table SQLSTATE -> msgid with named parameters ("{ref} is already
 * held by {holder}"), the English wording of the server's message; the
 * msgid is translated and the parameters filled in from DETAIL.
 * tests/cli/refusals_vi.sh checks that every WD code raised in sql/code has
 * a row here.
 *
 * Layer: base (no database, no curses). */
#ifndef WARDESK_REFUSALS_H
#define WARDESK_REFUSALS_H

/* The refusal sqlstate/detail in the current language, sanitised for a
 * terminal, into buf (always terminated).  false (buf untouched) when the
 * SQLSTATE has no row or DETAIL lacks one of the message's parameters: the
 * caller then shows the server's own message. */
bool refusal_text(const char *sqlstate, const char *detail, char *buf, size_t len);

/* The table's i-th SQLSTATE (i = 0, 1, ... until NULL), for tests. */
const char *refusal_code_at(size_t i);

#endif
