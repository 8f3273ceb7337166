/* photo_fetch.c - report photos fetched and decoded on a worker thread,
 * kept in the desk's cache (photo_fetch.h).
 *
 * libcurl and GLib are loaded by the worker at the first fetch (dynlib.h):
 * a console that never fetches a photo never maps them. */
#include "wardesk/wardesk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>
#include <glib.h>

#include "wardesk/dynlib.h"
#include "wardesk/photo_fetch.h"

#define TABLE_MAX 16

#define CU_FNS(X) \
	X(global_init, curl_global_init) X(global_cleanup, curl_global_cleanup) \
	X(init, curl_easy_init) X(setopt, curl_easy_setopt) X(getinfo, curl_easy_getinfo) \
	X(perform, curl_easy_perform) X(cleanup, curl_easy_cleanup) X(strerror, curl_easy_strerror)
static struct {
	CU_FNS(DYNLIB_FIELD)
} CU;
#define CU_SYM(field, sym) DYNLIB_SYM(CU, field, sym)
static const struct dynsym cu_syms[] = { CU_FNS(CU_SYM) };
static struct dynlib cu_lib = DYNLIB("libcurl.so.4", cu_syms);

#define GL_FNS(X) X(checksum, g_compute_checksum_for_string) X(gfree, g_free)
static struct {
	GL_FNS(DYNLIB_FIELD)
} GL;
#define GL_SYM(field, sym) DYNLIB_SYM(GL, field, sym)
static const struct dynsym gl_syms[] = { GL_FNS(GL_SYM) };
static struct dynlib gl_lib = DYNLIB("libglib-2.0.so.0", gl_syms);

struct entry {
	char *url;
	enum photo_state state;
	bool taken;              /* the worker is on it */
	unsigned char *bytes;    /* photo_put: decode these, fetch nothing */
	size_t len;
	char why[192];
	struct photo_img img;
	unsigned long used;
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	pthread_t thread;
	bool started, quit;
	bool curl_up;            /* the worker loaded libcurl and ran its global init */
	int pipe_r, pipe_w;
	struct entry v[TABLE_MAX];
	size_t n;
	unsigned long clock;
} F = { .mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER,
	.pipe_r = -1, .pipe_w = -1 };

bool photo_url_ok(const char *url)
{
	return url && (!strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8));
}

/* ---- the cache ---------------------------------------------------------- */

static char *cache_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char *base, *dir;

	if (x && *x == '/')
		base = xstrdup(x);
	else if (home && *home)
		base = xasprintf("%s/.cache", home);
	else
		return NULL;
	dir = xasprintf("%s/wardesk", base);
	mkdir(base, 0700);
	mkdir(dir, 0700);
	free(dir);
	dir = xasprintf("%s/wardesk/photos", base);
	free(base);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		free(dir);
		return NULL;
	}
	chmod(dir, 0700);
	return dir;
}

/* Remove the oldest files until the cache holds at most the limit. */
static void cache_prune(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	long total = 0;

	if (!d)
		return;
	for (;;) {
		char oldest[NAME_MAX + 1] = "";
		time_t t0 = 0;

		total = 0;
		rewinddir(d);
		while ((de = readdir(d))) {
			struct stat st;

			if (de->d_name[0] == '.' || fstatat(dirfd(d), de->d_name, &st, 0) ||
			    !S_ISREG(st.st_mode))
				continue;
			total += (long)st.st_size;
			if (!oldest[0] || st.st_mtime < t0) {
				t0 = st.st_mtime;
				snprintf(oldest, sizeof oldest, "%s", de->d_name);
			}
		}
		if (total <= PHOTO_CACHE_MAX_BYTES || !oldest[0] ||
		    unlinkat(dirfd(d), oldest, 0) != 0)
			break;
	}
	closedir(d);
}

/* The whole file, at most the size limit. */
static bool read_file(const char *path, char **buf, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	ssize_t r;

	if (fd < 0)
		return false;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > PHOTO_FETCH_MAX_BYTES) {
		close(fd);
		return false;
	}
	*buf = xmalloc((size_t)st.st_size + 1);
	*len = 0;
	while (*len < (size_t)st.st_size && (r = read(fd, *buf + *len, (size_t)st.st_size - *len)) > 0)
		*len += (size_t)r;
	close(fd);
	return true;
}

/* ---- one transfer ------------------------------------------------------- */

