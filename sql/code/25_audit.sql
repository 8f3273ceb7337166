-- 25_audit.sql - text and audit triggers: every text column NFC (tg_nfc on
-- every table people write to), one case_events row and one NOTIFY on the
-- ward's case channel per inserted/updated case (tg_cases_audit), case_events
-- append-only (tg_append_only).
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran.  Idempotent: create or replace, drop ... if exists.  One definition
-- per object: nothing here is defined anywhere else.
--
-- Tables: wards, officers, categories, cases, case_events (001_core.sql),
-- case_reporters (002_intake.sql), settings, delay_reasons
-- (003_deadlines.sql), handovers (004_roles_shifts.sql), officer_events
-- (008_audit_chain.sql), setting_ward (009_ward_scope.sql), category_agency
-- (020_open311_export.sql).  Triggers on cases
-- fire in name order: t10_nfc (here), t15_intake_flags (40_intake.sql),
-- t15_roles, t20_rules (30_cases.sql), t25_chain (50_deadlines.sql),
-- t30_app_updated (40_intake.sql), then
-- after the row is written t90_audit (here), t91_alerts (50_deadlines.sql),
-- and after the statement t90_audit_steps (here: the sweep's steps).

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- NFC
-- ---------------------------------------------------------------------------

-- NFC for every text column of the row (text and text[]), whatever the table.
create or replace function wardesk.tg_nfc() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	j jsonb := to_jsonb(new);
	changed jsonb := '{}';
	k text;
	v jsonb;
	s text;
	a jsonb;
begin
	-- the usual case, at the cost of one check: every text of the row is NFC
	-- when the row's JSON text is (its strings are separated by quotes, which
	-- compose with nothing)
	if j::text is nfc normalized then
		return new;
	end if;
	for k, v in select * from jsonb_each(j) loop
		if jsonb_typeof(v) = 'string' then
			s := v #>> '{}';
			if s is not nfc normalized then
				changed := changed || jsonb_build_object(k, normalize(s, nfc));
			end if;
		elsif jsonb_typeof(v) = 'array' then
			if exists (select from jsonb_array_elements_text(v) e
			           where e is not null and e is not nfc normalized) then
				select jsonb_agg(case when e is null then null else normalize(e, nfc) end order by o)
				  into a
				  from jsonb_array_elements_text(v) with ordinality as t(e, o);
				changed := changed || jsonb_build_object(k, a);
			end if;
		end if;
	end loop;
	if changed <> '{}' then
		new := jsonb_populate_record(new, changed);
	end if;
	return new;
end $$;

create or replace trigger t10_nfc before insert or update on wardesk.wards
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.officers
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.categories
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.cases
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert on wardesk.case_events
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.case_reporters
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.settings
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.setting_ward
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.delay_reasons
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.handovers
	for each row execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.category_agency
	for each row execute function wardesk.tg_nfc();

-- ---------------------------------------------------------------------------
-- Audit
-- ---------------------------------------------------------------------------

-- Fields that are bookkeeping, not news, in the audit diff (app_updated_at
-- is derived: 020_open311_export.sql; address_key is
-- the address folded for the duplicate lookup, 017_import_batch.sql).
create or replace function wardesk.audit_skip() returns text[]
language sql immutable
as $$ select array['version', 'updated_at', 'created_at', 'address_key', 'app_updated_at']::text[] $$;

