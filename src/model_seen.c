/* model_seen.c - the cases this officer has seen (model_seen.h). */
#include "wardesk/wardesk.h"

#include "wardesk/drafts.h"
#include "wardesk/model_seen.h"

#define SEEN_KEY "seen.cases"

static struct {
	int64_t *v;      /* sorted */
	size_t n, cap;
	time_t since;
	bool dirty;
	char refs[8][48];   /* seen_mark_ref: waiting for their case */
	int nrefs;
} S;

static size_t lower(int64_t id)
{
	size_t lo = 0, hi = S.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (S.v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void put(int64_t id)
{
	size_t at = lower(id);

	if (at < S.n && S.v[at] == id)
		return;
	if (S.n == S.cap) {
		S.cap = S.cap ? S.cap * 2 : 256;
		S.v = xreallocarray(S.v, S.cap, sizeof *S.v);
	}
	memmove(S.v + at + 1, S.v + at, (S.n - at) * sizeof *S.v);
	S.v[at] = id;
	S.n++;
}

/* "since 1764590000\n12 15 18\n..." */
static bool parse(const char *s)
{
	char *end;
	long long v;

	if (strncmp(s, "since ", 6) != 0)
		return false;
	v = strtoll(s + 6, &end, 10);
	if (end == s + 6 || v <= 0)
		return false;
	S.since = (time_t)v;
	for (s = end; *s;) {
		if (*s == ' ' || *s == '\n') {
			s++;
			continue;
		}
		v = strtoll(s, &end, 10);
		if (end == s || v <= 0)
			return false;
		put((int64_t)v);
		s = end;
	}
	return true;
}

void seen_load(void)
{
	struct draft d;

	FREE(&S.v);
	memset(&S, 0, sizeof S);
	if (draft_load(SEEN_KEY, &d) && d.text && parse(d.text)) {
		draft_free(&d);
		return;
	}
	draft_free(&d);
	S.n = 0;
	S.since = 0;   /* a first start here: nothing before it is NEW (seen_save) */
	S.dirty = true;
}

time_t seen_since(void)
{
	return S.since;
}

bool seen_has(int64_t id)
{
	size_t at = lower(id);

	return at < S.n && S.v[at] == id;
}

bool seen_mark(int64_t id)
{
	if (id <= 0 || seen_has(id))
		return false;
	put(id);
	S.dirty = true;
	return true;
}

void seen_mark_ref(const char *ref)
{
	if (!ref || !*ref)
		return;
	if (S.nrefs == (int)ARRAY_SIZE(S.refs)) {   /* the oldest goes */
		memmove(S.refs[0], S.refs[1], sizeof S.refs - sizeof S.refs[0]);
		S.nrefs--;
	}
	snprintf(S.refs[S.nrefs++], sizeof S.refs[0], "%s", ref);
}

bool seen_is_new(const struct mcase *c)
{
	if (!(c->flags & MCASE_ARRIVED) || c->state == WD_RESOLVED || seen_has(c->id))
		return false;
	for (int i = 0; i < S.nrefs; i++) {
		if (strcmp(S.refs[i], c->ref) != 0)
			continue;
		seen_mark(c->id);
		memmove(S.refs[i], S.refs[i + 1], (size_t)(S.nrefs - i - 1) * sizeof S.refs[0]);
		S.nrefs--;
		return false;
	}
	return true;
}

bool seen_save(const struct model *m, time_t since_if_none)
{
	struct strbuf sb = { 0 };
	struct draft d;
	size_t i, k = 0;
	bool ok;

	if (!S.since)
		S.since = since_if_none;
	if (!S.dirty || !S.since)
		return true;
	for (i = 0; i < S.n; i++)
		if (!m || model_find(m, S.v[i]))
			S.v[k++] = S.v[i];
	S.n = k;
	sb_printf(&sb, "since %lld\n", (long long)S.since);
	for (i = 0; i < S.n; i++)
		sb_printf(&sb, "%lld%s", (long long)S.v[i], (i + 1) % 10 == 0 || i + 1 == S.n ? "\n" : " ");
	memset(&d, 0, sizeof d);
	snprintf(d.key, sizeof d.key, "%s", SEEN_KEY);
	d.text = sb.s;
	ok = draft_save(&d);
	sb_free(&sb);
	if (ok)
		S.dirty = false;
	return ok;
}
