-- 023_alert_summary.sql - one summary alert per officer for a catch-up
-- sweep, not one alert per case (issue 14 item 4).
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.  No timestamptz column is added.
--
--   alerts.case_count   NULL: the alert is about its case alone (every alert
--                       until now).  N > 1: a summary, "N cases warned /
--                       escalated / overdue / to remind": one call of the
--                       sweep (50_deadlines.sql, sweep_alerts) would have
--                       raised more than alert_summary_over() alerts of
--                       that kind for that officer, and raised this one
--                       instead.  The kind stays the step's ('warning',
--                       'escalation', 'overdue', 'reminder'), so every
--                       filter by kind (notify_events, phone_kinds, what is
--                       serious) treats a summary like its alerts; case_id
--                       is the first of them (earliest deadline).
--   alerts.case_ids     the cases a summary stands for, in deadline order
--                       (its case_id first); NULL for a single alert.  The
--                       audit trail still has one event per case and step.

set role wardesk_owner;

alter table wardesk.alerts
	add column case_count int,
	add column case_ids bigint[];

alter table wardesk.alerts
	add constraint alerts_summary_check
	check ((case_count is null and case_ids is null)
	       or (case_count > 1 and cardinality(case_ids) = case_count and case_ids[1] = case_id));

reset role;
