/* test_timefmt.c - deadlines, countdowns, local time, ISO 8601. */
#include "wardesk/wardesk.h"
#include "wardesk/timefmt.h"

#include "unit.h"

#define T0 ((time_t)1795394530)   /* 2026-11-23T07:42:10+07:00 */
#define MIN 60

static char *cd(time_t now, time_t deadline)
{
	static char buf[32];

	countdown_format(now, deadline, buf, sizeof buf);
	return buf;
}

static void test_countdown(void)
{
	CHECK_STR(cd(T0, T0 + 60 * MIN), "1:00");
	CHECK_STR(cd(T0, T0 + 59 * MIN), "59m");
	CHECK_STR(cd(T0, T0 + 65 * MIN), "1:05");
	CHECK_STR(cd(T0, T0 + 120 * MIN), "2:00");
	CHECK_STR(cd(T0, T0 + 9 * MIN), "9m");
	CHECK_STR(cd(T0, T0 + 1), "1m");                 /* started minutes */
	CHECK_STR(cd(T0, T0 + 59 * MIN + 1), "1:00");
	CHECK_STR(cd(T0, T0 + 10 * MIN + 1), "11m");
	CHECK_STR(cd(T0, T0), "-1m");                    /* due now = overdue, never "-0m" */
	CHECK_STR(cd(T0, T0 - 59), "-1m");
	CHECK_STR(cd(T0, T0 - 1 * MIN), "-1m");
	CHECK_STR(cd(T0, T0 - 1 * MIN - 1), "-2m");      /* started minutes overdue too */
	CHECK_STR(cd(T0, T0 - 59 * MIN), "-59m");
	CHECK_STR(cd(T0, T0 - 60 * MIN), "-1:00");
	CHECK_STR(cd(T0, T0 - 65 * MIN), "-1:05");
	CHECK_STR(cd(T0, T0 + 99 * 60 * MIN + 59 * MIN), "99:59");
	CHECK_STR(cd(T0, T0 - 99 * 60 * MIN - 59 * MIN), "-99:59");
	CHECK_STR(cd(T0, T0 + 100 * 60 * MIN), "4d");
	CHECK_STR(cd(T0, T0 - 30 * 24 * 60 * MIN), "-30d");
	CHECK(strlen(cd(T0, T0 - (time_t)1000000000 * 1000)) <= 7);
	CHECK(strlen(cd(INT64_MIN, INT64_MAX)) <= 7);
	CHECK(strlen(cd(INT64_MAX, INT64_MIN)) <= 7);
	{
		char small[3];

		countdown_format(T0, T0 + 65 * MIN, small, sizeof small);
		CHECK_STR(small, "1:");
	}
}

static void test_urgency(void)
{
	CHECK_INT(deadline_urgency(T0, T0 + 31 * MIN, 30), URG_NORMAL);
	CHECK_INT(deadline_urgency(T0, T0 + 30 * MIN + 1, 30), URG_NORMAL);
	CHECK_INT(deadline_urgency(T0, T0 + 30 * MIN, 30), URG_DUE_SOON);
	CHECK_INT(deadline_urgency(T0, T0 + 11 * MIN, 30), URG_DUE_SOON);
	CHECK_INT(deadline_urgency(T0, T0 + 10 * MIN + 1, 30), URG_DUE_SOON);
	CHECK_INT(deadline_urgency(T0, T0 + 10 * MIN, 30), URG_CRITICAL);
	CHECK_INT(deadline_urgency(T0, T0 + 1, 30), URG_CRITICAL);
	CHECK_INT(deadline_urgency(T0, T0, 30), URG_OVERDUE);
	CHECK_INT(deadline_urgency(T0, T0 - 1, 30), URG_OVERDUE);
	CHECK_INT(deadline_urgency(T0, T0 - 65 * MIN, 30), URG_OVERDUE);
	CHECK_INT(deadline_urgency(T0, T0 + 120 * MIN, 30), URG_NORMAL);
	CHECK_INT(deadline_urgency(T0, T0 + 120 * MIN, 120), URG_DUE_SOON);
	CHECK_INT(deadline_urgency(T0, T0 + 20 * MIN, 0), URG_NORMAL);   /* no warning */
	CHECK_INT(deadline_urgency(T0, T0 + 5 * MIN, 0), URG_CRITICAL);
	CHECK_INT(deadline_urgency(T0, T0 + 8 * MIN, 5), URG_CRITICAL);
	CHECK_INT(deadline_urgency(INT64_MIN, INT64_MAX, 30), URG_NORMAL);
	CHECK_INT(deadline_urgency(INT64_MAX, INT64_MIN, 30), URG_OVERDUE);
}

