-- 034_sweep_moves.sql - one step of the sweep as planned for one case
-- (wardesk.sweep_plan, sql/code/50_deadlines.sql; issue 14 item 4, eighth
-- pass): sweep_chunk plans every step of a call's cases at once, updates
-- each case once (it was one UPDATE per step kind, a case due three steps
-- updated three times, each a new row version and 13 index entries), and
-- writes each step's event itself (audit_sweep_moves, 25_audit.sql).  A
-- PL/pgSQL variable holds a call's plan as an array of these.
--
-- case_id, ord (the case's place in the call), ward_id; n (the step's
-- number for its case, 1..), last (its case's last step this call); step
-- ('warn', 'auto-escalate', 'overdue', 'remind'); version (the case's
-- version after the step); old, new (the step's event diff, as
-- audit_diff's); then the columns the steps set, as the step leaves them.
--
-- A versioned migration (see 001_core.sql and sql/README.md), as a superuser
-- inside db init's transaction.

create type wardesk.sweep_move as (
	case_id bigint,
	ord bigint,
	ward_id int,
	n int,
	last boolean,
	step text,
	version int,
	old jsonb,
	new jsonb,
	warned_at timestamptz,
	escalation smallint,
	escalated_at timestamptz,
	last_alert_at timestamptz,
	ack_by text,
	ack_at timestamptz,
	overdue_at timestamptz
);
