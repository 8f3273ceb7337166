/* drafts.c - drafts on disk (drafts.h).
 *
 * A file is a few header lines, an empty line and the text:
 *
 *     wardesk-draft 1
 *     ref: BT-7
 *     action: close
 *     extra: done
 *     version: 3
 *     saved: 1764600000
 *
 *     the note, any number of lines
 *
 * Anything else is damaged: renamed KEY.corrupt and reported once. */
#include "wardesk/wardesk.h"

#include <ctype.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wardesk/drafts.h"

#define MAGIC "wardesk-draft 1\n"
#define DRAFT_MAX (256 * 1024)

static char *dir_path;
static char owner[64];   /* the login whose drafts these are ("" before known) */
static char place[96];   /* the database and ward ("" before known) */

/* A path component: letters, digits, '_', '-', '.' (not first). */
static void component(char *out, size_t n, const char *s)
{
	size_t i = 0;

	for (const char *p = s ? s : ""; *p && i + 1 < n; p++) {
		bool ok = isalnum((unsigned char)*p) || *p == '_' || *p == '-' || (*p == '.' && i > 0);

		out[i++] = ok ? *p : '_';
	}
	out[i] = '\0';
}

void drafts_set_owner(const char *login)
{
	component(owner, sizeof owner, login);
}

bool drafts_set_place(const char *key)
{
	char next[sizeof place];

	component(next, sizeof next, key);
	if (!strcmp(next, place))
		return false;
	memcpy(place, next, sizeof place);
	return true;
}

static char problem[512];

static bool mkdir_p(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return false;
	return true;
}

const char *drafts_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *dir;
	struct stat sb;

	/* one directory per database and ward, and in it one per login: a
	 * desk PC shared by several officers under one system account never
	 * offers one officer another's notes, nor a note of another database
	 * (another cluster with the same database name, ward and login) */
	if (!owner[0] || !place[0])
		return NULL;
	if (state && *state == '/')
		dir = xasprintf("%s/wardesk/drafts/%s/%s", state, place, owner);
	else if (home && *home)
		dir = xasprintf("%s/.local/state/wardesk/drafts/%s/%s", home, place, owner);
	else
		return NULL;
	if (dir_path && !strcmp(dir_path, dir)) {
		free(dir);
		return dir_path;
	}
	if (!mkdir_p(dir) || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		free(dir);
		return NULL;
	}
	if ((sb.st_mode & 077) != 0)
		chmod(dir, 0700);   /* never readable by others */
	free(dir_path);
	dir_path = dir;
	return dir_path;
}

void draft_key(char *buf, size_t n, const char *ref, const char *action)
{
	snprintf(buf, n, "%s.%s", ref ? ref : "", action ? action : "");
	for (char *p = buf; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			*p = '_';
	if (buf[0] == '.')
		buf[0] = '_';
}

static char *path_of(const char *key, const char *ext)
{
	const char *dir = drafts_dir();
	char safe[96];

	if (!dir || !key || !*key)
		return NULL;
	snprintf(safe, sizeof safe, "%s", key);
	for (char *p = safe; *p; p++)
		if (*p == '/')
			*p = '_';
	if (safe[0] == '.')
		safe[0] = '_';
	return xasprintf("%s/%s%s", dir, safe, ext);
}

static bool write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* Header values are one line each. */
static void put_field(struct strbuf *sb, const char *name, const char *v)
{
	sb_printf(sb, "%s: ", name);
	for (; *v; v++)
		sb_putc(sb, *v == '\n' || *v == '\r' ? ' ' : *v);
	sb_putc(sb, '\n');
}

bool draft_save(const struct draft *d)
{
	char *path, *tmp;
	struct strbuf sb = { 0 };
	int fd;
	bool ok;

	if (!d->text || !*d->text) {
		draft_remove(d->key);
		return true;
	}
	if (!(path = path_of(d->key, ".draft")))
		return false;
	tmp = xasprintf("%s/.draft-XXXXXX", dir_path);
	fd = mkstemp(tmp);   /* 0600 */
	if (fd < 0) {
		free(tmp);
		free(path);
		return false;
	}
	fchmod(fd, 0600);
	sb_puts(&sb, MAGIC);
	put_field(&sb, "ref", d->ref);
	put_field(&sb, "action", d->action);
	put_field(&sb, "extra", d->extra);
	sb_printf(&sb, "version: %d\nsaved: %lld\n\n", d->version,
	          (long long)(d->saved ? d->saved : time(NULL)));
	sb_puts(&sb, d->text);
	ok = write_all(fd, sb.s, sb.len) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp, path) == 0;
	if (!ok)
		unlink(tmp);
	sb_free(&sb);
	free(tmp);
	free(path);
	return ok;
}

