-- 031_export_horizon.sql - the Open311 export's horizon (app_requests,
-- sql/code/40_intake.sql): a change is stamped (cases.app_updated_at) when
-- it is made, and becomes visible when its transaction commits, so a
-- change stamped before a poll but committed after it fell behind the
-- app's watermark and was never exported.  The export now leaves out
-- every change stamped at or after the start of the oldest transaction
-- still in flight (export_horizon()), and for that it reads
-- pg_stat_activity's xact_start of every session: the functions' owner
-- needs pg_read_all_stats (statistics only; no data of any table).
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.

grant pg_read_all_stats to wardesk_owner;
