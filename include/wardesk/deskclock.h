/* deskclock.h - the desk clock.
 *
 * This machine's clock corrected by how far the database's wardesk.now()
 * was from it at the last connect (a desk PC whose clock is off, or a test
 * clock), so countdowns and colours agree with the database's sweep. */
#ifndef WARDESK_DESKCLOCK_H
#define WARDESK_DESKCLOCK_H

time_t desk_now(void);
/* Record the database clock as read when this machine's clock said local. */
void desk_clock_sync(time_t db_now, time_t local);

#endif
