/* test_stats.c - durations, rates, sparklines, bars, percentiles. */
#include "wardesk/wardesk.h"

#include "unit.h"
#include "wardesk/stats.h"

static void test_duration(void)
{
	char b[32];

	stats_duration(-1, b, sizeof b);
	CHECK_STR(b, "-");
	stats_duration(0, b, sizeof b);
	CHECK_STR(b, "0:00");
	stats_duration(29, b, sizeof b);
	CHECK_STR(b, "0:00");
	stats_duration(30, b, sizeof b);
	CHECK_STR(b, "0:01");
	stats_duration(45 * 60, b, sizeof b);
	CHECK_STR(b, "0:45");
	stats_duration(12 * 3600 + 5 * 60, b, sizeof b);
	CHECK_STR(b, "12:05");
	stats_duration(3 * 86400 + 4 * 3600 + 10 * 60, b, sizeof b);
	CHECK_STR(b, "3d 4:10");
}

static void test_percent(void)
{
	char b[32];

	stats_percent(-1, b, sizeof b);
	CHECK_STR(b, "-");
	stats_percent(1, b, sizeof b);
	CHECK_STR(b, "100%");
	stats_percent(0, b, sizeof b);
	CHECK_STR(b, "0%");
	stats_percent(0.875, b, sizeof b);
	CHECK_STR(b, "87.5%");
	stats_percent(2.0 / 3.0, b, sizeof b);
	CHECK_STR(b, "66.7%");
	stats_ratio(7, 8, b, sizeof b);
	CHECK_STR(b, "7/8 (87.5%)");
	stats_ratio(0, 0, b, sizeof b);
	CHECK_STR(b, "0/0 (-)");
}

static void test_sparkline(void)
{
	int v[] = { 0, 1, 2, 4, 8, 3 };
	int z[] = { 0, 0 };

	CHECK_STR_FREE(stats_sparkline(v, 6), " \u2581\u2582\u2584\u2588\u2583");
	CHECK_STR_FREE(stats_sparkline(z, 2), "  ");
	CHECK_STR_FREE(stats_sparkline(v, 0), "");
	{
		int big[] = { 1, 1000 };

		/* a small positive value is never blank */
		CHECK_STR_FREE(stats_sparkline(big, 2), "\u2581\u2588");
	}
}

static void test_bar(void)
{
	CHECK_STR_FREE(stats_bar(0, 10, 10), "");
	CHECK_STR_FREE(stats_bar(5, 0, 10), "");
	CHECK_STR_FREE(stats_bar(10, 10, 3), "\u2588\u2588\u2588");
	CHECK_STR_FREE(stats_bar(20, 10, 3), "\u2588\u2588\u2588");
	CHECK_STR_FREE(stats_bar(5, 10, 3), "\u2588\u258c");
	CHECK_STR_FREE(stats_bar(0.001, 10, 3), "\u258f");
}

static void test_percentile(void)
{
	double a[] = { 40, 10, 30, 20 };
	double b[] = { 5 };

	CHECK(stats_percentile(a, 0, 0.5) == -1);
	CHECK(stats_percentile(a, 4, 0.5) == 25);
	CHECK(stats_percentile(a, 4, 0.9) > 36.99 && stats_percentile(a, 4, 0.9) < 37.01);
	CHECK(stats_percentile(a, 4, 0) == 10);
	CHECK(stats_percentile(a, 4, 1) == 40);
	CHECK(stats_percentile(b, 1, 0.9) == 5);
}

int main(void)
{
	RUN(test_duration);
	RUN(test_percent);
	RUN(test_sparkline);
	RUN(test_bar);
	RUN(test_percentile);
	return unit_done();
}
