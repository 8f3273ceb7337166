/* open311.c - Open311 GeoReport v2 service requests as JSON (see open311.h).
 *
 * The document is parsed with json-c (strict mode, UTF-8 validated), then
 * every item is checked; problems are collected, not fatal, so one run
 * reports all of them. */
#include "wardesk/wardesk.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <strings.h>

#include <json.h>

#include "wardesk/open311.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

#define MAX_ERRORS 200
#define MAX_ID 200
#define MAX_DESCRIPTION 4000
#define MAX_TEXT 4000

/* ---- errors ---------------------------------------------------------- */

static void err_add(struct o311_errors *e, const char *fmt, ...) WD_PRINTF(2, 3);
static void err_add(struct o311_errors *e, const char *fmt, ...)
{
	va_list ap;
	struct strbuf sb = { 0 };
	char buf[512];

	if (e->n >= MAX_ERRORS) {
		e->n++;   /* counted, not kept */
		return;
	}
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sb_puts(&sb, buf);
	if (e->n + 1 >= e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->v = xreallocarray(e->v, e->cap, sizeof *e->v);
	}
	e->v[e->n++] = sb_steal(&sb);
	e->v[e->n] = NULL;
}

void o311_errors_free(struct o311_errors *errs)
{
	size_t kept = errs->n < MAX_ERRORS ? errs->n : MAX_ERRORS;

	for (size_t i = 0; i < kept; i++)
		free(errs->v[i]);
	free(errs->v);
	memset(errs, 0, sizeof *errs);
}

/* A short, printable quote of an untrusted value for a message. */
static char *quote(const char *s, size_t len)
{
	char *cut = xstrndup(s, len > 60 ? 60 : len), *safe;

	/* do not end in the middle of a UTF-8 sequence */
	for (size_t n = strlen(cut); n > 0 && ((unsigned char)cut[n - 1] & 0xC0) == 0x80; n--)
		cut[n - 1] = '\0';
	if (strlen(cut) && ((unsigned char)cut[strlen(cut) - 1] & 0xC0) == 0xC0)
		cut[strlen(cut) - 1] = '\0';
	safe = text_sanitize(cut, false);
	free(cut);
	if (len > 60) {
		char *more = xasprintf("%s…", safe);

		free(safe);
		return more;
	}
	return safe;
}

/* ---- requests -------------------------------------------------------- */

void o311_request_free(struct o311_request *r)
{
	if (!r)
		return;
	free(r->id);
	free(r->service_code);
	free(r->service_name);
	free(r->description);
	free(r->status);
	free(r->status_notes);
	free(r->agency);
	free(r->address);
	free(r->address_id);
	free(r->zipcode);
	free(r->media_url);
	free(r->rating_comment);
	memset(r, 0, sizeof *r);
}

void o311_feed_add(struct o311_feed *feed, const struct o311_request *r)
{
	if (feed->n + 1 >= feed->cap) {
		feed->cap = feed->cap ? feed->cap * 2 : 16;
		feed->v = xreallocarray(feed->v, feed->cap, sizeof *feed->v);
	}
	feed->v[feed->n++] = *r;
}

void o311_feed_free(struct o311_feed *feed)
{
	for (size_t i = 0; i < feed->n; i++)
		o311_request_free(&feed->v[i]);
	free(feed->v);
	memset(feed, 0, sizeof *feed);
}

/* ---- item checks ----------------------------------------------------- */

struct item_ctx {
	struct o311_errors *errs;
	size_t index;             /* 1-based */
	const char *id;           /* for messages, may be NULL */
	bool bad;
};

