/* cli_phone.c - the chair's phone in `wardesk watch` (see cli_phone.h):
 * phone messages claimed from the database, written as short text, handed
 * to the configured command (posix_spawnp, no shell) and reported back. */
#include "wardesk/wardesk.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wardesk/cli.h"
#include "wardesk/cli_phone.h"
#include "wardesk/config.h"
#include "wardesk/text.h"
#include "wardesk/timefmt.h"

extern char **environ;

#define PHONE_SLOTS 4            /* commands at once per watcher */
#define PHONE_POLL_MS 2000       /* how often due messages are claimed */
#define PHONE_MAX_AGE_S 3600     /* older unsent messages expire */
#define PHONE_TEXT_MAX 160       /* characters: one SMS */
#define PHONE_RETRY_MAX 16

/* A slot: a command running (pid), or its outcome waiting for the database
 * (ended: kept while offline, reported on reconnect within the lease). */
struct phone_job {
	pid_t pid;
	bool ended;                  /* the outcome below is not yet recorded */
	int64_t id;
	int attempt;
	char *ref, *recipient;
	int64_t deadline_ms;         /* killed after this (monotonic) */
	bool killed;
	int status;                  /* exit status, -1: none */
	char why[160];               /* "" when sent */
};

struct phone_sender {
	char **tmpl;                 /* phone-command split into words */
	long retry[PHONE_RETRY_MAX];
	int nretry;
	long timeout_s;
	bool ascii;
	int64_t next_claim_ms;
	struct phone_job jobs[PHONE_SLOTS];
};

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the text ---------------------------------------------------------- */

/* What the step is called in a message. */
static const struct { const char *kind, *word; } step_words[] = {
	{ "escalation", N_("escalated") },
	{ "overdue", N_("OVERDUE") },
	{ "urgent", N_("urgent") },
	{ "warning", N_("due soon") },
	{ "reminder", N_("reminder") },
	{ "new", N_("new case") },
	{ "assigned", N_("assigned to you") },
};

static const char *step_word(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(step_words); i++)
		if (!strcmp(step_words[i].kind, kind))
			return _(step_words[i].word);
	return kind;
}

/* Untrusted text for a message: line breaks and tabs as spaces, then
 * sanitised (no control or bidi character), ASCII when asked. */
