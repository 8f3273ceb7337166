/* dynlib.c - shared libraries loaded when first used (dynlib.h). */
#include "wardesk/wardesk.h"

#include <dlfcn.h>
#include <pthread.h>

#include "wardesk/dynlib.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

/* dlsym's answer into a function pointer: POSIX requires a void * to hold
 * a function's address; copying the bytes avoids the object-to-function
 * pointer conversion ISO C leaves undefined. */
static bool fill(void *h, const struct dynsym *s, char *why, size_t whysz)
{
	void *p;

	dlerror();
	p = dlsym(h, s->name);
	if (!p) {
		const char *e = dlerror();

		snprintf(why, whysz, "%s", e ? e : s->name);
		return false;
	}
	memcpy(s->slot, &p, sizeof p);
	return true;
}

static void load(struct dynlib *l)
{
	void *h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	const char *e;

	if (!h) {
		e = dlerror();
		snprintf(l->why, sizeof l->why, "%s", e ? e : l->soname);
		__atomic_store_n(&l->state, -1, __ATOMIC_RELAXED);
		return;
	}
	for (size_t i = 0; i < l->nsyms; i++)
		if (!fill(h, &l->syms[i], l->why, sizeof l->why)) {
			/* a half-filled table is never used; the library stays
			 * (unloading GLib's users is not safe) */
			__atomic_store_n(&l->state, -1, __ATOMIC_RELAXED);
			return;
		}
	__atomic_store_n(&l->state, 1, __ATOMIC_RELEASE);   /* the table is full */
}

bool dynlib_load(struct dynlib *l, char *why, size_t whysz)
{
	bool ok;

	/* loaded: no lock (another thread may hold it for a while, loading
	 * another library; the screen's calls must not wait for that) */
	if (__atomic_load_n(&l->state, __ATOMIC_ACQUIRE) > 0)
		return true;
	pthread_mutex_lock(&mu);
	if (l->state == 0)
		load(l);
	ok = l->state > 0;
	if (!ok && why && whysz)
		snprintf(why, whysz, "%s", l->why);
	pthread_mutex_unlock(&mu);
	return ok;
}
