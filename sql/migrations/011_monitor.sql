-- 011_monitor.sql - wardesk_owner may read replication statistics.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  wardesk.replication_status()
-- (sql/code/60_roles.sql), a SECURITY DEFINER function owned by
-- wardesk_owner, reads pg_stat_replication for `wardesk db status`; without
-- pg_monitor its columns (state, sync_state, lag) read as NULL.  pg_monitor
-- only reads statistics and settings; it changes nothing.

grant pg_monitor to wardesk_owner;
