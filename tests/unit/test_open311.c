/* test_open311.c - the Open311 GeoReport v2 feed parser and writer. */
#include "wardesk/wardesk.h"
#include "wardesk/open311.h"

#include "unit.h"

static bool parse(const char *doc, struct o311_feed *f, struct o311_errors *e)
{
	return o311_parse(doc, strlen(doc), f, e);
}

/* true when some error line contains needle */
static bool has_err(const struct o311_errors *e, const char *needle)
{
	for (size_t i = 0; i < e->n && e->v[i]; i++)
		if (strstr(e->v[i], needle))
			return true;
	return false;
}

static void test_valid(void)
{
	/* "Nơ Trang Long" with NFD o+horn: stored NFC */
	const char *doc =
	    "[{\"service_request_id\": \"A-1\", \"service_code\": \"MT\", \"service_name\": \"Môi trường\",\n"
	    "  \"description\": \"Ra\\u0301c o\\u031b\\u0309 N\xc6\xa1 Trang Long\", \"status\": \"closed\",\n"
	    "  \"status_notes\": \"Đã thu gom\", \"requested_datetime\": \"2026-11-23T08:05:55+07:00\",\n"
	    "  \"updated_datetime\": \"2026-11-23T01:10:00Z\", \"address\": \"Hẻm 45\", \"lat\": 10.8102,\n"
	    "  \"long\": \"106.6987\", \"media_url\": \"https://example.invalid/a.jpg\", \"rating\": 4,\n"
	    "  \"extra\": {\"ignored\": true}},\n"
	    " {\"service_request_id\": 77, \"service_code\": \"HT\", \"description\": \"Ổ gà\",\n"
	    "  \"requested_datetime\": \"2026-11-23T09:00:00+07:00\", \"lat\": null, \"long\": null}]";
	struct o311_feed f;
	struct o311_errors e;

	CHECK(parse(doc, &f, &e));
	CHECK_INT(e.n, 0);
	CHECK_INT(f.n, 2);
	if (f.n != 2)
		return;
	CHECK_STR(f.v[0].id, "A-1");
	CHECK_STR(f.v[0].description, "Rác ở Nơ Trang Long");
	CHECK_STR(f.v[0].status, "closed");
	CHECK_STR(f.v[0].status_notes, "Đã thu gom");
	CHECK_INT(f.v[0].requested, 1795395955);   /* 2026-11-23T01:05:55Z */
	CHECK_INT(f.v[0].updated, 1795395955 + 4 * 60 + 5);
	CHECK(f.v[0].has_coords);
	CHECK(f.v[0].lat > 10.81019 && f.v[0].lat < 10.81021);
	CHECK(f.v[0].lon > 106.69869 && f.v[0].lon < 106.69871);
	CHECK_STR(f.v[0].media_url, "https://example.invalid/a.jpg");
	CHECK_INT(f.v[0].rating, 4);
	CHECK_STR(f.v[1].id, "77");
	CHECK_STR(f.v[1].status, "open");
	CHECK(!f.v[1].has_coords);
	CHECK(f.v[1].address == NULL);
	o311_feed_free(&f);
	o311_errors_free(&e);
}

static void test_bad_json(void)
{
	struct o311_feed f;
	struct o311_errors e;

	CHECK(!parse("[\n {\"a\": 1,}\n]", &f, &e));
	CHECK(e.n == 1 && has_err(&e, "bad JSON at line 2, column"));
	o311_errors_free(&e);
	CHECK(!parse("", &f, &e));
	CHECK(has_err(&e, "ends too early"));
	o311_errors_free(&e);
	CHECK(!parse("[{}", &f, &e));
	CHECK(has_err(&e, "ends too early"));
	o311_errors_free(&e);
	CHECK(!parse("[] x", &f, &e));
	CHECK(has_err(&e, "line 1, column 4"));
	o311_errors_free(&e);
	CHECK(!parse("{\"service_request_id\": \"x\"}", &f, &e));
	CHECK(has_err(&e, "must be a JSON array"));
	o311_errors_free(&e);
	CHECK(!o311_parse("[\"a\0\"]", 6, &f, &e));
	CHECK(has_err(&e, "NUL byte"));
	o311_errors_free(&e);
	CHECK(!parse("[\"\xff\"]", &f, &e));
	CHECK(e.n == 1);
	o311_errors_free(&e);
	CHECK(parse("[]", &f, &e));
	CHECK_INT(f.n, 0);
	o311_feed_free(&f);
	o311_errors_free(&e);
}