struct xfer {
	FILE *fp;
	CURL *h;
	long got;
	bool too_big, bad_type;
	char ctype[48];
};

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct xfer *x = arg;
	size_t len = size * n;

	if (x->got == 0 && !x->bad_type) {
		char *ct = NULL;

		CU.getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);
		if (!ct || strncasecmp(ct, "image/", 6) != 0) {
			size_t i;

			snprintf(x->ctype, sizeof x->ctype, "%s", ct ? ct : "?");
			for (i = 0; x->ctype[i]; i++)
				if (x->ctype[i] < 0x20 || x->ctype[i] > 0x7e)
					x->ctype[i] = '?';
			x->bad_type = true;
			return 0;
		}
	}
	if (x->got + (long)len > PHOTO_FETCH_MAX_BYTES) {
		x->too_big = true;
		return 0;
	}
	x->got += (long)len;
	return fwrite(p, 1, len, x->fp) == len ? len : 0;
}

static int on_progress(void *arg, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
	bool quit;

	(void)arg; (void)a; (void)b; (void)c; (void)d;
	pthread_mutex_lock(&F.mu);
	quit = F.quit;
	pthread_mutex_unlock(&F.mu);
	return quit;
}

static long timeout_s(void)
{
	const char *e = getenv("WARDESK_PHOTO_TIMEOUT");
	long t = e ? strtol(e, NULL, 10) : 0;

	return t >= 1 && t <= 300 ? t : PHOTO_FETCH_TIMEOUT;
}

/* An HTTP error in the officer's words (libcurl's own text is English
 * and kept only for what is not mapped here). */
static void http_reason(long code, char *why, size_t whysz)
{
	if (code == 404 || code == 410)
		snprintf(why, whysz, _("the photo is not on the server (HTTP %ld)"), code);
	else if (code == 401 || code == 403)
		snprintf(why, whysz, _("the server does not let the desk see the photo (HTTP %ld)"), code);
	else if (code >= 500 && code <= 599)
		snprintf(why, whysz, _("the photo's server has a fault (HTTP %ld); try later"), code);
	else
		snprintf(why, whysz, _("the server answered HTTP %ld"), code);
}

static void curl_reason(CURLcode rc, const struct xfer *x, char *why, size_t whysz)
{
	long code = 0;

	CU.getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (x->bad_type)
		snprintf(why, whysz, _("the server sent %s, not a photo"), x->ctype);
	else if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED)
		snprintf(why, whysz, _("the photo is larger than %ld MB"), PHOTO_FETCH_MAX_BYTES >> 20);
	else if (rc == CURLE_OPERATION_TIMEDOUT)
		snprintf(why, whysz, _("the server did not send the photo within %ld s"), timeout_s());
	else if (rc == CURLE_HTTP_RETURNED_ERROR)
		http_reason(code, why, whysz);
	else if (rc == CURLE_COULDNT_CONNECT)
		snprintf(why, whysz, "%s", _("cannot connect to the photo's server"));
	else if (rc == CURLE_COULDNT_RESOLVE_HOST)
		snprintf(why, whysz, "%s", _("the photo's server name is not known (DNS)"));
	else if (rc == CURLE_GOT_NOTHING || rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
	         rc == CURLE_PARTIAL_FILE)
		snprintf(why, whysz, "%s", _("the connection to the photo's server broke"));
	else if (rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION)
		snprintf(why, whysz, "%s", _("no secure connection to the photo's server (certificate)"));
	else if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		snprintf(why, whysz, "%s", _("refused: only http and https links are fetched"));
	else if (rc == CURLE_TOO_MANY_REDIRECTS)
		snprintf(why, whysz, _("refused: more than %d redirects"), PHOTO_FETCH_REDIRECTS);
	else
		snprintf(why, whysz, _("cannot fetch the photo: %s"), CU.strerror(rc));
}

static void set_options(CURL *h, struct xfer *x, const char *url)
{
	CU.setopt(h, CURLOPT_URL, url);
	CU.setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	CU.setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	CU.setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	CU.setopt(h, CURLOPT_MAXREDIRS, (long)PHOTO_FETCH_REDIRECTS);
	CU.setopt(h, CURLOPT_CONNECTTIMEOUT, (long)PHOTO_FETCH_CONNECT);
	CU.setopt(h, CURLOPT_TIMEOUT, timeout_s());
	CU.setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)PHOTO_FETCH_MAX_BYTES);
	CU.setopt(h, CURLOPT_FAILONERROR, 1L);
	CU.setopt(h, CURLOPT_NOSIGNAL, 1L);
	CU.setopt(h, CURLOPT_USERAGENT, "wardesk/" WARDESK_VERSION);
	CU.setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	CU.setopt(h, CURLOPT_WRITEDATA, x);
	CU.setopt(h, CURLOPT_NOPROGRESS, 0L);
	CU.setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
}