static void item_err(struct item_ctx *c, const char *fmt, ...) WD_PRINTF(2, 3);
static void item_err(struct item_ctx *c, const char *fmt, ...)
{
	va_list ap;
	char buf[400];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	c->bad = true;
	if (c->id) {
		char *q = quote(c->id, strlen(c->id));

		err_add(c->errs, "item %zu (%s): %s", c->index, q, buf);
		free(q);
	} else {
		err_add(c->errs, "item %zu: %s", c->index, buf);
	}
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The first control character of s (valid UTF-8): C0, DEL or C1 (U+0080 to
 * U+009F), but TAB, LF and CR when multiline.  Returns its code point and
 * sets *at to its position in characters (1-based); 0 when there is none.
 * json-c takes raw control bytes inside strings (RFC 8259 does not), and an
 * escaped one (\u001b) is no better: neither belongs in a case. */
static unsigned control_char(const char *s, bool multiline, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;

	*at = 0;
	for (; *p; p++) {
		unsigned cp = *p;

		if ((*p & 0xC0) == 0x80)
			continue;
		++*at;
		if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return 0x80u + (p[1] - 0x80u);
		if (cp >= 0x80)
			continue;
		if (cp == 0x7F || (cp < 0x20 && !(multiline && (cp == '\t' || cp == '\n' || cp == '\r'))))
			return cp;
	}
	*at = 0;
	return 0;
}

/* Members GeoReport v2 servers send as numbers as often as strings (the
 * spec's own example: "service_request_id":638344, "address_id":545483,
 * "zipcode":94122, "service_code":006): a whole JSON number is taken as its
 * digits. */
static bool id_like(const char *key)
{
	static const char *const keys[] = { "service_request_id", "service_code", "address_id",
	                                    "zipcode" };

	for (size_t i = 0; i < ARRAY_SIZE(keys); i++)
		if (!strcmp(key, keys[i]))
			return true;
	return false;
}

/* s without the white space at either end (in place). */
static void trim(char *s)
{
	size_t n = strlen(s), k = 0;

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	while (isspace((unsigned char)s[k]))
		k++;
	memmove(s, s + k, n - k + 1);
}

/* A string member: NULL when absent or null; *out is NFC, NUL-free, valid,
 * without control characters (TAB, LF, CR only in description,
 * status_notes and rating_comment).  required: absent/blank is an error.
 * maxc: most characters (0: any). */
static void get_text(struct item_ctx *c, struct json_object *o, const char *key, bool required,
                     size_t maxc, char **out)
{
	struct json_object *v;
	const char *s;
	size_t len, bad;
	char *nfc;

	*out = NULL;
	if (!json_object_object_get_ex(o, key, &v) || !v) {
		if (required)
			item_err(c, "%s is missing", key);
		return;
	}
	if (json_object_is_type(v, json_type_int) && id_like(key)) {
		*out = xasprintf("%" PRId64, json_object_get_int64(v));
		return;
	}
	if (!json_object_is_type(v, json_type_string)) {
		item_err(c, "%s must be a string", key);
		return;
	}
	s = json_object_get_string(v);
	len = (size_t)json_object_get_string_len(v);
	if (memchr(s, '\0', len)) {
		item_err(c, "%s contains a NUL character", key);
		return;
	}
	if (!text_valid_utf8(s, len, &bad)) {
		item_err(c, "%s is not valid UTF-8 (bad byte at offset %zu)", key, bad);
		return;
	}
	{
		bool multiline = !strcmp(key, "description") || !strcmp(key, "status_notes") ||
		                 !strcmp(key, "rating_comment");
		size_t at;
		unsigned cc = control_char(s, multiline, &at);

		if (cc) {
			item_err(c, "%s contains a control character (U+%04X at character %zu)", key, cc, at);
			return;
		}
	}
	if (required && blank(s)) {
		item_err(c, "%s is blank", key);
		return;
	}
	nfc = text_nfc(s);
	if (!nfc) {
		item_err(c, "%s is not valid UTF-8", key);
		return;
	}
	if (maxc && utf8_chars(nfc) > maxc) {
		item_err(c, "%s is too long (%zu characters, at most %zu)", key, utf8_chars(nfc), maxc);
		free(nfc);
		return;
	}
	if (!required && blank(nfc)) {
		free(nfc);
		return;
	}
	*out = nfc;
}

static void get_time(struct item_ctx *c, struct json_object *o, const char *key, bool required,
                     time_t *out)
{
	struct json_object *v;
	const char *s;

	*out = 0;
	if (!json_object_object_get_ex(o, key, &v) || !v) {
		if (required)
			item_err(c, "%s is missing", key);
		return;
	}
	if (!json_object_is_type(v, json_type_string)) {
		item_err(c, "%s must be a string (ISO 8601)", key);
		return;
	}
	s = json_object_get_string(v);
	if ((size_t)json_object_get_string_len(v) != strlen(s) || time_parse(s, out) != 0 || *out <= 0) {
		char *q = quote(s, strlen(s));

		item_err(c, "%s \"%s\" is not ISO 8601 (e.g. 2026-11-23T07:42:10+07:00)", key, q);
		free(q);
		*out = 0;
	}
}

/* A coordinate: a JSON number or a numeric string.  0 ok, 1 absent, -1 bad. */
static int get_coord(struct item_ctx *c, struct json_object *o, const char *key, double lim,
                     double *out)
{
	struct json_object *v;
	char *end;

	if (!json_object_object_get_ex(o, key, &v) || !v)
		return 1;
	if (json_object_is_type(v, json_type_double) || json_object_is_type(v, json_type_int)) {
		*out = json_object_get_double(v);
	} else if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);

		if (blank(s))
			return 1;
		*out = strtod(s, &end);
		if (end == s || !blank(end)) {
			char *q = quote(s, strlen(s));

			item_err(c, "%s \"%s\" is not a number", key, q);
			free(q);
			return -1;
		}
	} else {
		item_err(c, "%s must be a number", key);
		return -1;
	}
	if (!isfinite(*out) || *out < -lim || *out > lim) {
		item_err(c, "%s %g is out of range (-%g..%g)", key, *out, lim, lim);
		return -1;
	}
	return 0;
}