-- What an update changed, for its event: the old and the new values of
-- every field that differs, bookkeeping (audit_skip) left out; NULLs when
-- nothing did.  One definition for the per-row and the per-statement
-- trigger.  (One pass over the new row's fields.)
create or replace function wardesk.audit_diff(p_old jsonb, p_new jsonb, out old jsonb, out new jsonb)
language sql immutable
as $$
	select jsonb_object_agg(n.key, p_old -> n.key), jsonb_object_agg(n.key, n.value)
	  from jsonb_each(p_new) n
	 where n.value is distinct from p_old -> n.key
	   and n.key <> all (wardesk.audit_skip())
$$;

-- One event row and one NOTIFY (on the case's ward's channel) per
-- inserted/updated case.  The action and note
-- come from the API functions (wardesk.action / wardesk.note, transaction-local);
-- a direct UPDATE from psql is audited as 'update'.  Updates are audited per
-- row (tg_cases_audit), the sweep's steps per statement (tg_cases_audit_steps);
-- inserts once per statement (tg_cases_audit_insert), so
-- that a batch of new cases (intake_cases, 40_intake.sql) writes its events
-- in one INSERT.
create or replace function wardesk.tg_cases_audit() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := coalesce(nullif(current_setting('wardesk.action', true), ''), lower(tg_op));
	v_note text := nullif(current_setting('wardesk.note', true), '');
	v_old jsonb;
	v_new jsonb;
begin
	-- the sweep's steps are audited per statement (tg_cases_audit_steps)
	if desk_step(v_action) then
		return null;
	end if;
	select d.old, d.new into v_old, v_new from audit_diff(to_jsonb(old), to_jsonb(new)) d;
	-- at: when the change happened (after any lock wait), not the transaction's start
	-- an automatic step of the sweep is the desk's, run by session_user
	-- (step_actor, 20_common.sql)
	insert into case_events(case_id, ward_id, at, actor, action, version, old, new, note, run_by)
	values (new.id, new.ward_id, wardesk.action_now(), step_actor(v_action), v_action, new.version,
	        v_old, v_new, v_note, step_run_by(v_action));
	perform case_notify(new.ward_id, new.id, new.version, v_action);
	return null;
end $$;

-- The events and NOTIFYs of the cases one INSERT statement made, in the
-- order they were inserted: the new row (no nulls, no bookkeeping) as the
-- event's "new".
create or replace function wardesk.tg_cases_audit_insert() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := coalesce(nullif(current_setting('wardesk.action', true), ''), 'insert');
	v_note text := nullif(current_setting('wardesk.note', true), '');
	v_actor text := step_actor(v_action);   -- (20_common.sql)
	v_run_by text := step_run_by(v_action);
begin
	insert into case_events(case_id, ward_id, at, actor, action, version, old, new, note, run_by)
	select a.id, a.ward_id, wardesk.action_now(), v_actor, v_action, a.version, null,
	       jsonb_strip_nulls(to_jsonb(a)) - audit_skip(), v_note, v_run_by
	  from added a order by a.id;
	perform case_notify(a.ward_id, a.id, a.version, v_action) from added a order by a.id;
	return null;
end $$;

-- The events and NOTIFYs of the cases one UPDATE statement of the sweep
-- changed (an automatic step, desk_step: 20_common.sql; issue 14 item 4: a
-- catch-up of 10,000 cases wrote its events one row trigger at a time), in
-- case order; the same diff as tg_cases_audit's.  Every other UPDATE is
-- audited per row: desk_step is true only inside sweep(), which no login can
-- imitate, so each change is audited by exactly one of the two.
create or replace function wardesk.tg_cases_audit_steps() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := coalesce(nullif(current_setting('wardesk.action', true), ''), lower(tg_op));
	v_note text := nullif(current_setting('wardesk.note', true), '');
	v_actor text;
	v_run_by text;
	v_at timestamptz;
begin
	if not desk_step(v_action) then
		return null;
	end if;
	v_actor := step_actor(v_action);   -- once, not per row
	v_run_by := step_run_by(v_action);
	v_at := wardesk.action_now();
	insert into case_events(case_id, ward_id, at, actor, action, version, old, new, note, run_by)
	select n.id, n.ward_id, v_at, v_actor, v_action, n.version, d.old, d.new, v_note, v_run_by
	  from changed_new n
	  join changed_old o on o.id = n.id
	 cross join lateral audit_diff(to_jsonb(o), to_jsonb(n)) d
	 order by n.id;
	perform case_notify(n.ward_id, n.id, n.version, v_action) from changed_new n order by n.id;
	return null;
end $$;

-- The NOTIFY of a case's change, on the ward's own channel (12_ward_scope.sql):
-- no other ward hears it.
create or replace function wardesk.case_notify(p_ward int, p_id bigint, p_version int, p_action text)
returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_chan text := ward_channel(p_ward, 'case');
begin
	if v_chan is not null then
		perform pg_notify(v_chan,
			format('{"id":%s,"v":%s,"ward":%s,"op":%s}', p_id, p_version, p_ward, to_json(p_action)));
	end if;
end $$;

create or replace trigger t90_audit after update on wardesk.cases
	for each row execute function wardesk.tg_cases_audit();
create or replace trigger t90_audit_steps after update on wardesk.cases
	referencing old table as changed_old new table as changed_new
	for each statement execute function wardesk.tg_cases_audit_steps();
create or replace trigger t90_audit_insert after insert on wardesk.cases
	referencing new table as added
	for each statement execute function wardesk.tg_cases_audit_insert();

-- case_events is append-only: no UPDATE, DELETE or TRUNCATE (the owner holds
-- no DELETE or TRUNCATE either, 001_core.sql).
create or replace function wardesk.tg_append_only() returns trigger
language plpgsql
set search_path = wardesk, pg_temp
as $$
begin
	raise exception '%.% is append-only: % is not allowed', tg_table_schema, tg_table_name, tg_op
		using errcode = '42501';
end $$;

create or replace trigger t00_append_only before update or delete on wardesk.case_events
	for each row execute function wardesk.tg_append_only();
create or replace trigger t00_append_only_truncate before truncate on wardesk.case_events
	for each statement execute function wardesk.tg_append_only();
-- officer_events (008_audit_chain.sql, officer_deactivate/activate) likewise.
create or replace trigger t00_append_only before update or delete on wardesk.officer_events
	for each row execute function wardesk.tg_append_only();
create or replace trigger t00_append_only_truncate before truncate on wardesk.officer_events
	for each statement execute function wardesk.tg_append_only();

reset role;
