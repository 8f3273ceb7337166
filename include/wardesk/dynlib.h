/* dynlib.h - a shared library loaded when first used (dlopen), its
 * functions looked up into a table of typed pointers.
 *
 * libnotify, libcurl, chafa and gdk-pixbuf pull 40 shared libraries
 * (GLib, GIO, D-Bus, TLS, image codecs); a console that never shows a
 * photo or a desktop notification should not map them (issue 14).  Each
 * module that uses one keeps its own table (chafa, used by two modules,
 * has one: chafa_lib.h):
 *
 *     #define NL_FNS(X) X(init, notify_init) X(uninit, notify_uninit)
 *     static struct { NL_FNS(DYNLIB_FIELD) } NL;
 *     #define NL_SYM(field, sym) DYNLIB_SYM(NL, field, sym)
 *     static const struct dynsym nl_syms[] = { NL_FNS(NL_SYM) };
 *     static struct dynlib nl_lib = DYNLIB("libnotify.so.4", nl_syms);
 *
 *     if (!dynlib_load(&nl_lib, why, sizeof why)) ... degrade ...
 *     NL.init("wardesk");
 *
 * The field has the function's own type (from the library's header), so
 * calls are checked as before.  A function of a library the named one
 * depends on (GLib's, under libnotify) is found through it.  Libraries are
 * never unloaded.  Thread-safe: the first call loads, later calls only
 * answer. */
#ifndef WARDESK_DYNLIB_H
#define WARDESK_DYNLIB_H

struct dynsym {
	const char *name;
	void *slot;               /* the address of a function pointer field */
};

struct dynlib {
	const char *soname;
	const struct dynsym *syms;
	size_t nsyms;
	int state;                /* 0: not tried, 1: loaded, -1: failed (why) */
	char why[256];
};

#define DYNLIB_FIELD(field, sym) __typeof__(sym) *field;
#define DYNLIB_SYM(table, field, sym) { #sym, &table.field },
#define DYNLIB(soname, syms) { soname, syms, sizeof syms / sizeof syms[0], 0, "" }

/* Load l (once) and fill every function of its table.  False when the
 * library or one of its functions is missing: why says which (the same
 * answer on every later call). */
bool dynlib_load(struct dynlib *l, char *why, size_t whysz);

#endif
