/* photo_encode.c - sixel and kitty strings made on a thread of their own
 * (photo_encode.h). */
#include "wardesk/wardesk.h"

#include <pthread.h>

#include "wardesk/photo_encode.h"
#include "wardesk/photo_fetch.h"

/* The job's arguments: what photo_gfx_seq is called with. */
struct job {
	char key[512];
	struct photo_img img;    /* a copy of the pixels, until the thread takes them */
	enum photo_gfx g;
	int cols, rows, cw, ch;
};

static struct {
	pthread_mutex_t mu;
	pthread_cond_t wake;
	pthread_t thread;
	bool started, quit;
	unsigned long gen;       /* the job the console waits for */
	unsigned long todo;      /* that job, when the thread has not taken it yet; 0: none */
	struct job job;          /* the arguments of gen ("" key: none) */
	enum photo_enc state;    /* of gen */
	char *seq;               /* READY: the string of gen */
	int out_cols, out_rows;
} E = { .mu = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER };

static bool same_job(const struct job *j, const char *key, enum photo_gfx g, int cols, int rows,
                     int cw, int ch)
{
	return !strcmp(j->key, key) && j->g == g && j->cols == cols && j->rows == rows &&
	       j->cw == cw && j->ch == ch;
}

/* Take the waiting job (its pixels handed over), make its string with the
 * lock released, keep it only when the console still waits for that job. */
static void *run(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&E.mu);
	for (;;) {
		struct job j;
		unsigned long gen;
		char *seq;
		int oc = 0, orows = 0;

		while (!E.quit && !E.todo)
			pthread_cond_wait(&E.wake, &E.mu);
		if (E.quit)
			break;
		gen = E.todo;
		E.todo = 0;
		j = E.job;
		E.job.img.rgba = NULL;   /* the thread owns the pixels now */
		pthread_mutex_unlock(&E.mu);
		seq = photo_gfx_seq(&j.img, j.g, j.cols, j.rows, j.cw, j.ch, &oc, &orows);
		photo_img_free(&j.img);
		pthread_mutex_lock(&E.mu);
		if (gen == E.gen && E.state == PHOTO_ENC_BUSY) {
			E.state = seq ? PHOTO_ENC_READY : PHOTO_ENC_FAILED;
			E.seq = seq;
			E.out_cols = oc;
			E.out_rows = orows;
			seq = NULL;
			photo_fetch_wake();
		}
		free(seq);
	}
	pthread_mutex_unlock(&E.mu);
	return NULL;
}

/* Forget the job of gen (the lock held). */
static void forget(void)
{
	E.gen++;
	E.todo = 0;
	photo_img_free(&E.job.img);
	FREE(&E.seq);
	E.job.key[0] = '\0';
	E.state = PHOTO_ENC_FAILED;
}

/* Make gen a new job for these arguments (the lock held). */
static enum photo_enc start(const char *key, const struct photo_img *img, enum photo_gfx g,
                            int cols, int rows, int cw, int ch)
{
	size_t n = (size_t)img->w * (size_t)img->h * 4;

	forget();
	if (!img->rgba || img->w < 1 || img->h < 1)
		return PHOTO_ENC_FAILED;
	if (!E.started) {
		if (pthread_create(&E.thread, NULL, run, NULL) != 0)
			return PHOTO_ENC_FAILED;
		E.started = true;
	}
	snprintf(E.job.key, sizeof E.job.key, "%s", key);
	E.job.img.w = img->w;
	E.job.img.h = img->h;
	E.job.img.rgba = xmalloc(n);
	memcpy(E.job.img.rgba, img->rgba, n);
	E.job.g = g;
	E.job.cols = cols;
	E.job.rows = rows;
	E.job.cw = cw;
	E.job.ch = ch;
	E.state = PHOTO_ENC_BUSY;
	E.todo = E.gen;
	pthread_cond_signal(&E.wake);
	return PHOTO_ENC_BUSY;
}

enum photo_enc photo_encode_get(const char *key, const struct photo_img *img, enum photo_gfx g,
                                int cols, int rows, int cell_w, int cell_h, char **seq,
                                int *out_cols, int *out_rows)
{
	enum photo_enc s;

	*seq = NULL;
	pthread_mutex_lock(&E.mu);
	if (!E.job.key[0] || !same_job(&E.job, key, g, cols, rows, cell_w, cell_h))
		s = start(key, img, g, cols, rows, cell_w, cell_h);
	else if ((s = E.state) == PHOTO_ENC_READY) {
		*seq = E.seq;
		E.seq = NULL;
		*out_cols = E.out_cols;
		*out_rows = E.out_rows;
		E.job.key[0] = '\0';   /* handed over: the next call makes it again */
	}
	pthread_mutex_unlock(&E.mu);
	return s;
}

void photo_encode_cancel(void)
{
	pthread_mutex_lock(&E.mu);
	forget();
	pthread_mutex_unlock(&E.mu);
}

void photo_encode_shutdown(void)
{
	pthread_mutex_lock(&E.mu);
	forget();
	E.quit = true;
	pthread_cond_signal(&E.wake);
	pthread_mutex_unlock(&E.mu);
	if (E.started)
		pthread_join(E.thread, NULL);
	E.started = false;
	E.quit = false;
}
