/* test_phone.c - phone_normalize and phone_format. */
#include "wardesk/wardesk.h"
#include "wardesk/phone.h"

#include "unit.h"

static void test_accept(void)
{
	static const struct {
		const char *in, *out;
		enum phone_kind kind;
	} ok[] = {
		{ "0912.345.678", "0912345678", PHONE_MOBILE },
		{ "0912 345 678", "0912345678", PHONE_MOBILE },
		{ "0912345678", "0912345678", PHONE_MOBILE },
		{ "+84 912 345 678", "0912345678", PHONE_MOBILE },
		{ "+84912345678", "0912345678", PHONE_MOBILE },
		{ "+84 (0) 912 345 678", "0912345678", PHONE_MOBILE },
		{ "84912345678", "0912345678", PHONE_MOBILE },
		{ "0084 912 345 678", "0912345678", PHONE_MOBILE },
		{ "  0912-345-678  ", "0912345678", PHONE_MOBILE },
		{ "0388 123 456", "0388123456", PHONE_MOBILE },
		{ "0559 123 456", "0559123456", PHONE_MOBILE },
		{ "0701 234 567", "0701234567", PHONE_MOBILE },
		{ "0868 123 456", "0868123456", PHONE_MOBILE },
		{ "(028) 3726 7527", "02837267527", PHONE_LANDLINE },
		{ "0283.7267.527", "02837267527", PHONE_LANDLINE },
		{ "028 3726 7527", "02837267527", PHONE_LANDLINE },
		{ "+84 28 3726 7527", "02837267527", PHONE_LANDLINE },
		{ "842837267527", "02837267527", PHONE_LANDLINE },
		{ "024 3825 1234", "02438251234", PHONE_LANDLINE },   /* Hanoi */
	};

	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		char out[32];
		enum phone_kind k = phone_normalize(ok[i].in, out, sizeof out);

		CHECK_NAMED(k == ok[i].kind && strcmp(out, ok[i].out) == 0,
		            "accept \"%s\" -> %s (got %d %s)", ok[i].in, ok[i].out, (int)k, out);
	}
}

static void test_refuse(void)
{
	static const struct {
		const char *in, *reason;
	} bad[] = {
		{ "12345", "too few digits for a phone number" },
		{ "", "no phone number given" },
		{ " . - ", "no phone number given" },
		{ "0123456789", "mobiles start with 03, 05, 07, 08 or 09, landlines with 02" },
		{ "01234567890", "mobiles start with 03, 05, 07, 08 or 09, landlines with 02" },
		{ "0612345678", "mobiles start with 03, 05, 07, 08 or 09, landlines with 02" },
		{ "0912abc678", "a phone number has only digits, spaces and dots" },
		{ "0912 345 678 ext 2", "a phone number has only digits, spaces and dots" },
		{ "+1 555 1234", "only Vietnamese numbers (+84) are accepted" },
		{ "001 555 123 4567", "only Vietnamese numbers (+84) are accepted" },
		{ "091234567", "too few digits for a phone number" },
		{ "09123456789", "a mobile number has 10 digits" },
		{ "0283726752", "a landline number has 11 digits" },
		{ "028372675270", "too many digits for a phone number" },
		{ "1912345678", "a phone number starts with 0 or +84" },
		{ "0912+345678", "a plus sign may only start the number" },
		{ "++84912345678", "a plus sign may only start the number" },
		{ "+84", "too few digits for a phone number" },
		{ "+84 0", "too few digits for a phone number" },
		{ "0912\xe2\x80\xae" "345678", "a phone number has only digits, spaces and dots" },
		{ "0912\n345678", "a phone number has only digits, spaces and dots" },
		{ "111111111111111111111111111111111111111", "too many digits for a phone number" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char out[128];
		enum phone_kind k = phone_normalize(bad[i].in, out, sizeof out);

		CHECK_NAMED(k == PHONE_INVALID && strcmp(out, bad[i].reason) == 0,
		            "refuse \"%s\": %s (got %d \"%s\")", bad[i].in, bad[i].reason, (int)k, out);
	}
}

static void test_small_buffer(void)
{
	char out[16];

	memset(out, 'x', sizeof out);
	CHECK_INT(phone_normalize("0912abc678", out, sizeof out), PHONE_INVALID);
	CHECK_INT(strlen(out), 15);
	CHECK_INT(phone_normalize("028 3726 7527", out, sizeof out), PHONE_LANDLINE);
	CHECK_STR(out, "02837267527");
	CHECK_INT(phone_normalize("028 3726 7527", out, 5), PHONE_INVALID);
}

static void test_format(void)
{
	char out[32];

	phone_format("0912345678", out, sizeof out);
	CHECK_STR(out, "0912 345 678");
	phone_format("02837267527", out, sizeof out);
	CHECK_STR(out, "028 3726 7527");
	phone_format("113", out, sizeof out);
	CHECK_STR(out, "113");
	phone_format("", out, sizeof out);
	CHECK_STR(out, "");
	phone_format("0912345678", out, 8);
	CHECK_STR(out, "0912 34");
	/* round trip: the pretty form normalises back */
	phone_format("0912345678", out, sizeof out);
	{
		char again[32];

		CHECK_INT(phone_normalize(out, again, sizeof again), PHONE_MOBILE);
		CHECK_STR(again, "0912345678");
	}
}

int main(void)
{
	RUN(test_accept);
	RUN(test_refuse);
	RUN(test_small_buffer);
	RUN(test_format);
	return unit_done();
}
