/* open311.h - Open311 GeoReport v2 service requests as JSON (json-c).
 *
 * Pure code, no database: o311_parse validates a whole feed document (a
 * JSON array of service request objects) and reports every bad item with
 * its position and reason; o311_to_json writes a feed back.  Used by
 * `wardesk import`/`export`, the simulator, the unit test and the fuzzer.
 *
 * Ownership: o311_parse fills a feed and an error list the caller frees with
 * o311_feed_free / o311_errors_free.  Every string in a parsed request is a
 * valid, NUL-free UTF-8 string in NFC (or NULL when absent). */
#ifndef WARDESK_OPEN311_H
#define WARDESK_OPEN311_H

struct o311_request {
	char *id;                 /* service_request_id, never NULL when parsed */
	char *service_code;       /* never NULL when parsed */
	char *service_name;
	char *description;        /* never NULL when parsed, at most 4000 characters */
	char *status;             /* "open" or "closed" (parsed: never NULL, default "open") */
	char *status_notes;
	char *agency;             /* agency_responsible */
	time_t requested;         /* requested_datetime (required) */
	time_t updated;           /* updated_datetime, 0 when absent */
	time_t expected;          /* expected_datetime, 0 when absent */
	char *address;
	char *address_id;         /* as sent (a JSON number is kept as its digits) */
	char *zipcode;            /* as sent (likewise) */
	bool has_coords;          /* lat and long (both or neither) */
	double lat, lon;
	char *media_url;          /* http(s) URL */
	int rating;               /* wardesk extension "rating": 1..5, 0 when absent */
	char *rating_comment;     /* wardesk extension "rating_comment" */
};

struct o311_feed {
	struct o311_request *v;
	size_t n, cap;
};

/* Problems found in a document, one line each: "item 3 (BT-APP-7):
 * requested_datetime \"x\" is not ISO 8601" or "bad JSON at line 4,
 * column 12: ...".  Lines are plain, untrusted text (sanitise to print). */
struct o311_errors {
	char **v;
	size_t n, cap;
};

/* At most this many bytes in a document (import reads no more). */
#define O311_MAX_DOC (64u * 1024 * 1024)

/* Parse and validate the whole document buf[0..len).  Returns true and
 * fills feed when every item is valid; otherwise returns false, feed is
 * left empty and errs lists every problem (at least one). */
bool o311_parse(const char *buf, size_t len, struct o311_feed *feed, struct o311_errors *errs);

/* Append a request (the feed takes ownership of r's strings). */
void o311_feed_add(struct o311_feed *feed, const struct o311_request *r);
void o311_request_free(struct o311_request *r);
void o311_feed_free(struct o311_feed *feed);
void o311_errors_free(struct o311_errors *errs);

/* The feed as a pretty-printed GeoReport v2 JSON array (keys absent when
 * NULL/0, except status_notes which is null while open).  Caller frees. */
char *o311_to_json(const struct o311_feed *feed);

#endif
