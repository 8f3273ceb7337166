/* test_refusals.c - refusal_text: SQLSTATE + DETAIL -> the message (C
 * locale here, so the English msgids): parameters filled by name, the
 * server's own words passed through, fallbacks when the row or a parameter
 * is missing, and no control byte from DETAIL in the result. */
#include "wardesk/wardesk.h"
#include "wardesk/refusals.h"

#include "unit.h"

static void test_fill(void)
{
	char buf[256];

	CHECK(refusal_text("WD308", "{\"ref\": \"BT-7\"}", buf, sizeof buf));
	CHECK_STR(buf, "BT-7 is already resolved");
	CHECK(refusal_text("WD002", "{\"ref\": \"BT-7\", \"version\": \"5\", \"seen\": \"3\"}",
	                   buf, sizeof buf));
	CHECK_STR(buf, "BT-7 changed since you saw it (now version 5, you saw 3); look again");
	CHECK(refusal_text("WD603", "{\"role\": \"hotline operator\", \"what\": \"take cases\"}",
	                   buf, sizeof buf));
	CHECK_STR(buf, "a hotline operator cannot take cases");
	CHECK(refusal_text("WD517", NULL, buf, sizeof buf));          /* no parameters */
	CHECK_STR(buf, "a description is required");
}

static void test_fallback(void)
{
	char buf[64] = "untouched";

	CHECK(!refusal_text("WD999", "{}", buf, sizeof buf));         /* no row */
	CHECK(!refusal_text("42501", NULL, buf, sizeof buf));
	CHECK(!refusal_text(NULL, NULL, buf, sizeof buf));
	CHECK(!refusal_text("WD308", NULL, buf, sizeof buf));          /* parameter missing */
	CHECK(!refusal_text("WD308", "ref=BT-7", buf, sizeof buf));    /* the old detail */
	CHECK(!refusal_text("WD308", "[1]", buf, sizeof buf));
	CHECK_STR(buf, "untouched");
}

static void test_sanitised(void)
{
	char buf[32];

	CHECK(refusal_text("WD308", "{\"ref\": \"\\u001b[31mBT-7\\u202e\"}", buf, sizeof buf));
	CHECK(!strchr(buf, '\x1b'));
	CHECK(!strstr(buf, "\xe2\x80\xae"));
	CHECK(refusal_text("WD308", "{\"ref\": \"BT-7777777777777777777777777777777\"}",
	                   buf, sizeof buf));
	CHECK_INT(strlen(buf), sizeof buf - 1);                        /* cut, terminated */
}

int main(void)
{
	RUN(test_fill);
	RUN(test_fallback);
	RUN(test_sanitised);
	return unit_done();
}
