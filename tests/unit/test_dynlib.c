/* test_dynlib.c - libraries loaded when first used (dynlib.h): a typed
 * table filled from a real library, a library that is not there and a
 * function that is not there, each answered the same way every time. */
#include "wardesk/wardesk.h"

#include <math.h>

#include "unit.h"
#include "wardesk/dynlib.h"

#define M_FNS(X) X(cosine, cos) X(power, pow)
static struct {
	M_FNS(DYNLIB_FIELD)
} M;
#define M_SYM(field, sym) DYNLIB_SYM(M, field, sym)
static const struct dynsym m_syms[] = { M_FNS(M_SYM) };

static void test_loaded(void)
{
	struct dynlib lib = DYNLIB("libm.so.6", m_syms);
	char why[256] = "";

	CHECK(M.cosine == NULL);
	CHECK(dynlib_load(&lib, why, sizeof why));
	CHECK_STR(why, "");
	CHECK(M.cosine != NULL && M.cosine(0.0) == 1.0);
	CHECK(M.power != NULL && M.power(2.0, 10.0) == 1024.0);
	CHECK(dynlib_load(&lib, NULL, 0));     /* again: already loaded */
}

static void test_missing(void)
{
	struct dynlib lib = DYNLIB("libwardesk-not-here.so.0", m_syms);
	char why[256] = "";

	CHECK(!dynlib_load(&lib, why, sizeof why));
	CHECK(strstr(why, "libwardesk-not-here.so.0") != NULL);
	why[0] = '\0';
	CHECK(!dynlib_load(&lib, why, sizeof why));   /* the same answer, not tried again */
	CHECK(strstr(why, "libwardesk-not-here.so.0") != NULL);
}

static void test_missing_function(void)
{
	static void (*none)(void);
	static const struct dynsym syms[] = { { "cos", &M.cosine },
	                                      { "wardesk_no_such_function", &none } };
	struct dynlib lib = DYNLIB("libm.so.6", syms);
	char why[256] = "";

	CHECK(!dynlib_load(&lib, why, sizeof why));
	CHECK(strstr(why, "wardesk_no_such_function") != NULL);
	CHECK(none == NULL);
}

int main(void)
{
	RUN(test_loaded);
	RUN(test_missing);
	RUN(test_missing_function);
	return unit_done();
}