void draft_free(struct draft *d)
{
	FREE(&d->text);
}

static void set_aside(const char *key, const char *path)
{
	char *bad = path_of(key, ".corrupt");

	if (bad && rename(path, bad) != 0)
		unlink(path);
	snprintf(problem, sizeof problem, _("draft %s is damaged: set aside as %s.corrupt, skipped"),
	         key, key);
	free(bad);
}

static bool field(const char **p, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name), len;
	const char *eol;

	if (strncmp(*p, name, nl) || (*p)[nl] != ':' || (*p)[nl + 1] != ' ')
		return false;
	*p += nl + 2;
	if (!(eol = strchr(*p, '\n')))
		return false;
	len = (size_t)(eol - *p);
	if (out) {
		if (len >= n)
			return false;
		memcpy(out, *p, len);
		out[len] = '\0';
	}
	*p = eol + 1;
	return true;
}

static bool parse(const char *s, struct draft *d)
{
	const char *p = s;
	char num[32], *end;
	long long v;

	if (strncmp(p, MAGIC, strlen(MAGIC)))
		return false;
	p += strlen(MAGIC);
	if (!field(&p, "ref", d->ref, sizeof d->ref) ||
	    !field(&p, "action", d->action, sizeof d->action) ||
	    !field(&p, "extra", d->extra, sizeof d->extra) ||
	    !field(&p, "version", num, sizeof num))
		return false;
	v = strtoll(num, &end, 10);
	if (*end || end == num || v < 0 || v > 1000000000)
		return false;
	d->version = (int)v;
	if (!field(&p, "saved", num, sizeof num))
		return false;
	v = strtoll(num, &end, 10);
	if (*end || end == num || v < 0)
		return false;
	d->saved = (time_t)v;
	if (*p++ != '\n' || !*p)
		return false;
	d->text = xstrdup(p);
	return true;
}

static char *read_small(const char *path, bool *damaged)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	struct strbuf sb = { 0 };
	char buf[4096];
	ssize_t r;

	*damaged = false;
	if (fd < 0)
		return NULL;
	sb_puts(&sb, "");
	while ((r = read(fd, buf, sizeof buf)) > 0 && sb.len < DRAFT_MAX)
		sb_add(&sb, buf, (size_t)r);
	close(fd);
	if (r < 0 || sb.len >= DRAFT_MAX || strlen(sb.s) != sb.len) {
		*damaged = true;   /* unreadable, too big or with a NUL */
		sb_free(&sb);
		return NULL;
	}
	return sb_steal(&sb);
}

bool draft_load(const char *key, struct draft *d)
{
	char *path = path_of(key, ".draft"), *s;
	bool damaged, ok;

	memset(d, 0, sizeof *d);
	if (!path)
		return false;
	snprintf(d->key, sizeof d->key, "%s", key);
	s = read_small(path, &damaged);
	ok = s && parse(s, d);
	if (!ok && (s || damaged)) {
		draft_free(d);
		set_aside(key, path);
	}
	free(s);
	free(path);
	return ok;
}

void draft_remove(const char *key)
{
	char *path = path_of(key, ".draft");

	if (path)
		unlink(path);
	free(path);
}

static int by_time(const void *a, const void *b)
{
	const struct draft *x = a, *y = b;

	return x->saved < y->saved ? -1 : x->saved > y->saved ? 1 : strcmp(x->key, y->key);
}

size_t drafts_list(struct draft **out)
{
	const char *dir = drafts_dir();
	struct draft *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *dp;

	*out = NULL;
	if (!dir || !(dp = opendir(dir)))
		return 0;
	while ((e = readdir(dp)) != NULL) {
		size_t len = strlen(e->d_name);
		char key[96];
		struct draft d;

		if (e->d_name[0] == '.' || len < 7 || len - 6 >= sizeof key ||
		    strcmp(e->d_name + len - 6, ".draft"))
			continue;
		memcpy(key, e->d_name, len - 6);
		key[len - 6] = '\0';
		if (!draft_load(key, &d))
			continue;
		if (!d.ref[0]) {
			draft_free(&d);
			continue;
		}
		if (n == cap)
			v = xreallocarray(v, cap = cap ? cap * 2 : 8, sizeof *v);
		v[n++] = d;
	}
	closedir(dp);
	if (n)
		qsort(v, n, sizeof *v, by_time);
	*out = v;
	return n;
}

void drafts_list_free(struct draft *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		draft_free(&v[i]);
	free(v);
}

const char *drafts_problem(void)
{
	static char last[512];

	snprintf(last, sizeof last, "%s", problem);
	problem[0] = '\0';
	return last;
}
