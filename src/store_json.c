/* store_json.c - a flat reader of the notifications' JSON (store_json.h). */
#include "wardesk/wardesk.h"

#include "wardesk/store_json.h"

#define SJ_DEPTH 32

static const char *skip_ws(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Four hex digits at p (e: the end); -1 when they are not. */
static long hex4(const char *p, const char *e)
{
	long v = 0;

	if (e - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int h = hexval(p[i]);

		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* The bytes a string's scan stops at: '"', '\\' and the controls. */
static const unsigned char stop[256] = {
	[0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1, [0x06] = 1,
	[0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0a] = 1, [0x0b] = 1, [0x0c] = 1, [0x0d] = 1,
	[0x0e] = 1, [0x0f] = 1, [0x10] = 1, [0x11] = 1, [0x12] = 1, [0x13] = 1, [0x14] = 1,
	[0x15] = 1, [0x16] = 1, [0x17] = 1, [0x18] = 1, [0x19] = 1, [0x1a] = 1, [0x1b] = 1,
	[0x1c] = 1, [0x1d] = 1, [0x1e] = 1, [0x1f] = 1, ['"'] = 1, ['\\'] = 1,
};

/* p at a string's opening quote: past its closing one; NULL if invalid. */
static const char *string_end(const char *p, const char *e)
{
	for (p++; p < e; p++) {
		unsigned char c;

		while (p < e && !stop[(unsigned char)*p])   /* the plain bytes, most of them */
			p++;
		if (p >= e)
			return NULL;
		c = (unsigned char)*p;
		if (c == '"')
			return p + 1;
		if (c < 0x20)
			return NULL;
		if (c != '\\')
			continue;
		if (++p >= e)
			return NULL;
		if (*p == 'u') {
			if (hex4(p + 1, e) < 0)
				return NULL;
			p += 4;
		} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
			return NULL;
		}
	}
	return NULL;
}

static const char *digits(const char *p, const char *e)
{
	const char *s = p;

	while (p < e && *p >= '0' && *p <= '9')
		p++;
	return p > s ? p : NULL;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static const char *number_end(const char *p, const char *e)
{
	if (p < e && *p == '-')
		p++;
	if (p < e && *p == '0')
		p++;
	else if (!(p = digits(p, e)))
		return NULL;
	if (p < e && *p == '.' && !(p = digits(p + 1, e)))
		return NULL;
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (!(p = digits(p, e)))
			return NULL;
	}
	return p;
}

static const char *word_end(const char *p, const char *e, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(e - p) >= n && !memcmp(p, w, n) ? p + n : NULL;
}

static const char *value_end(const char *p, const char *e, int depth, enum sj_kind *kind);

/* An object's members as its walk meets them (sj_object). */
struct rec {
	struct sj_member *m;
	size_t cap, n;
	bool over;
};

static void rec_add(struct rec *r, const char *key, const char *keyend, const char *v,
                    const char *vend, enum sj_kind k)
{
	if (r->n == r->cap) {
		r->over = true;
		return;
	}
	r->m[r->n].key = key + 1;
	r->m[r->n].keylen = (size_t)(keyend - key - 2);
	r->m[r->n].v.kind = k;
	r->m[r->n].v.p = v;
	r->m[r->n].v.n = (size_t)(vend - v);
	r->n++;
}

/* p at '{' or '[': past the matching close; NULL if invalid.  r: record
 * the members (of an object). */
static const char *container_end(const char *p, const char *e, int depth, struct rec *r)
{
	bool obj = *p == '{';
	char close = obj ? '}' : ']';
	enum sj_kind k;
	const char *key = NULL, *keyend = NULL, *v;

	if (depth >= SJ_DEPTH)
		return NULL;
	p = skip_ws(p + 1, e);
	if (p < e && *p == close)
		return p + 1;
	for (;;) {
		if (obj) {
			key = p;
			if (p >= e || *p != '"' || !(p = string_end(p, e)))
				return NULL;
			keyend = p;
			p = skip_ws(p, e);
			if (p >= e || *p != ':')
				return NULL;
			p = skip_ws(p + 1, e);
		}
		v = p;
		if (!(p = value_end(p, e, depth + 1, &k)))
			return NULL;
		if (r && obj)
			rec_add(r, key, keyend, v, p, k);
		p = skip_ws(p, e);
		if (p < e && *p == close)
			return p + 1;
		if (p >= e || *p != ',')
			return NULL;
		p = skip_ws(p + 1, e);
	}
}

/* p at a value: past it (and its kind); NULL if invalid. */
static const char *value_end(const char *p, const char *e, int depth, enum sj_kind *kind)
{
	*kind = SJ_NONE;
	if (p >= e)
		return NULL;
	switch (*p) {
	case '{': *kind = SJ_OBJ; return container_end(p, e, depth, NULL);
	case '[': *kind = SJ_ARR; return container_end(p, e, depth, NULL);
	case '"': *kind = SJ_STR; return string_end(p, e);
	case 't': *kind = SJ_BOOL; return word_end(p, e, "true");
	case 'f': *kind = SJ_BOOL; return word_end(p, e, "false");
	case 'n': *kind = SJ_NULL; return word_end(p, e, "null");
	default: *kind = SJ_NUM; return number_end(p, e);
	}
}

bool sj_parse(const char *s, size_t n, struct sj *out)
{
	const char *e, *p, *end;
	enum sj_kind k;

	memset(out, 0, sizeof *out);
	if (!s)
		return false;
	if (n == (size_t)-1)
		n = strlen(s);
	e = s + n;
	p = skip_ws(s, e);
	if (!(end = value_end(p, e, 0, &k)) || skip_ws(end, e) != e)
		return false;
	out->kind = k;
	out->p = p;
	out->n = (size_t)(end - p);
	return true;
}

bool sj_object(const char *s, struct sj_member *m, size_t cap, size_t *n)
{
	const char *e, *p, *end;
	struct rec r = { m, cap, 0, false };

	*n = 0;
	if (!s)
		return false;
	e = s + strlen(s);
	p = skip_ws(s, e);
	if (p >= e || *p != '{' || !(end = container_end(p, e, 0, &r)) || skip_ws(end, e) != e ||
	    r.over)
		return false;
	*n = r.n;
	return true;
}

/* The values inside a validated container, one by one (*pos: the offset of
 * the next; keys too when key is not NULL). */
static bool next_in(struct sj c, size_t *pos, struct sj_member *m)
{
	const char *e = c.p + c.n - 1, *p = c.p + (*pos ? *pos : 1), *end;
	struct sj *v = &m->v;

	p = skip_ws(p, e);
	if (p < e && *p == ',')
		p = skip_ws(p + 1, e);
	if (p >= e)
		return false;
	m->key = NULL;
	m->keylen = 0;
	if (c.kind == SJ_OBJ) {
		end = string_end(p, e);   /* valid: sj_parse */
		m->key = p + 1;
		m->keylen = (size_t)(end - p - 2);
		p = skip_ws(skip_ws(end, e) + 1, e);   /* past ':' */
	}
	end = value_end(p, e, 1, &v->kind);
	v->p = p;
	v->n = (size_t)(end - p);
	*pos = (size_t)(end - c.p);
	return true;
}

bool sj_members(struct sj obj, struct sj_member *m, size_t cap, size_t *n)
{
	size_t pos = 0;

	*n = 0;
	if (obj.kind != SJ_OBJ)
		return false;
	for (;;) {
		struct sj_member one;

		if (!next_in(obj, &pos, &one))
			return true;
		if (*n == cap)
			return false;
		m[(*n)++] = one;
	}
}

bool sj_next(struct sj arr, size_t *pos, struct sj *elem)
{
	struct sj_member one;

	if (arr.kind != SJ_ARR || !next_in(arr, pos, &one))
		return false;
	*elem = one.v;
	return true;
}

size_t sj_find_str(struct sj arr, const char *s, size_t *at, bool all)
{
	const char *p, *e, *end;
	size_t n = 0, slen = strlen(s);
	bool found = false, plain = !memchr(s, '\\', slen);

	*at = 0;
	if (arr.kind != SJ_ARR)
		return 0;
	p = arr.p + 1;
	e = arr.p + arr.n - 1;   /* the ']' */
	for (;;) {
		enum sj_kind k;

		p = skip_ws(p, e);
		if (p >= e)
			return n;
		if (*p == '"') {   /* the common case, without value_end's switch */
			end = string_end(p, e);
			k = SJ_STR;
		} else {
			end = value_end(p, e, 1, &k);
		}
		if (!found && k == SJ_STR) {
			struct sj v = { SJ_STR, p, (size_t)(end - p) };

			/* an escape only makes the text longer than what it says */
			if (!plain ? sj_str_eq(v, s)
			    : v.n == slen + 2 ? !memcmp(p + 1, s, slen)
			    : v.n > slen + 2 && sj_str_eq(v, s)) {
				found = true;
				*at = n + 1;
				if (!all)
					return n + 1;
			}
		}
		n++;
		p = skip_ws(end, e);
		if (p < e && *p == ',')
			p++;
	}
}

/* Decode the string between q and e (no quotes) into out (room for e - q
 * bytes and a NUL: UTF-8 of an escape is never longer than it); its
 * length, or -1 for a lone surrogate. */
static long decode(const char *q, const char *e, char *out)
{
	char *o = out;

	while (q < e) {
		long u;

		if (*q != '\\') {
			*o++ = *q++;
			continue;
		}
		q++;
		switch (*q) {
		case 'b': *o++ = '\b'; q++; continue;
		case 'f': *o++ = '\f'; q++; continue;
		case 'n': *o++ = '\n'; q++; continue;
		case 'r': *o++ = '\r'; q++; continue;
		case 't': *o++ = '\t'; q++; continue;
		case 'u': break;
		default: *o++ = *q++; continue;   /* " \ / */
		}
		u = hex4(q + 1, e);
		q += 5;
		if (u >= 0xDC00 && u <= 0xDFFF)
			return -1;
		if (u >= 0xD800 && u <= 0xDBFF) {
			long lo = e - q >= 6 && q[0] == '\\' && q[1] == 'u' ? hex4(q + 2, e) : -1;

			if (lo < 0xDC00 || lo > 0xDFFF)
				return -1;
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			q += 6;
		}
		if (u < 0x80) {
			*o++ = (char)u;
		} else if (u < 0x800) {
			*o++ = (char)(0xC0 | (u >> 6));
			*o++ = (char)(0x80 | (u & 0x3F));
		} else if (u < 0x10000) {
			*o++ = (char)(0xE0 | (u >> 12));
			*o++ = (char)(0x80 | ((u >> 6) & 0x3F));
			*o++ = (char)(0x80 | (u & 0x3F));
		} else {
			*o++ = (char)(0xF0 | (u >> 18));
			*o++ = (char)(0x80 | ((u >> 12) & 0x3F));
			*o++ = (char)(0x80 | ((u >> 6) & 0x3F));
			*o++ = (char)(0x80 | (u & 0x3F));
		}
	}
	*o = '\0';
	return o - out;
}

char *sj_strdup(struct sj v, size_t *len)
{
	char *out;
	long n;

	if (v.kind != SJ_STR)
		return NULL;
	out = xmalloc(v.n);   /* the quotes' room holds the NUL */
	n = decode(v.p + 1, v.p + v.n - 1, out);
	if (n < 0) {
		free(out);
		return NULL;
	}
	if (len)
		*len = (size_t)n;
	return out;
}

/* The raw text between quotes equals s (no escape in it). */
static bool raw_eq(const char *p, size_t n, const char *s)
{
	return !memchr(p, '\\', n) && strlen(s) == n && !memcmp(p, s, n);
}

bool sj_str_eq(struct sj v, const char *s)
{
	size_t n;
	char *d;
	bool eq;

	if (v.kind != SJ_STR)
		return false;
	if (!memchr(v.p + 1, '\\', v.n - 2))
		return raw_eq(v.p + 1, v.n - 2, s);
	d = sj_strdup(v, &n);
	eq = d && n == strlen(s) && !memcmp(d, s, n);
	free(d);
	return eq;
}

struct sj sj_get(const struct sj_member *m, size_t n, const char *key)
{
	struct sj none = { SJ_NONE, NULL, 0 };
	size_t klen = strlen(key);

	for (size_t i = n; i-- > 0;) {
		if (m[i].keylen < klen)
			continue;   /* an escape only makes a key's text longer */
		if (m[i].keylen == klen && !memcmp(m[i].key, key, klen))
			return m[i].v;   /* (no escape can hide in an equal text) */
		if (m[i].keylen > klen && memchr(m[i].key, '\\', m[i].keylen)) {
			struct sj k = { SJ_STR, m[i].key - 1, m[i].keylen + 2 };

			if (sj_str_eq(k, key))
				return m[i].v;
		}
	}
	return none;
}

bool sj_int(struct sj v, int64_t *out)
{
	const char *p = v.p, *e;
	bool neg = false;
	uint64_t u = 0, lim;

	*out = 0;
	if (v.kind != SJ_NUM || memchr(p, '.', v.n) || memchr(p, 'e', v.n) || memchr(p, 'E', v.n))
		return false;   /* (no pointer arithmetic on SJ_NONE's NULL) */
	e = v.p + v.n;
	if (*p == '-') {
		neg = true;
		p++;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; p < e; p++) {
		unsigned d = (unsigned)(*p - '0');

		if (u > (lim - d) / 10) {   /* json-c: out of range is clamped */
			u = lim;
			break;
		}
		u = u * 10 + d;
	}
	*out = neg ? (u == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)u) : (int64_t)u;
	return true;
}

bool sj_bool(struct sj v, bool *out)
{
	*out = v.kind == SJ_BOOL && *v.p == 't';
	return v.kind == SJ_BOOL;
}
