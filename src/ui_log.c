/* ui_log.c - the status line's past messages (ui_log.h): a ring of the
 * last UI_LOG_MAX, each kept whole. */
#include "wardesk/wardesk.h"

#include "wardesk/ui_log.h"

static struct {
	char *msg;
	bool error;
	time_t at;
} ring[UI_LOG_MAX];
static size_t head, count;   /* head: the next slot */

void ui_log_add(const char *msg, bool error, time_t at)
{
	const char *last = ui_log_get(0, NULL, NULL);

	if (!msg || !*msg || (last && !strcmp(last, msg)))
		return;
	free(ring[head].msg);
	ring[head].msg = xstrdup(msg);
	ring[head].error = error;
	ring[head].at = at;
	head = (head + 1) % UI_LOG_MAX;
	if (count < UI_LOG_MAX)
		count++;
}

size_t ui_log_count(void)
{
	return count;
}

const char *ui_log_get(size_t i, bool *error, time_t *at)
{
	size_t k;

	if (i >= count)
		return NULL;
	k = (head + UI_LOG_MAX - 1 - i) % UI_LOG_MAX;
	if (error)
		*error = ring[k].error;
	if (at)
		*at = ring[k].at;
	return ring[k].msg;
}