static char *clean(const char *s, bool ascii)
{
	char *flat = xstrdup(s ? s : ""), *safe, *out;

	for (char *p = flat; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	safe = text_sanitize(flat, false);
	free(flat);
	if (!ascii)
		return safe;
	out = text_ascii(safe);
	free(safe);
	return out;
}

/* Runs of spaces to one, no leading or trailing space; at most max
 * characters (code points), cut at a character boundary. */
static void squeeze_cut(char *s, size_t max)
{
	size_t chars = 0;
	char *w = s;

	for (const char *r = s; *r; r++) {
		if (*r == ' ' && (w == s || w[-1] == ' '))
			continue;
		if (((unsigned char)*r & 0xC0) != 0x80 && chars++ == max)
			break;
		*w++ = *r;
	}
	while (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
}

char *phone_text(const struct wd_phone_msg *m, bool ascii)
{
	long mins = (long)((m->deadline_at - m->now) / 60);
	char when[64];
	char *ref = clean(m->ref, ascii), *step = clean(step_word(m->kind), ascii);
	char *cat = clean(m->category, ascii), *addr = clean(m->address, ascii), *w, *text;

	if (m->deadline_at >= m->now)
		snprintf(when, sizeof when, _("%ld min left"), mins);
	else
		snprintf(when, sizeof when, _("%ld min overdue"), -mins);
	w = clean(when, ascii);
	/* TRANSLATORS: an SMS: reference, step, countdown, category, address */
	text = xasprintf(_("%s %s, %s: %s, %s"), ref, step, w, cat, *addr ? addr : "-");
	squeeze_cut(text, PHONE_TEXT_MAX);
	free(ref);
	free(step);
	free(cat);
	free(addr);
	free(w);
	return text;
}

/* ---- the command ------------------------------------------------------- */

static const char *const placeholders[] = {
	"number", "intl", "message", "ref", "kind", "login",
};

/* The value of placeholder i for m. */
static const char *placeholder_value(size_t i, const struct wd_phone_msg *m, const char *text,
                                     const char *intl)
{
	const char *v[] = { m->number, intl, text, m->ref, m->kind, m->recipient };

	return v[i] ? v[i] : "";
}

/* The placeholder at p ("{name}"): its index, or -1. */
static int placeholder_at(const char *p, size_t *len)
{
	for (size_t i = 0; i < ARRAY_SIZE(placeholders); i++) {
		size_t n = strlen(placeholders[i]);

		if (p[0] == '{' && !strncmp(p + 1, placeholders[i], n) && p[n + 1] == '}') {
			*len = n + 2;
			return (int)i;
		}
	}
	return -1;
}

char **phone_argv(char *const *tmpl, const struct wd_phone_msg *m, const char *text)
{
	size_t n = 0;
	char **argv, intl[24];

	snprintf(intl, sizeof intl, "+84%s", m->number && m->number[0] == '0' ? m->number + 1 : "");
	while (tmpl[n])
		n++;
	argv = xcalloc(n + 1, sizeof *argv);
	for (size_t i = 0; i < n; i++) {
		struct strbuf sb = { 0 };

		for (const char *p = tmpl[i]; *p;) {
			size_t len;
			int k = placeholder_at(p, &len);

			if (k < 0) {
				sb_putc(&sb, *p++);
				continue;
			}
			sb_puts(&sb, placeholder_value((size_t)k, m, text, intl));
			p += len;
		}
		argv[i] = sb.len ? sb_steal(&sb) : xstrdup("");
		sb_free(&sb);
	}
	return argv;
}

/* A "{word}" in the template that is no placeholder: the first, or NULL. */
static char *unknown_placeholder(char *const *tmpl)
{
	for (size_t i = 0; tmpl[i]; i++) {
		for (const char *p = tmpl[i]; (p = strchr(p, '{'));) {
			const char *close = strchr(p, '}');
			size_t len;

			if (close && placeholder_at(p, &len) < 0)
				return xstrndup(p, (size_t)(close - p + 1));
			p++;
		}
	}
	return NULL;
}

struct phone_sender *phone_sender_new(char *err, size_t errsz)
{
	const char *cmd = config_str(SET_PHONE_COMMAND);
	struct phone_sender *ps;
	char **w, *bad;

	*err = '\0';
	if (!*cmd)
		return NULL;
	if (config_split(cmd, &w, err, errsz) <= 0) {
		if (!*err)
			snprintf(err, errsz, "%s", _("phone-command names no command"));
		config_words_free(w);
		return NULL;
	}
	if ((bad = unknown_placeholder(w))) {
		snprintf(err, errsz, _("phone-command: unknown placeholder %s "
		                       "(known: {number} {intl} {message} {ref} {kind} {login})"), bad);
		free(bad);
		config_words_free(w);
		return NULL;
	}
	ps = xcalloc(1, sizeof *ps);
	ps->tmpl = w;
	ps->nretry = config_retry_list(config_str(SET_PHONE_RETRY), ps->retry, PHONE_RETRY_MAX);
	if (ps->nretry < 0)
		ps->nretry = 0;
	ps->timeout_s = config_int(SET_PHONE_TIMEOUT) > 0 ? config_int(SET_PHONE_TIMEOUT) : 60;
	ps->ascii = config_bool(SET_PHONE_ASCII);
	return ps;
}

/* Start argv in its own process group: stdin and stdout /dev/null, SIGPIPE
 * back to its default.  0 or an errno. */
static int spawn(char **argv, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t def, none;
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&at);
	sigemptyset(&def);
	sigaddset(&def, SIGPIPE);
	sigaddset(&def, SIGINT);
	sigaddset(&def, SIGTERM);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
	                              POSIX_SPAWN_SETPGROUP);
	rc = posix_spawnp(pid, argv[0], &fa, &at, argv, environ);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/* Tell the database how the attempt of j went; print one line.  false when
 * the database could not be told (offline): the outcome is kept for later. */
static bool report(struct phone_sender *ps, struct store *st, const struct phone_job *j)
{
	bool ok = !*j->why;
	long retry = j->attempt - 1 < ps->nretry ? ps->retry[j->attempt - 1] : -1;
	char outcome[32], at[40];
	struct st_err err = { 0 };
	char *r, *o, *w;

	if (!st || store_phone_result(st, j->id, j->attempt, ok, ok ? 0 : j->status, ok ? NULL : j->why,
	                              ok ? -1 : retry, outcome, sizeof outcome, &err) != ST_OK) {
		if (!st || err.status == ST_OFFLINE || !store_ok(st))
			return false;
		cli_fprintf(stderr, "wardesk: %s\n", err.msg);   /* refused: nothing to keep */
		return true;
	}
	r = text_sanitize(j->ref, false);
	o = text_sanitize(j->recipient, false);
	w = text_sanitize(j->why, false);
	time_iso(time(NULL), at, sizeof at);
	cli_printf("%s %s phone %s attempt %d: %s%s%s\n", at, r, o, j->attempt, outcome,
	           *w ? " - " : "", w);
	fflush(stdout);
	free(r);
	free(o);
	free(w);
	return true;
}

/* ---- the jobs ---------------------------------------------------------- */

static void job_clear(struct phone_job *j)
{
	free(j->ref);
	free(j->recipient);
	memset(j, 0, sizeof *j);
}

/* The command of j ended with wait status ws: why it failed ("" when not). */
static void job_ended(const struct phone_sender *ps, struct phone_job *j, int ws)
{
	j->pid = 0;
	j->ended = true;
	j->status = -1;
	j->why[0] = '\0';
	if (j->killed) {
		snprintf(j->why, sizeof j->why, _("killed after %ld s (phone-timeout)"), ps->timeout_s);
	} else if (WIFEXITED(ws)) {
		j->status = WEXITSTATUS(ws);
		if (j->status)
			snprintf(j->why, sizeof j->why, _("exit status %d"), j->status);
	} else if (WIFSIGNALED(ws)) {
		snprintf(j->why, sizeof j->why, _("killed by signal %d"), WTERMSIG(ws));
	}
}

/* j ended without a command's exit status, for why. */
static void job_failed(struct phone_job *j, const char *why)
{
	j->pid = 0;
	j->ended = true;
	j->status = -1;
	snprintf(j->why, sizeof j->why, "%s", why);
}

/* Reap what ended, kill what ran too long, report what waits. */
static void reap(struct phone_sender *ps, struct store *st)
{
	for (size_t i = 0; i < PHONE_SLOTS; i++) {
		struct phone_job *j = &ps->jobs[i];
		int ws = 0;
		pid_t r;

		if (j->pid && !j->killed && mono_ms() >= j->deadline_ms) {
			kill(-j->pid, SIGKILL);
			j->killed = true;
		}
		if (j->pid) {
			while ((r = waitpid(j->pid, &ws, WNOHANG)) < 0 && errno == EINTR)
				;
			if (r == 0)
				continue;
			if (r > 0) {
				job_ended(ps, j, ws);
			} else {
				char why[160];

				snprintf(why, sizeof why, _("lost track of the command: %s"), strerror(errno));
				job_failed(j, why);
			}
		}
		if (j->ended && report(ps, st, j))
			job_clear(j);
	}
}

/* Start message m in slot j; a command that cannot start ends at once. */
static void start(struct phone_sender *ps, struct phone_job *j, const struct wd_phone_msg *m)
{
	char *text, **argv, why[160];
	int rc;

	j->id = m->id;
	j->attempt = m->attempt;
	j->ref = xstrdup(m->ref);
	j->recipient = xstrdup(m->recipient);
	j->deadline_ms = mono_ms() + ps->timeout_s * 1000;
	if (!m->number || !*m->number) {
		job_failed(j, _("no mobile number any more"));
		return;
	}
	text = phone_text(m, ps->ascii);
	argv = phone_argv(ps->tmpl, m, text);
	free(text);
	if ((rc = spawn(argv, &j->pid)) != 0) {
		snprintf(why, sizeof why, _("cannot run %s: %s"), argv[0], strerror(rc));
		job_failed(j, why);
	}
	config_words_free(argv);
}

size_t phone_sender_running(const struct phone_sender *ps)
{
	size_t n = 0;

	for (size_t i = 0; i < PHONE_SLOTS; i++)
		n += ps->jobs[i].pid != 0;
	return n;
}

bool phone_sender_tick(struct phone_sender *ps, struct store *st, struct st_err *err)
{
	struct wd_phone_msg_list l;
	struct st_phone_claim q = {
		.lease_s = (int)ps->timeout_s + 60, .max_attempts = ps->nretry + 1,
		.max_age_s = PHONE_MAX_AGE_S,
	};
	size_t k = 0;

	reap(ps, st);
	for (size_t i = 0; i < PHONE_SLOTS; i++)
		q.limit += !ps->jobs[i].pid && !ps->jobs[i].ended;
	if (!st || mono_ms() < ps->next_claim_ms || q.limit == 0)
		return true;
	ps->next_claim_ms = mono_ms() + PHONE_POLL_MS;
	if (store_phone_claim(st, &q, &l, err) != ST_OK)   /* not allowed: for good */
		return strcmp(err->sqlstate, "42501") && strcmp(err->sqlstate, "WD616");
	for (size_t i = 0; i < PHONE_SLOTS && k < l.n; i++)
		if (!ps->jobs[i].pid && !ps->jobs[i].ended)
			start(ps, &ps->jobs[i], &l.v[k++]);
	reap(ps, st);   /* what could not start is reported now */
	wd_phone_msg_list_free(&l);
	return true;
}

int phone_sender_wait_ms(const struct phone_sender *ps)
{
	int64_t now = mono_ms(), until = ps->next_claim_ms;

	if (phone_sender_running(ps))
		return 100;   /* a command may end any moment: reap it soon */
	for (size_t i = 0; i < PHONE_SLOTS; i++)
		if (ps->jobs[i].ended)
			return 1000;   /* an outcome waits for the database */
	return until <= now ? 0 : (int)(until - now);
}

void phone_sender_free(struct phone_sender **psp, struct store *st)
{
	struct phone_sender *ps = *psp;

	if (!ps)
		return;
	while (phone_sender_running(ps)) {
		reap(ps, st);
		if (phone_sender_running(ps))
			usleep(50 * 1000);
	}
	reap(ps, st);
	for (size_t i = 0; i < PHONE_SLOTS; i++) {
		if (ps->jobs[i].ended) {
			char *r = text_sanitize(ps->jobs[i].ref, false);
			char *o = text_sanitize(ps->jobs[i].recipient, false);

			cli_fprintf(stderr, _("wardesk: phone message %s to %s: offline, outcome not recorded\n"),
			            r, o);
			free(r);
			free(o);
		}
		job_clear(&ps->jobs[i]);
	}
	config_words_free(ps->tmpl);
	FREE(psp);
}