/* libcurl, loaded and initialised (on the worker, at its first fetch). */
static bool curl_up(char *why, size_t whysz)
{
	char e[256];

	if (F.curl_up)
		return true;
	if (!dynlib_load(&cu_lib, e, sizeof e)) {
		snprintf(why, whysz, _("cannot fetch photos: %s"), e);
		return false;
	}
	CU.global_init(CURL_GLOBAL_DEFAULT);
	F.curl_up = true;
	return true;
}

/* Fetch url into path (temporary file, then rename); false with why. */
static bool fetch(const char *url, const char *dir, const char *path, char *why, size_t whysz)
{
	struct xfer x = { 0 };
	CURLcode rc;
	char *tmp;
	bool ok;
	int fd;

	if (!curl_up(why, whysz))
		return false;
	tmp = xasprintf("%s/.fetch-XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd < 0 || !(x.fp = fdopen(fd, "wb"))) {
		snprintf(why, whysz, _("cannot write the photo cache %s: %s"), dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		free(tmp);
		return false;
	}
	x.h = CU.init();
	set_options(x.h, &x, url);
	rc = CU.perform(x.h);
	ok = rc == CURLE_OK && !x.bad_type && !x.too_big;
	if (!ok)
		curl_reason(rc, &x, why, whysz);
	CU.cleanup(x.h);
	if (fclose(x.fp) != 0 && ok) {
		snprintf(why, whysz, _("cannot write the photo cache %s: %s"), dir, strerror(errno));
		ok = false;
	}
	if (ok && rename(tmp, path) != 0) {
		snprintf(why, whysz, _("cannot write the photo cache %s: %s"), dir, strerror(errno));
		ok = false;
	}
	if (!ok)
		unlink(tmp);
	free(tmp);
	return ok;
}

/* The photo of url, from the cache or the network, decoded. */
static bool load(const char *url, struct photo_img *img, char *why, size_t whysz)
{
	char *dir = cache_dir(), *sum, *path, *buf = NULL, e[256];
	size_t len = 0;
	bool ok;

	if (!dir) {
		snprintf(why, whysz, "%s", _("no cache directory (set XDG_CACHE_HOME or HOME)"));
		return false;
	}
	if (!dynlib_load(&gl_lib, e, sizeof e)) {
		snprintf(why, whysz, _("cannot fetch photos: %s"), e);
		free(dir);
		return false;
	}
	sum = GL.checksum(G_CHECKSUM_SHA256, url, -1);
	path = xasprintf("%s/%s", dir, sum);
	GL.gfree(sum);
	if (access(path, R_OK) == 0)
		utimensat(AT_FDCWD, path, NULL, 0);   /* recently used */
	else if (!fetch(url, dir, path, why, whysz)) {
		free(path);
		free(dir);
		return false;
	} else
		cache_prune(dir);
	ok = read_file(path, &buf, &len);
	if (!ok)
		snprintf(why, whysz, "%s", _("the photo in the cache cannot be read"));
	else
		ok = photo_decode(buf, len, PHOTO_FETCH_SIDE, PHOTO_MAX_PIXELS, img, why, whysz);
	free(buf);
	free(path);
	free(dir);
	return ok;
}

/* ---- the worker --------------------------------------------------------- */

static struct entry *next_job(void)
{
	for (size_t i = 0; i < F.n; i++)
		if (F.v[i].state == PHOTO_FETCHING && !F.v[i].taken)
			return &F.v[i];
	return NULL;
}

static void *worker(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&F.mu);
	while (!F.quit) {
		struct entry *e = next_job();
		struct photo_img img = { 0 };
		char why[192] = "", *url;
		unsigned char *bytes;
		size_t len;
		bool ok;

		if (!e) {
			pthread_cond_wait(&F.wake, &F.mu);
			continue;
		}
		e->taken = true;
		url = xstrdup(e->url);
		bytes = e->bytes;   /* the worker's until it is done */
		len = e->len;
		e->bytes = NULL;
		pthread_mutex_unlock(&F.mu);
		ok = bytes ? photo_decode(bytes, len, PHOTO_FETCH_SIDE, PHOTO_MAX_PIXELS, &img, why, sizeof why)
		     : load(url, &img, why, sizeof why);
		free(bytes);
		pthread_mutex_lock(&F.mu);
		for (size_t i = 0; i < F.n; i++)   /* the table may have moved */
			if (F.v[i].taken && !strcmp(F.v[i].url, url)) {
				F.v[i].taken = false;
				F.v[i].state = ok ? PHOTO_READY : PHOTO_FAILED;
				F.v[i].img = img;
				img.rgba = NULL;
				snprintf(F.v[i].why, sizeof F.v[i].why, "%s", why);
				break;
			}
		photo_img_free(&img);
		free(url);
		if (F.pipe_w >= 0 && write(F.pipe_w, "", 1) < 0) {
			/* full: a wake-up is pending anyway */
		}
	}
	pthread_mutex_unlock(&F.mu);
	return NULL;
}