static void test_format(void)
{
	char buf[40];

	time_hhmm(T0, buf, sizeof buf);
	CHECK_STR(buf, "07:42");
	time_short(T0, buf, sizeof buf);
	CHECK_STR(buf, "23/11 07:42");
	time_iso(T0, buf, sizeof buf);
	CHECK_STR(buf, "2026-11-23T07:42:10+07:00");
	/* 20:00 UTC is 03:00 the next day in Ho Chi Minh City */
	time_short(T0 - (42 * 60 + 10) + 20 * 3600, buf, sizeof buf);
	CHECK_STR(buf, "24/11 03:00");
	time_iso(0, buf, sizeof buf);
	CHECK_STR(buf, "1970-01-01T07:00:00+07:00");
	time_iso(-3600 * 8, buf, sizeof buf);
	CHECK_STR(buf, "1969-12-31T23:00:00+07:00");
	time_iso(1709251199, buf, sizeof buf);        /* 2024-02-29T23:59:59Z */
	CHECK_STR(buf, "2024-03-01T06:59:59+07:00");
	time_hhmm(T0, buf, 3);
	CHECK_STR(buf, "07");
	time_iso(INT64_MAX, buf, sizeof buf);
	CHECK(strlen(buf) < sizeof buf);
}

static time_t parse(const char *s)
{
	time_t t = (time_t)-123456789;

	return time_parse(s, &t) == 0 ? t : (time_t)-123456789;
}

static void test_parse(void)
{
	time_t t = 42;

	CHECK_INT(parse("2026-11-23T07:42:10+07:00"), T0);
	CHECK_INT(parse("2026-11-23T07:42:10+0700"), T0);
	CHECK_INT(parse("2026-11-23T07:42:10+07"), T0);
	CHECK_INT(parse("2026-11-23T00:42:10Z"), T0);
	CHECK_INT(parse("2026-11-23T00:42:10z"), T0);
	CHECK_INT(parse("2026-11-23T00:42:10+00:00"), T0);
	CHECK_INT(parse("2026-11-22T19:42:10-05:00"), T0);
	CHECK_INT(parse("2026-11-23T07:42:10"), T0);              /* no offset: local */
	CHECK_INT(parse("2026-11-23 07:42:10"), T0);
	CHECK_INT(parse("2026-11-23T07:42:10.987+07:00"), T0);    /* fraction dropped */
	CHECK_INT(parse("2026-11-23T07:42:10,5Z"), T0 + 7 * 3600);
	CHECK_INT(parse("2026-11-23 07:42"), T0 - 10);
	CHECK_INT(parse("2026-11-23"), 1795366800);               /* local midnight */
	CHECK_INT(parse("  2026-11-23T07:42:10+07:00  "), T0);
	CHECK_INT(parse("2024-02-29T23:59:59Z"), 1709251199);
	CHECK_INT(parse("1970-01-01T07:00:00+07:00"), 0);
	CHECK_INT(parse("2000-02-29"), 951757200);

	/* refused, and *out untouched */
	CHECK_INT(time_parse("", &t), -1);
	CHECK_INT(time_parse("garbage", &t), -1);
	CHECK_INT(time_parse("2026-02-29", &t), -1);
	CHECK_INT(time_parse("2100-02-29", &t), -1);
	CHECK_INT(time_parse("2026-13-01", &t), -1);
	CHECK_INT(time_parse("2026-00-10", &t), -1);
	CHECK_INT(time_parse("2026-11-31", &t), -1);
	CHECK_INT(time_parse("2026-11-23T24:00", &t), -1);
	CHECK_INT(time_parse("2026-11-23T07:60", &t), -1);
	CHECK_INT(time_parse("2026-11-23T07", &t), -1);
	CHECK_INT(time_parse("2026-11-23T", &t), -1);
	CHECK_INT(time_parse("2026-11-23T07:42:10+7", &t), -1);
	CHECK_INT(time_parse("2026-11-23T07:42:10+07:", &t), -1);
	CHECK_INT(time_parse("2026-11-23T07:42:10+25:00", &t), -1);
	CHECK_INT(time_parse("2026-11-23T07:42:10.", &t), -1);
	CHECK_INT(time_parse("2026-11-23T07:42:10 junk", &t), -1);
	CHECK_INT(time_parse("2026-1-23", &t), -1);
	CHECK_INT(time_parse("26-11-23", &t), -1);
	CHECK_INT(t, 42);
}

static void test_round_trip(void)
{
	static const time_t ts[] = {
		0, 1, T0, T0 + 3599, 1709251199, 951757200, 4102444799 /* 2099-12-31Z */,
		-86400 * 365, 253402275599 /* 9999-12-31T23:59:59+07:00 */,
	};
	char buf[40];

	for (size_t i = 0; i < ARRAY_SIZE(ts); i++) {
		time_t back = -1;

		time_iso(ts[i], buf, sizeof buf);
		CHECK_NAMED(time_parse(buf, &back) == 0 && back == ts[i],
		            "round trip %lld via %s", (long long)ts[i], buf);
	}
	/* every hour of a year, both ways */
	{
		int bad = 0;

		for (time_t t = T0; t < T0 + 366 * 86400; t += 3599) {
			time_t back;

			time_iso(t, buf, sizeof buf);
			if (time_parse(buf, &back) != 0 || back != t)
				bad++;
		}
		CHECK_INT(bad, 0);
	}
}

int main(void)
{
	RUN(test_countdown);
	RUN(test_urgency);
	RUN(test_format);
	RUN(test_parse);
	RUN(test_round_trip);
	return unit_done();
}
