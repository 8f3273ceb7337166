/* test_idq.c - the queue of ids a live console has to confirm
 * (model_idq.h): each id once, in the order heard, taken a batch at a
 * time, and whether an id is queued answered by the hash at any size. */
#include "wardesk/wardesk.h"
#include "wardesk/model_idq.h"

#include "unit.h"

static void test_order_and_repeats(void)
{
	struct idq q = { 0 };
	size_t n;
	int64_t *b;

	CHECK(!idq_has(&q, 5));
	CHECK(idq_add(&q, 5));
	CHECK(idq_add(&q, INT64_MIN));   /* any id: a payload's is not trusted */
	CHECK(idq_add(&q, 0));
	CHECK(!idq_add(&q, 5));
	CHECK(!idq_add(&q, 0));
	CHECK_INT(q.n, 3);
	b = idq_take(&q, 2, &n);
	CHECK_INT(n, 2);
	CHECK(b[0] == 5 && b[1] == INT64_MIN);
	free(b);
	CHECK(!idq_has(&q, 5));
	CHECK(idq_has(&q, 0));
	CHECK(idq_add(&q, 5));           /* taken: a new notification queues it again */
	b = idq_take(&q, 10, &n);
	CHECK_INT(n, 2);
	CHECK(b[0] == 0 && b[1] == 5);
	free(b);
	CHECK(idq_take(&q, 10, &n) == NULL && n == 0);
	idq_free(&q);
}

/* The sweep's flood: 25,000 notifications for 10,000 cases, confirmed
 * 128 at a time, with the ids that collide in the hash (multiples of a
 * power of two). */
static void test_flood(void)
{
	struct idq q = { 0 };
	size_t n, taken = 0, added = 0;
	int64_t next = 0;
	bool ordered = true;

	for (int i = 0; i < 25000; i++)
		added += idq_add(&q, (int64_t)(i % 10000) << 20);
	CHECK_INT(added, 10000);
	CHECK_INT(q.n, 10000);
	for (int64_t id = 0; id < 10000; id++)
		if (!idq_has(&q, id << 20)) {
			CHECK(idq_has(&q, id << 20));
			break;
		}
	while (q.n) {
		int64_t *b = idq_take(&q, 128, &n);

		for (size_t i = 0; i < n; i++)
			ordered &= b[i] == (next++ << 20);
		taken += n;
		if (q.n)
			CHECK(!idq_has(&q, b[0]) && idq_has(&q, q.v[q.n - 1]));
		free(b);
	}
	CHECK(ordered);
	CHECK_INT(taken, 10000);
	idq_clear(&q);
	CHECK(idq_add(&q, 7) && idq_has(&q, 7) && !idq_has(&q, 7 << 20));
	idq_free(&q);
}

int main(void)
{
	RUN(test_order_and_repeats);
	RUN(test_flood);
	return unit_done();
}
