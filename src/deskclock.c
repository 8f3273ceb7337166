/* deskclock.c - the desk clock (see deskclock.h). */
#include "wardesk/wardesk.h"

#include "wardesk/deskclock.h"

static time_t skew;   /* database clock - local clock, seconds */

time_t desk_now(void)
{
	return time(NULL) + skew;
}

void desk_clock_sync(time_t db_now, time_t local)
{
	skew = db_now - local;
}
