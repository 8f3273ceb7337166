/* chafa_lib.c - chafa's one function table (chafa_lib.h). */
#include "wardesk/wardesk.h"

#include "wardesk/chafa_lib.h"

struct chafa_fns CH;

#define CH_SYM(field, sym) DYNLIB_SYM(CH, field, sym)
static const struct dynsym ch_syms[] = { CHAFA_FNS(CH_SYM) };
static struct dynlib ch_lib = DYNLIB("libchafa.so.0", ch_syms);

bool chafa_lib_load(char *why, size_t whysz)
{
	return dynlib_load(&ch_lib, why, whysz);
}
