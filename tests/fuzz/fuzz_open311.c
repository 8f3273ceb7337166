/* fuzz_open311.c - libFuzzer target for the Open311 feed parser.
 *
 * Any input: o311_parse must not crash, leak or misbehave under ASan/UBSan;
 * a document it accepts must survive a round trip (written with o311_to_json
 * and parsed again to the same number of requests and the same ids).
 * Built by `make fuzz` (and tests/cli/intake_fuzz.sh in `make check`). */
#include "wardesk/wardesk.h"

#include "wardesk/open311.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct o311_feed feed, again;
	struct o311_errors errs;
	char *json;

	if (!o311_parse((const char *)data, size, &feed, &errs)) {
		if (errs.n == 0)
			abort();   /* a refusal always says why */
		o311_errors_free(&errs);
		return 0;
	}
	if (errs.n != 0)
		abort();
	json = o311_to_json(&feed);
	if (!o311_parse(json, strlen(json), &again, &errs))
		abort();       /* what we write, we can read */
	if (again.n != feed.n)
		abort();
	for (size_t i = 0; i < feed.n; i++)
		if (strcmp(feed.v[i].id, again.v[i].id) || feed.v[i].requested != again.v[i].requested ||
		    strcmp(feed.v[i].description, again.v[i].description))
			abort();
	o311_errors_free(&errs);
	o311_feed_free(&again);
	o311_feed_free(&feed);
	free(json);
	return 0;
}