static bool http_url(const char *s)
{
	size_t skip;

	if (!strncasecmp(s, "http://", 7))
		skip = 7;
	else if (!strncasecmp(s, "https://", 8))
		skip = 8;
	else
		return false;
	if (!s[skip])
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return false;
	return true;
}

/* description, and media_url with it: GeoReport v2 lets a request with a
 * photo have no description ("description": null); the case then says what
 * the request is by its service_name, else that it is a photo.  The URL is
 * taken without white space at its ends (the spec's example has a trailing
 * space). */
static void get_description(struct item_ctx *c, struct json_object *o, struct o311_request *r)
{
	struct json_object *v;
	bool absent = !json_object_object_get_ex(o, "description", &v) || !v;

	get_text(c, o, "media_url", false, 2000, &r->media_url);
	if (r->media_url) {
		trim(r->media_url);
		if (!*r->media_url) {
			free(r->media_url);
			r->media_url = NULL;
		}
	}
	if (r->media_url && absent) {
		get_text(c, o, "service_name", false, 200, &r->description);
		if (!r->description)
			r->description = xstrdup("(ảnh, không có mô tả)");
		return;
	}
	get_text(c, o, "description", true, MAX_DESCRIPTION, &r->description);
}

static void parse_item(struct item_ctx *c, struct json_object *o, struct o311_request *r)
{
	struct json_object *v;
	int la, lo;

	memset(r, 0, sizeof *r);
	if (!json_object_is_type(o, json_type_object)) {
		item_err(c, "not an object");
		return;
	}
	get_text(c, o, "service_request_id", true, MAX_ID, &r->id);
	c->id = r->id;
	get_text(c, o, "service_code", true, 64, &r->service_code);
	get_text(c, o, "service_name", false, 200, &r->service_name);
	get_description(c, o, r);
	get_text(c, o, "status", false, 16, &r->status);
	if (r->status && strcmp(r->status, "open") && strcmp(r->status, "closed")) {
		char *q = quote(r->status, strlen(r->status));

		item_err(c, "status \"%s\" is not open or closed", q);
		free(q);
	}
	if (!r->status)
		r->status = xstrdup("open");
	get_text(c, o, "status_notes", false, MAX_TEXT, &r->status_notes);
	get_text(c, o, "agency_responsible", false, 200, &r->agency);
	get_time(c, o, "requested_datetime", true, &r->requested);
	get_time(c, o, "updated_datetime", false, &r->updated);
	get_time(c, o, "expected_datetime", false, &r->expected);
	get_text(c, o, "address", false, 500, &r->address);
	get_text(c, o, "address_id", false, 200, &r->address_id);
	get_text(c, o, "zipcode", false, 32, &r->zipcode);
	la = get_coord(c, o, "lat", 90, &r->lat);
	lo = get_coord(c, o, "long", 180, &r->lon);
	if (la == 0 && lo == 0)
		r->has_coords = true;
	else if ((la == 0) != (lo == 0) && la >= 0 && lo >= 0)
		item_err(c, "lat and long go together (one is missing)");
	if (r->media_url && !http_url(r->media_url)) {
		char *q = quote(r->media_url, strlen(r->media_url));

		item_err(c, "media_url \"%s\" is not an http(s) URL", q);
		free(q);
	}
	if (json_object_object_get_ex(o, "rating", &v) && v) {
		if (!json_object_is_type(v, json_type_int) || json_object_get_int64(v) < 1 ||
		    json_object_get_int64(v) > 5)
			item_err(c, "rating must be a whole number from 1 to 5");
		else
			r->rating = (int)json_object_get_int64(v);
	}
	get_text(c, o, "rating_comment", false, MAX_TEXT, &r->rating_comment);
}