static void test_bad_items(void)
{
	const char *doc =
	    "[{\"service_request_id\": \"OK\", \"service_code\": \"MT\", \"description\": \"x\","
	    "  \"requested_datetime\": \"2026-11-23T08:00:00+07:00\"},"
	    " 5,"
	    " {\"service_request_id\": \"B\", \"service_code\": \"MT\", \"description\": \"x\","
	    "  \"requested_datetime\": \"23/11/2026\", \"lat\": 95, \"long\": 106,"
	    "  \"media_url\": \"ftp://x\", \"rating\": 6, \"status\": \"pending\"},"
	    " {\"service_code\": 3.5, \"description\": \"  \", \"requested_datetime\": \"2026-11-23\","
	    "  \"lat\": 10.8, \"address\": \"a\\u0000b\"}]";
	struct o311_feed f;
	struct o311_errors e;

	CHECK(!parse(doc, &f, &e));
	CHECK_INT(f.n, 0);
	CHECK(has_err(&e, "item 2: not an object"));
	CHECK(has_err(&e, "item 3 (B): requested_datetime \"23/11/2026\" is not ISO 8601"));
	CHECK(has_err(&e, "item 3 (B): lat 95 is out of range"));
	CHECK(has_err(&e, "item 3 (B): media_url \"ftp://x\" is not an http(s) URL"));
	CHECK(has_err(&e, "item 3 (B): rating must be"));
	CHECK(has_err(&e, "item 3 (B): status \"pending\""));
	CHECK(has_err(&e, "item 4: service_request_id is missing"));
	CHECK(has_err(&e, "item 4: service_code must be a string"));
	CHECK(has_err(&e, "item 4: description is blank"));
	CHECK(has_err(&e, "item 4: lat and long go together"));
	CHECK(has_err(&e, "item 4: address contains a NUL"));
	CHECK(!has_err(&e, "item 1"));
	o311_errors_free(&e);

	CHECK(!parse("[{\"service_request_id\": \"D\", \"service_code\": \"MT\", \"description\": \"x\","
	             "\"requested_datetime\": \"2026-11-23T08:00:00Z\"},"
	             "{\"service_request_id\": \"D\", \"service_code\": \"MT\", \"description\": \"y\","
	             "\"requested_datetime\": \"2026-11-23T08:00:00Z\"}]", &f, &e));
	CHECK(has_err(&e, "item 2: service_request_id \"D\" is already item 1"));
	o311_errors_free(&e);
}

/* Control characters inside strings (json-c takes raw ones, which RFC 8259
 * forbids; escaped ones are no better): refused item by item, but TAB, LF
 * and CR in the free-text fields. */
static void test_control_chars(void)
{
	const char *doc =
	    "[{\"service_request_id\": \"E\", \"service_code\": \"MT\", \"description\": \"a\x1b[2Jb\","
	    "  \"requested_datetime\": \"2026-11-23T08:00:00+07:00\"},"
	    " {\"service_request_id\": \"N\", \"service_code\": \"MT\", \"description\": \"line\none\\ttab\","
	    "  \"address\": \"1\nLe Loi\", \"requested_datetime\": \"2026-11-23T08:00:00+07:00\"},"
	    " {\"service_request_id\": \"U\", \"service_code\": \"M\\u0007T\", \"description\": \"x\","
	    "  \"status_notes\": \"\xc2\x9b\", \"requested_datetime\": \"2026-11-23T08:00:00+07:00\"},"
	    " {\"service_request_id\": \"OK\", \"service_code\": \"MT\", \"description\": \"m\\u1ed9t\\nhai\","
	    "  \"requested_datetime\": \"2026-11-23T08:00:00+07:00\"}]";
	struct o311_feed f;
	struct o311_errors e;

	CHECK(!parse(doc, &f, &e));
	CHECK(has_err(&e, "item 1 (E): description contains a control character (U+001B at character 2)"));
	CHECK(has_err(&e, "item 2 (N): address contains a control character (U+000A at character 2)"));
	CHECK(!has_err(&e, "item 2 (N): description"));
	CHECK(has_err(&e, "item 3 (U): service_code contains a control character (U+0007 at character 2)"));
	CHECK(has_err(&e, "item 3 (U): status_notes contains a control character (U+009B at character 1)"));
	CHECK(!has_err(&e, "item 4"));
	o311_errors_free(&e);
}

static void test_long_description(void)
{
	struct strbuf sb = { 0 };
	struct o311_feed f;
	struct o311_errors e;

	sb_puts(&sb, "[{\"service_request_id\": \"L\", \"service_code\": \"MT\", \"requested_datetime\":"
	             " \"2026-11-23T08:00:00Z\", \"description\": \"");
	for (int i = 0; i < 4000; i++)
		sb_puts(&sb, "ễ");   /* 4000 characters, 12000 bytes: fine */
	sb_puts(&sb, "\"}]");
	CHECK(o311_parse(sb.s, sb.len, &f, &e));
	o311_feed_free(&f);
	o311_errors_free(&e);
	sb.len -= 3;
	sb.s[sb.len] = '\0';
	sb_puts(&sb, "x\"}]");
	CHECK(!o311_parse(sb.s, sb.len, &f, &e));
	CHECK(has_err(&e, "description is too long (4001 characters, at most 4000)"));
	o311_errors_free(&e);
	sb_free(&sb);
}

