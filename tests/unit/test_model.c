/* test_model.c - the case model (model.h): edge cases. */
#include "wardesk/wardesk.h"
#include "wardesk/model.h"

#include "unit.h"

/* A ward with no cases: the snapshot sweep of an empty model must not hand
 * qsort a NULL array (UBSan: "null pointer passed as argument 1"; found by
 * make check-asan on the first connect of a console to an empty ward). */
static void test_empty_sweep(void)
{
	struct model *m = model_new("an");

	model_sweep_begin(m);
	model_sweep_end(m);
	CHECK(model_count(m) == 0);
	CHECK(model_visible(m) == 0);
	model_sweep_begin(m);
	model_sweep_end(m);
	CHECK(model_count(m) == 0);
	model_free(&m);
	CHECK(m == NULL);
}

int main(void)
{
	RUN(test_empty_sweep);
	return unit_done();
}