static int cmp_id(const void *a, const void *b)
{
	const struct o311_request *const *x = a, *const *y = b;
	int d = strcmp((*x)->id, (*y)->id);

	return d ? d : ((*x) < (*y) ? -1 : (*x) > (*y));
}

/* line:column (1-based, column in characters) of byte offset off. */
static void position(const char *buf, size_t len, size_t off, size_t *line, size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* The spec's own example writes "service_code":006, which JSON does not
 * allow (no leading zeros).  A whole number with leading zeros outside a
 * string, as a member's value or an array element, is taken as a string of
 * its digits ("006"); anything else stays as it is for the strict parser.
 * Returns a new buffer (its length in *outlen), or NULL when there is
 * none. */
static char *quote_leading_zeros(const char *buf, size_t len, size_t *outlen)
{
	struct strbuf sb = { 0 };
	bool in_str = false, changed = false;
	char prev = '\0';   /* the last byte outside white space, outside strings */

	for (size_t i = 0; i < len; i++) {
		char ch = buf[i];

		if (in_str) {
			if (ch == '\\' && i + 1 < len)
				sb_putc(&sb, buf[i++]);
			else if (ch == '"')
				in_str = false;
			sb_putc(&sb, buf[i]);
			continue;
		}
		if (ch == '0' && i + 1 < len && isdigit((unsigned char)buf[i + 1]) &&
		    (prev == ':' || prev == '[' || prev == ',')) {
			size_t j = i;

			while (j < len && isdigit((unsigned char)buf[j]))
				j++;
			if (j == len || strchr(" \t\r\n,]}", buf[j])) {
				sb_putc(&sb, '"');
				for (; i < j; i++)
					sb_putc(&sb, buf[i]);
				sb_putc(&sb, '"');
				i--;
				prev = '0';
				changed = true;
				continue;
			}
		}
		if (ch == '"')
			in_str = true;
		if (!isspace((unsigned char)ch))
			prev = ch;
		sb_putc(&sb, ch);
	}
	if (!changed) {
		free(sb_steal(&sb));
		return NULL;
	}
	*outlen = sb.len;
	return sb_steal(&sb);
}

/* Parse the whole document as JSON: the root, or NULL with errs filled. */
static struct json_object *parse_json(const char *buf, size_t len, struct o311_errors *errs)
{
	struct json_tokener *tok;
	struct json_object *doc;
	enum json_tokener_error jerr;
	size_t line, col, end, flen = 0;
	const char *nul;
	char *fixed;

	if (len > O311_MAX_DOC) {
		err_add(errs, "the document is too large (%zu bytes, at most %u)", len, O311_MAX_DOC);
		return NULL;
	}
	if ((nul = memchr(buf, '\0', len))) {
		position(buf, len, (size_t)(nul - buf), &line, &col);
		err_add(errs, "bad JSON at line %zu, column %zu: a NUL byte", line, col);
		return NULL;
	}
	if ((fixed = quote_leading_zeros(buf, len, &flen)) != NULL) {
		buf = fixed;
		len = flen;
	}
	tok = json_tokener_new_ex(64);
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	doc = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	end = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (jerr == json_tokener_continue || (!doc && jerr == json_tokener_success)) {
		err_add(errs, "bad JSON: the document ends too early%s", len ? "" : " (it is empty)");
		json_object_put(doc);
		free(fixed);
		return NULL;
	}
	if (jerr != json_tokener_success) {
		position(buf, len, end, &line, &col);
		err_add(errs, "bad JSON at line %zu, column %zu: %s", line, col,
		        json_tokener_error_desc(jerr));
		json_object_put(doc);
		free(fixed);
		return NULL;
	}
	for (size_t i = end; i < len; i++) {
		if (!isspace((unsigned char)buf[i])) {
			position(buf, len, i, &line, &col);
			err_add(errs, "bad JSON at line %zu, column %zu: text after the end of the array",
			        line, col);
			json_object_put(doc);
			free(fixed);
			return NULL;
		}
	}
	free(fixed);
	return doc;
}

/* The same id twice in one document: one error per repeat. */
static void check_unique_ids(const struct o311_feed *feed, struct o311_errors *errs)
{
	struct o311_request **p;

	if (feed->n < 2)
		return;
	p = xcalloc(feed->n, sizeof *p);
	for (size_t i = 0; i < feed->n; i++)
		p[i] = &feed->v[i];
	qsort(p, feed->n, sizeof *p, cmp_id);
	for (size_t i = 1; i < feed->n; i++) {
		if (!strcmp(p[i]->id, p[i - 1]->id)) {
			char *q = quote(p[i]->id, strlen(p[i]->id));

			err_add(errs, "item %zu: service_request_id \"%s\" is already item %zu",
			        (size_t)(p[i] - feed->v) + 1, q, (size_t)(p[i - 1] - feed->v) + 1);
			free(q);
		}
	}
	free(p);
}

bool o311_parse(const char *buf, size_t len, struct o311_feed *feed, struct o311_errors *errs)
{
	struct json_object *doc;

	memset(feed, 0, sizeof *feed);
	memset(errs, 0, sizeof *errs);
	if (!(doc = parse_json(buf, len, errs)))
		return false;
	if (!json_object_is_type(doc, json_type_array)) {
		err_add(errs, "the document must be a JSON array of service requests");
		json_object_put(doc);
		return false;
	}
	for (size_t i = 0; i < json_object_array_length(doc); i++) {
		struct item_ctx c = { .errs = errs, .index = i + 1 };
		struct o311_request r;

		parse_item(&c, json_object_array_get_idx(doc, i), &r);
		if (c.bad)
			o311_request_free(&r);
		else
			o311_feed_add(feed, &r);
	}
	json_object_put(doc);
	if (!errs->n)
		check_unique_ids(feed, errs);
	if (errs->n) {
		o311_feed_free(feed);
		return false;
	}
	return true;
}

/* ---- writing --------------------------------------------------------- */

static void add_str(struct json_object *o, const char *key, const char *s)
{
	if (s)
		json_object_object_add(o, key, json_object_new_string(s));
}

static void add_time(struct json_object *o, const char *key, time_t t)
{
	char buf[40];

	if (!t)
		return;
	time_iso(t, buf, sizeof buf);
	json_object_object_add(o, key, json_object_new_string(buf));
}

static struct json_object *coord(double d)
{
	char buf[40];
	size_t n;

	snprintf(buf, sizeof buf, "%.7f", d);
	n = strlen(buf);
	while (n > 1 && buf[n - 1] == '0' && buf[n - 2] != '.')
		buf[--n] = '\0';
	return json_object_new_double_s(d, buf);
}

char *o311_to_json(const struct o311_feed *feed)
{
	struct json_object *arr = json_object_new_array();
	char *out;

	for (size_t i = 0; i < feed->n; i++) {
		const struct o311_request *r = &feed->v[i];
		struct json_object *o = json_object_new_object();

		add_str(o, "service_request_id", r->id);
		add_str(o, "status", r->status ? r->status : "open");
		json_object_object_add(o, "status_notes",
		                       r->status_notes ? json_object_new_string(r->status_notes) : NULL);
		add_str(o, "service_code", r->service_code);
		add_str(o, "service_name", r->service_name);
		add_str(o, "description", r->description);
		add_str(o, "agency_responsible", r->agency);
		add_time(o, "requested_datetime", r->requested);
		add_time(o, "updated_datetime", r->updated);
		add_time(o, "expected_datetime", r->expected);
		add_str(o, "address", r->address);
		add_str(o, "address_id", r->address_id);
		add_str(o, "zipcode", r->zipcode);
		if (r->has_coords) {
			json_object_object_add(o, "lat", coord(r->lat));
			json_object_object_add(o, "long", coord(r->lon));
		}
		add_str(o, "media_url", r->media_url);
		if (r->rating)
			json_object_object_add(o, "rating", json_object_new_int(r->rating));
		add_str(o, "rating_comment", r->rating_comment);
		json_object_array_add(arr, o);
	}
	out = xstrdup(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PRETTY |
	                                                      JSON_C_TO_STRING_SPACED |
	                                                      JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(arr);
	return out;
}