static void test_write(void)
{
	struct o311_feed f = { 0 }, g;
	struct o311_request r = { 0 };
	struct o311_errors e;
	char *json;

	r.id = xstrdup("BT-APP-1");
	r.service_code = xstrdup("TTDT");
	r.description = xstrdup("Lấn chiếm \"vỉa hè\" / lòng đường");
	r.status = xstrdup("closed");
	r.status_notes = xstrdup("Đã xử lý");
	r.agency = xstrdup("Phường Bình Thạnh");
	r.requested = 1795395955;
	r.updated = 1795395955 + 600;
	r.has_coords = true;
	r.lat = 10.8031;
	r.lon = 106.711;
	r.media_url = xstrdup("https://example.invalid/m/1.jpg");
	o311_feed_add(&f, &r);
	json = o311_to_json(&f);
	CHECK(strstr(json, "\"requested_datetime\": \"2026-11-23T08:05:55+07:00\"") != NULL);
	CHECK(strstr(json, "\"lat\": 10.8031,") != NULL);
	CHECK(strstr(json, "\"long\": 106.711,") != NULL);
	CHECK(strstr(json, "\"media_url\": \"https://example.invalid/m/1.jpg\"") != NULL);
	CHECK(strstr(json, "\"agency_responsible\": \"Phường Bình Thạnh\"") != NULL);
	CHECK(parse(json, &g, &e));
	CHECK(g.n == 1 && !strcmp(g.v[0].description, r.description) && g.v[0].updated == r.updated);
	o311_feed_free(&g);
	o311_errors_free(&e);
	free(json);
	o311_feed_free(&f);
}

/* What GeoReport v2's own examples send (issue 17 item 11): numbers for ids
 * and codes (006 with its zeros, though JSON has no leading zeros), no
 * description with a photo, a trailing space in media_url; and what stays
 * refused: no description and no photo. */
static void test_spec_example(void)
{
	const char *doc =
	    "[{\"service_request_id\":638344, \"service_code\":006, \"service_name\":\"Sidewalk\","
	    "  \"description\":null, \"requested_datetime\":\"2010-04-14T06:37:38-08:00\","
	    "  \"address_id\":545483, \"zipcode\":94122, \"lat\":37.762221815, \"long\":-122.4651145,"
	    "  \"media_url\":\"http://city.gov/m/638344.jpg \"},"
	    " {\"service_request_id\":\"A\", \"service_code\":7, \"description\":\"x: 006, [007]\","
	    "  \"requested_datetime\":\"2010-04-14T06:37:38-08:00\"}]";
	const char *bad =
	    "[{\"service_request_id\":1, \"service_code\":\"MT\", \"description\":null,"
	    "  \"requested_datetime\":\"2010-04-14T06:37:38-08:00\"},"
	    " {\"service_request_id\":2, \"service_code\":[007], \"description\":\"x\","
	    "  \"requested_datetime\":\"2010-04-14T06:37:38-08:00\"}]";
	struct o311_feed f;
	struct o311_errors e;

	CHECK(parse(doc, &f, &e));
	CHECK_INT(f.n, 2);
	if (f.n == 2) {
		CHECK_STR(f.v[0].id, "638344");
		CHECK_STR(f.v[0].service_code, "006");
		CHECK_STR(f.v[0].description, "Sidewalk");
		CHECK_STR(f.v[0].address_id, "545483");
		CHECK_STR(f.v[0].zipcode, "94122");
		CHECK_STR(f.v[0].media_url, "http://city.gov/m/638344.jpg");
		CHECK(f.v[0].lat == 37.762221815 && f.v[0].lon == -122.4651145);
		CHECK_STR(f.v[1].service_code, "7");
		CHECK_STR(f.v[1].description, "x: 006, [007]");   /* strings untouched */
	}
	o311_feed_free(&f);
	o311_errors_free(&e);
	CHECK(!parse(bad, &f, &e));
	CHECK(has_err(&e, "item 1 (1): description is missing"));
	CHECK(has_err(&e, "item 2 (2): service_code must be a string"));
	o311_errors_free(&e);
}

int main(void)
{
	RUN(test_valid);
	RUN(test_bad_json);
	RUN(test_bad_items);
	RUN(test_control_chars);
	RUN(test_long_description);
	RUN(test_write);
	RUN(test_spec_example);
	return unit_done();
}