static bool start(void)
{
	int p[2];

	if (F.started)
		return true;
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) != 0)
		return false;
	F.pipe_r = p[0];
	F.pipe_w = p[1];
	F.quit = false;
	if (pthread_create(&F.thread, NULL, worker, NULL) != 0) {
		close(p[0]);
		close(p[1]);
		F.pipe_r = F.pipe_w = -1;
		return false;
	}
	F.started = true;
	return true;
}

/* A free slot: the least recently used answer (never one being fetched). */
static struct entry *slot(void)
{
	struct entry *best = NULL;

	if (F.n < TABLE_MAX)
		return &F.v[F.n++];
	for (size_t i = 0; i < F.n; i++)
		if (F.v[i].state != PHOTO_FETCHING && (!best || F.v[i].used < best->used))
			best = &F.v[i];
	if (best) {
		free(best->url);
		free(best->bytes);
		photo_img_free(&best->img);
		memset(best, 0, sizeof *best);
	}
	return best;
}

static struct entry *add(const char *url, char *why, size_t whysz)
{
	struct entry *e;

	if (!start()) {
		snprintf(why, whysz, "%s", _("cannot start the photo worker"));
		return NULL;
	}
	if (!(e = slot())) {
		snprintf(why, whysz, "%s", _("waiting: other photos are being fetched"));
		return NULL;
	}
	e->url = xstrdup(url);
	e->state = PHOTO_FETCHING;
	pthread_cond_signal(&F.wake);
	return e;
}

static struct entry *find(const char *key)
{
	for (size_t i = 0; i < F.n; i++)
		if (!strcmp(F.v[i].url, key))
			return &F.v[i];
	return NULL;
}

bool photo_known(const char *key)
{
	bool r;

	pthread_mutex_lock(&F.mu);
	r = find(key) != NULL;
	pthread_mutex_unlock(&F.mu);
	return r;
}

void photo_put(const char *key, unsigned char *bytes, size_t len)
{
	struct entry *e;
	char why[192];

	pthread_mutex_lock(&F.mu);
	if (!find(key) && (e = add(key, why, sizeof why))) {
		e->bytes = bytes;
		e->len = len;
		bytes = NULL;
	}
	pthread_mutex_unlock(&F.mu);
	free(bytes);
}

enum photo_state photo_get(const char *url, const struct photo_img **img, char *why, size_t whysz)
{
	struct entry *e = NULL;
	enum photo_state s;

	*img = NULL;
	why[0] = '\0';
	pthread_mutex_lock(&F.mu);
	e = find(url);
	if (!e && !photo_url_ok(url)) {
		pthread_mutex_unlock(&F.mu);
		snprintf(why, whysz, "%s", _("refused: only http and https links are fetched"));
		return PHOTO_FAILED;
	}
	if (!e && !(e = add(url, why, whysz))) {
		pthread_mutex_unlock(&F.mu);
		return PHOTO_FETCHING;
	}
	e->used = ++F.clock;
	s = e->state;
	if (s == PHOTO_READY)
		*img = &e->img;
	else if (s == PHOTO_FAILED)
		snprintf(why, whysz, "%s", e->why);
	pthread_mutex_unlock(&F.mu);
	return s;
}

int photo_fetch_fd(void)
{
	return F.pipe_r;
}

void photo_fetch_wake(void)
{
	pthread_mutex_lock(&F.mu);
	if (F.pipe_w >= 0 && write(F.pipe_w, "", 1) < 0) {
		/* full: a wake-up is pending anyway */
	}
	pthread_mutex_unlock(&F.mu);
}

bool photo_fetch_drain(void)
{
	char b[64];
	bool any = false;

	while (F.pipe_r >= 0 && read(F.pipe_r, b, sizeof b) > 0)
		any = true;
	return any;
}

void photo_fetch_shutdown(void)
{
	if (!F.started)
		return;
	pthread_mutex_lock(&F.mu);
	F.quit = true;
	pthread_cond_signal(&F.wake);
	pthread_mutex_unlock(&F.mu);
	pthread_join(F.thread, NULL);
	for (size_t i = 0; i < F.n; i++) {
		free(F.v[i].url);
		free(F.v[i].bytes);
		photo_img_free(&F.v[i].img);
	}
	F.n = 0;
	close(F.pipe_r);
	close(F.pipe_w);
	F.pipe_r = F.pipe_w = -1;
	F.started = false;
	if (F.curl_up)               /* the worker has ended: nothing else uses it */
		CU.global_cleanup();
	F.curl_up = false;
}
