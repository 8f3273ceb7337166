/* actions.c - the action table (actions.h).
 *
 * Self-contained (no curses, no database): tools/doc-gen links it alone to
 * print the key list of wardesk(1). */
#include "wardesk/wardesk.h"

#include "wardesk/actions.h"

const struct action action_table[ACT_COUNT] = {
#define X(id, name, km, key, perm, help) { id, name, km, key, WD_PERM_##perm, help },
	ACTIONS(X)
#undef X
};

int action_parse(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < ACT_COUNT; i++)
		if (strcmp(name, action_table[i].name) == 0)
			return (int)i;
	return -1;
}

int action_perm(enum action_id act)
{
	return (unsigned)act < ACT_COUNT ? action_table[act].perm : WD_PERM_NONE;
}
