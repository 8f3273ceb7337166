/* test_store_json.c - the flat JSON reader of the notifications
 * (store_json.c) against json-c: what it accepts json-c's strict mode
 * accepts, with the same members, integers and strings. */
#include "wardesk/wardesk.h"
#include "wardesk/store_json.h"

#include <json.h>

#include "unit.h"

/* json-c's strict mode over the n bytes of s (NUL-terminated: a number
 * at the end needs its end); false: refused.  *o: NULL for null. */
static bool jc_parse(const char *s, size_t n, struct json_object **o)
{
	struct json_tokener *tok = json_tokener_new();
	bool ok;

	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	*o = json_tokener_parse_ex(tok, s, (int)n + 1);
	ok = json_tokener_get_error(tok) == json_tokener_success &&
	     json_tokener_get_parse_end(tok) >= n && memchr(s, '\0', n) == NULL;
	if (!ok) {
		json_object_put(*o);
		*o = NULL;
	}
	json_tokener_free(tok);
	return ok;
}

static bool parses(const char *s)
{
	struct sj v;

	return sj_parse(s, strlen(s), &v);
}

static void test_grammar(void)
{
	static const char *const good[] = {
		"{}", "[]", "0", "-0", "1.5e-3", "-12E+2", "\"\"", "true", "false", "null",
		" {\"a\" : [1, 2, {\"b\":null}] , \"c\":\"\\u00e9\\n\\\"\"} ",
		"\"\\ud83d\\ude00\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
		"\"Nguy\xe1\xbb\x85n\"",
	};
	static const char *const bad[] = {
		"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{'a':1}", "01", "1.",
		".5", "+1", "-", "1e", "1e+", "NaN", "Infinity", "tru", "nul", "\"abc", "\"a\x01\"",
		"\"\\x\"", "\"\\u12G4\"", "\"\\u12\"", "[1] x", "{\"a\":1}}", "/* c */ 1", "[1 2]",
		"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
		"{\"a\":1,,\"b\":2}", "\"\\\"",
	};

	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		CHECK_NAMED(parses(good[i]), "accepts %s", good[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		CHECK_NAMED(!parses(bad[i]), "refuses %s", bad[i]);
}

/* sj_find_str (one walk) counts and finds as sj_next and sj_str_eq do. */
static bool find_agrees(struct sj arr)
{
	struct sj el;
	size_t pos = 0, cnt = 0, at = 0, got_at;

	if (arr.kind != SJ_ARR)
		return true;
	while (sj_next(arr, &pos, &el)) {
		if (!at && sj_str_eq(el, "o2"))
			at = cnt + 1;
		cnt++;
	}
	return sj_find_str(arr, "o2", &got_at, true) == cnt && got_at == at &&
	       sj_find_str(arr, "o2", &got_at, false) == (at ? at : cnt) && got_at == at;
}

/* Every top-level member of s as json-c reads it. */
static bool same_as_jsonc(const char *s, size_t n)
{
	struct sj v;
	struct sj_member m[SJ_MEMBERS];
	struct json_object *o;
	size_t nm;
	bool ok = true;

	struct sj_member m1[SJ_MEMBERS];
	size_t n1;
	bool one = sj_object(s, m1, SJ_MEMBERS, &n1);   /* the one-pass form agrees */

	if (!sj_parse(s, n, &v))
		return !one;                      /* (json-c may take more) */
	if (one != (v.kind == SJ_OBJ && sj_members(v, m, SJ_MEMBERS, &nm)) || (one && n1 != nm))
		return false;
	for (size_t i = 0; one && i < nm; i++)
		if (m1[i].key != m[i].key || m1[i].keylen != m[i].keylen ||
		    m1[i].v.kind != m[i].v.kind || m1[i].v.p != m[i].v.p || m1[i].v.n != m[i].v.n)
			return false;
	if (!jc_parse(s, n, &o))
		return false;                     /* we took what json-c refuses */
	if (v.kind == SJ_ARR && !find_agrees(v))
		ok = false;
	if (v.kind == SJ_OBJ && sj_members(v, m, SJ_MEMBERS, &nm) &&
	    !find_agrees(sj_get(m, nm, "to")))
		ok = false;
	if (v.kind == SJ_OBJ && sj_members(v, m, SJ_MEMBERS, &nm)) {
		for (size_t i = 0; i < nm && ok; i++) {
			char *key = sj_strdup((struct sj){ SJ_STR, m[i].key - 1, m[i].keylen + 2 }, NULL);
			struct sj mv;
			struct json_object *jv;
			int64_t iv;
			char *sv;
			size_t sl;

			if (!key)
				continue;
			mv = sj_get(m, nm, key);   /* the last of a key, as json-c */
			if (!json_object_object_get_ex(o, key, &jv))
				ok = strlen(key) != m[i].keylen && memchr(key, '\0', m[i].keylen);
			else if (mv.kind == SJ_NULL)
				ok = jv == NULL;
			else if (mv.kind == SJ_BOOL)
				ok = json_object_is_type(jv, json_type_boolean) &&
				     (*mv.p == 't') == json_object_get_boolean(jv);
			else if (sj_int(mv, &iv))
				ok = json_object_is_type(jv, json_type_int) && json_object_get_int64(jv) == iv;
			else if ((sv = sj_strdup(mv, &sl)) != NULL) {
				ok = json_object_is_type(jv, json_type_string) &&
				     (size_t)json_object_get_string_len(jv) == sl &&
				     !memcmp(json_object_get_string(jv), sv, sl);
				free(sv);
			}
			free(key);
		}
	}
	json_object_put(o);
	return ok;
}

static const char *const pieces[] = {
	"{", "}", "[", "]", ",", ":", "\"id\"", "\"to\"", "\"a\\u00e9\"", "\"\\ud83d\\ude00\"",
	"\"\\ud83d\"", "\"x\\\"y\"", "1", "-2", "0.5", "1e3", "9223372036854775807",
	"9223372036854775808", "-9223372036854775809", "true", "false", "null", " ", "\n", "\"\"",
	"\"o2\"", "\"o\\u0032\"", "\"o22\"", "[\"o2\"]",
	"\"Nguy\xe1\xbb\x85n\"", "\"\\u0000\"", "01", "\"\\/\"", "tr", "\"",
};

/* Random token soups and mutated payloads: never accepted where json-c
 * refuses, never read differently. */
static void test_against_jsonc(void)
{
	static const char *const payloads[] = {
		"{\"id\":7,\"v\":3,\"ward\":2,\"op\":\"report\",\"row\":{\"ref\":\"BN-1\",\"st\":\"new\","
		"\"ch\":\"hotline\",\"esc\":0,\"cat\":\"MT\",\"own\":null,\"dl\":1764640000,\"cl\":null,"
		"\"wm\":30,\"wa\":false,\"ak\":false,\"cb\":true,\"ln\":null,\"dup\":false,\"urg\":false,"
		"\"addr\":\"12 Nguy\xe1\xbb\x85n X\xc3\xad\",\"ph\":null,\"nm\":null,\"desc\":\"a\\nb\"}}",
		"{\"id\":9,\"case\":7,\"kind\":\"new\",\"to\":[\"o1\",\"o2\",\"o3\"],\"ids\":\"10-12\","
		"\"ref\":\"BN-1\",\"cat\":\"MT\",\"cat_vi\":\"M\xc3\xb4i tr\",\"cat_en\":\"Env\",\"addr\":null,\"desc\":null,"
		"\"dl\":1764640000,\"n\":0,\"about\":null,\"lvl\":0,\"res\":false}",
	};
	unsigned seed = 14;
	size_t bad = 0, runs = 0;
	char buf[2048];

	for (size_t i = 0; i < ARRAY_SIZE(payloads); i++)
		CHECK(parses(payloads[i]) && same_as_jsonc(payloads[i], strlen(payloads[i])));
	for (int r = 0; r < 60000; r++) {
		size_t n = 0;

		seed = seed * 1103515245u + 12345u;
		if (r % 2) {   /* a payload with a few bytes changed, cut or doubled */
			const char *p = payloads[(seed >> 8) % ARRAY_SIZE(payloads)];

			n = strlen(p);
			memcpy(buf, p, n);
			for (int k = 0; k < 1 + (int)((seed >> 20) % 3); k++) {
				seed = seed * 1103515245u + 12345u;
				buf[(seed >> 4) % n] = "{}[],:\"\\u0a1 -.eE"[(seed >> 16) % 17];
			}
		} else {
			int k = 1 + (int)((seed >> 16) % 12);

			while (k-- > 0) {
				const char *t;

				seed = seed * 1103515245u + 12345u;
				t = pieces[(seed >> 8) % ARRAY_SIZE(pieces)];
				if (n + strlen(t) >= sizeof buf)
					break;
				memcpy(buf + n, t, strlen(t));
				n += strlen(t);
			}
		}
		buf[n] = '\0';
		runs++;
		if (!same_as_jsonc(buf, n) && bad++ < 5)
			CHECK_NAMED(false, "differs from json-c: %.200s", buf);
	}
	CHECK_NAMED(bad == 0 && runs == 60000, "%zu of %zu differ", bad, runs);
}

static void test_members(void)
{
	const char *s = "{\"to\":[\"a\",\"b\\u0063\",3],\"k\\u0065y\":1,\"k\":2,\"k\":-3,\"t\":true,"
	                "\"big\":99999999999999999999,\"f\":1.0}";
	struct sj v, e;
	struct sj_member m[SJ_MEMBERS];
	size_t n = 0, pos = 0, i = 0;
	int64_t iv;
	bool b;

	CHECK(sj_parse(s, strlen(s), &v) && sj_members(v, m, SJ_MEMBERS, &n));
	CHECK_INT(n, 7);
	CHECK(sj_int(sj_get(m, n, "key"), &iv) && iv == 1);     /* an escaped key */
	CHECK(sj_int(sj_get(m, n, "k"), &iv) && iv == -3);      /* the last wins */
	CHECK(sj_int(sj_get(m, n, "big"), &iv) && iv == INT64_MAX);
	CHECK(!sj_int(sj_get(m, n, "f"), &iv));                 /* no integer */
	CHECK(sj_bool(sj_get(m, n, "t"), &b) && b);
	CHECK(sj_get(m, n, "none").kind == SJ_NONE);
	CHECK(!sj_int(sj_get(m, n, "none"), &iv) && !sj_strdup(sj_get(m, n, "none"), NULL));
	while (sj_next(sj_get(m, n, "to"), &pos, &e))
		i++;
	CHECK_INT(i, 3);
	pos = 0;
	CHECK(sj_next(sj_get(m, n, "to"), &pos, &e) && sj_str_eq(e, "a"));
	CHECK(sj_next(sj_get(m, n, "to"), &pos, &e) && sj_str_eq(e, "bc") && !sj_str_eq(e, "b"));
	CHECK(!sj_members(v, m, 6, &n));                        /* more than cap */
}

int main(void)
{
	RUN(test_grammar);
	RUN(test_members);
	RUN(test_against_jsonc);
	return unit_done();
}
