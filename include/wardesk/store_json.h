/* store_json.h - a flat reader of the notifications' JSON (store_json.c).
 *
 * Every console parses every notification of its ward: with json-c that
 * was an object per member and a string per value (an alert's payload
 * names up to 200 recipients: 200 strings built to find one login), about
 * a third of a console's CPU per new case.  This reader builds nothing: it
 * validates the text once (RFC 8259, strictly: what it accepts json-c's
 * strict mode accepts too, tests/unit/test_store_json.c), then hands out
 * the spans of values, and decodes a string only when asked.  Outside
 * input (a login of the ward can NOTIFY anything): fuzzed by fuzz_notify. */
#ifndef WARDESK_STORE_JSON_H
#define WARDESK_STORE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sj_kind { SJ_NONE, SJ_NULL, SJ_BOOL, SJ_NUM, SJ_STR, SJ_ARR, SJ_OBJ };

/* A value inside a validated text: its kind and its bytes. */
struct sj {
	enum sj_kind kind;
	const char *p;
	size_t n;
};

/* An object's member: the key's bytes between its quotes, and the value. */
struct sj_member {
	const char *key;
	size_t keylen;
	struct sj v;
};

#define SJ_MEMBERS 48   /* members an object of ours may have (more: refused) */

/* The whole of s (n bytes, or strlen when n is (size_t)-1) as one JSON
 * value with white space around it, nested at most 32 deep.  false: not
 * JSON (*out is SJ_NONE). */
bool sj_parse(const char *s, size_t n, struct sj *out);

/* sj_parse and sj_members of a whole NUL-terminated text in one pass:
 * false when it is no object, or one of more than cap members. */
bool sj_object(const char *s, struct sj_member *m, size_t cap, size_t *n);

/* An object's members, in order (a key given twice: sj_get takes the
 * last, as json-c does).  false: not an object, or more than cap. */
bool sj_members(struct sj obj, struct sj_member *m, size_t cap, size_t *n);

/* The member key (SJ_NONE when there is none). */
struct sj sj_get(const struct sj_member *m, size_t n, const char *key);

/* An array's elements one by one: *pos starts at 0; false after the last. */
bool sj_next(struct sj arr, size_t *pos, struct sj *elem);

/* The elements of array arr, counted (all: every one; else up to the
 * first that is s); *at: 1 + the index of the first that is the string s
 * (0: none).  One walk, no element handed out (an alert's recipients: up
 * to 200 logins per notification per console). */
size_t sj_find_str(struct sj arr, const char *s, size_t *at, bool all);

/* An integer (no fraction, no exponent), clamped to int64 as json-c does. */
bool sj_int(struct sj v, int64_t *out);
bool sj_bool(struct sj v, bool *out);

/* A string decoded, as a heap copy (its length in *len, which is less than
 * strlen when it holds a \u0000); NULL: not a string, or an escape that is
 * no character (a lone surrogate). */
char *sj_strdup(struct sj v, size_t *len);

/* Whether v is the string s (decoded). */
bool sj_str_eq(struct sj v, const char *s);

#endif
