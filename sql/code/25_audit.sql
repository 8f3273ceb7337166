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
-- fire in name order: t10_nfc and t10_nfc_update (here), t15_intake_flags (40_intake.sql),
-- t15_roles, t20_rules (30_cases.sql), t25_chain (50_deadlines.sql),
-- t30_app_updated (40_intake.sql), then
-- after the row is written t90_audit (here), t91_alerts (50_deadlines.sql),
-- and after the statement t90_audit_steps (here: the sweep's steps).

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- NFC
-- ---------------------------------------------------------------------------

-- NFC for every text column of the row (text and text[]), whatever the table.
-- The triggers below call it only when the row's text is not NFC (their
-- WHEN, the function's first check without a PL/pgSQL call per row; issue 14
-- item 5, 10,000 calls in an import of 5,000 reports).  The WHEN reads the
-- row's own text form, `(new.*)::text`, not its JSON: the same answer (the
-- values are separated by commas, quotes, parentheses or braces, which
-- compose with nothing) at a quarter of the cost (16 against 63 us a case
-- row; the import's 10,000 rows spent 0.3-0.6 s building JSON there).
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
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.officers
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.categories
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
-- cases: a new row whole; an update only in the text columns it changed
-- (an unchanged column holds what was checked when it was written).  The
-- sweep's steps and a take change no text but the state and the holder's
-- login: to_jsonb of the whole row at every update was ~8% of a sweep
-- step's CPU (issue 14 item 4).  The changed texts are joined by '"',
-- which composes with nothing, as in the row's JSON text.  Every text and
-- text[] column of cases must be listed here (tests/cli/text.sh checks
-- the catalog against this trigger).
create or replace trigger t10_nfc before insert on wardesk.cases
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc_update before update on wardesk.cases
	for each row when (not (concat_ws('"',
		case when new.ref is distinct from old.ref then new.ref end,
		case when new.channel is distinct from old.channel then new.channel end,
		case when new.external_id is distinct from old.external_id then new.external_id end,
		case when new.category is distinct from old.category then new.category end,
		case when new.description is distinct from old.description then new.description end,
		case when new.address is distinct from old.address then new.address end,
		case when new.reporter_name is distinct from old.reporter_name then new.reporter_name end,
		case when new.reporter_phone is distinct from old.reporter_phone then new.reporter_phone end,
		case when new.hotline_line is distinct from old.hotline_line then new.hotline_line end,
		case when new.media_urls is distinct from old.media_urls then array_to_string(new.media_urls, '"') end,
		case when new.state is distinct from old.state then new.state end,
		case when new.owner is distinct from old.owner then new.owner end,
		case when new.resolution_note is distinct from old.resolution_note then new.resolution_note end,
		case when new.close_reason is distinct from old.close_reason then new.close_reason end,
		case when new.rating_comment is distinct from old.rating_comment then new.rating_comment end,
		case when new.flags is distinct from old.flags then array_to_string(new.flags, '"') end,
		case when new.service_code is distinct from old.service_code then new.service_code end,
		case when new.ack_by is distinct from old.ack_by then new.ack_by end,
		case when new.delay_reason is distinct from old.delay_reason then new.delay_reason end,
		case when new.apology_note is distinct from old.apology_note then new.apology_note end,
		case when new.priority is distinct from old.priority then new.priority end,
		case when new.address_key is distinct from old.address_key then new.address_key end,
		case when new.service_name is distinct from old.service_name then new.service_name end,
		case when new.address_id is distinct from old.address_id then new.address_id end,
		case when new.zipcode is distinct from old.zipcode then new.zipcode end,
		case when new.transfer_agency is distinct from old.transfer_agency then new.transfer_agency end) is nfc normalized))
	execute function wardesk.tg_nfc();
-- case_events: the text columns.  Its jsonb columns (old/new) tg_nfc
-- leaves alone (it normalizes a row's text and text[] columns), so
-- checking them called it for nothing; a diff's values are the case's
-- columns, stored NFC above.
create or replace trigger t10_nfc before insert on wardesk.case_events
	for each row when (not (concat_ws('"', new.actor, new.action, new.note, new.run_by) is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.case_reporters
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.settings
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.setting_ward
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.delay_reasons
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.handovers
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();
create or replace trigger t10_nfc before insert or update on wardesk.category_agency
	for each row when (not ((new.*)::text is nfc normalized))
	execute function wardesk.tg_nfc();

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
-- trigger.  (One pass over the new row's fields.)  A set-returning SQL
-- function (always one row: aggregates without GROUP BY) so that the
-- planner inlines it into the statement that calls it: as a function
-- returning a record it ran through the SQL-function executor for every
-- event, about 40 us each, ~8% of a sweep step's CPU (issue 14 item 4).
drop function if exists wardesk.audit_diff(jsonb, jsonb);
create or replace function wardesk.audit_diff(p_old jsonb, p_new jsonb)
returns table (old jsonb, new jsonb)
language sql immutable rows 1
as $$
	select jsonb_object_agg(n.key, p_old -> n.key), jsonb_object_agg(n.key, n.value)
	  from jsonb_each(p_new) n
	 where n.value is distinct from p_old -> n.key
	   and n.key <> all (wardesk.audit_skip())
$$;

-- The actions of the sweep's steps and 'sweep', the one UPDATE of a call
-- that makes them (sweep_chunk; desk_step, 20_common.sql, names the same
-- five): an UPDATE made under one of them is audited per statement
-- (tg_cases_audit_steps; sweep_chunk's own under 'sweep' by sweep_chunk,
-- one event per step), every other per row (tg_cases_audit); the row
-- trigger's WHEN leaves those rows out without a call per row.
create or replace function wardesk.audit_step_actions() returns text[]
language sql immutable parallel safe
as $$ select array['warn', 'auto-escalate', 'overdue', 'remind', 'sweep']::text[] $$;

-- The actions whose events chain_events (26_audit_chain.sql) chains per
-- statement, so that t51_chain_head leaves them alone (and the chain
-- trigger moves the head itself for any such event written one row at a
-- time): the sweep's steps (tg_cases_audit_steps) and 'report', the
-- import's (intake_cases, 40_intake.sql, the one INSERT into cases; its
-- events are tg_cases_audit_insert's, below).  26_audit_chain.sql reads
-- this when it is applied (after this file).
create or replace function wardesk.audit_chained_actions() returns text[]
language sql immutable parallel safe
as $$ select wardesk.audit_step_actions() || array['report']::text[] $$;

-- One event row and one NOTIFY (on the case's ward's channel) per
-- inserted/updated case.  The action and note
-- come from the API functions (wardesk.action / wardesk.note, transaction-local);
-- a direct UPDATE from psql is audited as 'update'.  Updates are audited per
-- row (tg_cases_audit), those made under a step's action (the sweep's,
-- audit_step_actions) per statement (tg_cases_audit_steps);
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
	v_chan text;
begin
	-- a step's action is audited per statement (tg_cases_audit_steps; the
	-- trigger's WHEN leaves these rows out already)
	if v_action = any (audit_step_actions()) then
		return null;
	end if;
	-- (each row's JSON once: audit_diff is inlined, its arguments with it)
	v_old := to_jsonb(old);
	v_new := to_jsonb(new);
	select d.old, d.new into v_old, v_new from audit_diff(v_old, v_new) d;
	-- at: when the change happened (after any lock wait), not the transaction's start
	-- an automatic step of the sweep is the desk's, run by session_user
	-- (step_actor, 20_common.sql)
	insert into case_events(case_id, ward_id, at, actor, action, version, old, new, note, run_by)
	values (new.id, new.ward_id, wardesk.action_now(), step_actor(v_action), v_action, new.version,
	        v_old, v_new, v_note, step_run_by(v_action));
	-- the ward's own channel (12_ward_scope.sql): no other ward hears it
	v_chan := ward_channel(new.ward_id, 'case');
	if v_chan is not null then
		perform pg_notify(v_chan, case_payload(new, v_action,
			(select l.warn_min from case_limits(new.ward_id, new.category, new.priority) l)));
	end if;
	return null;
end $$;

-- The events and NOTIFYs of the cases one INSERT statement made, in the
-- order they were inserted: the new row (no nulls, no bookkeeping) as the
-- event's "new" (tg_cases_audit_insert, below in the same block).  Its
-- events are chained per statement by chain_events, as the sweep's steps:
-- the import's 5,000 events went one at a time through the chain trigger
-- (two queries each) and the deferred head trigger at the commit (issue 14
-- item 5, third pass).  The import's action, 'report', is one of
-- audit_chained_actions(), so t51_chain_head leaves its events alone;
-- an INSERT under any other action has its head moved by chain_events
-- as well (the head trigger then finds it there).
--
-- The events and NOTIFYs of the cases one UPDATE statement made under the
-- action of a sweep step (audit_step_actions; issue 14 item 4: a catch-up
-- of 10,000 cases wrote its events one row trigger at a time), in case
-- order; the same diff as tg_cases_audit's (audit_diff's rule), the same
-- payload as the insert's.  Every other UPDATE is audited per row: each
-- change is audited by exactly one of the two, chosen by the action alone
-- (no query per row).  Whose the events are is decided here, once per
-- statement: desk_step (20_common.sql) is true only inside sweep_chunk,
-- which no login can imitate, so the desk's steps are the desk's
-- (step_actor), and a login that sets a step's action itself and updates a
-- case is named as the actor, as before.
-- Planned as any session plans (plan_cache_mode auto), not as the sweep's
-- step UPDATEs that fired it (force_custom_plan, sweep_chunk): under that
-- the foreign-key checks of every event (case, ward) were planned anew at
-- each row, and the NOTIFY statement at each call, ~20% of a sweep's CPU
-- (issue 14 second pass, pg_stat_statements with track_planning).
-- The diff compares the columns of the old and the new row as they are
-- (one comparison each) and makes JSON of the changed ones only: audit_diff
-- on to_jsonb of both rows cost 40-50 us a step, a quarter of a sweep
-- step's CPU (issue 14 item 4, third pass); this one 15.  Its column list
-- is cases' own, read from the catalog when this file is applied (after
-- every migration: a new column is in it), audit_skip() left out; the
-- result is audit_diff's (tests/cli/audit_diff.sh compares the two).
-- The names and comparisons are two arrays unnested, not a VALUES list:
-- a VALUES list with the row's columns in it sets up its expressions again
-- at every row (~4% of a catch-up's backend CPU, perf; fifth pass).
do $do$
declare
	v_old text;
	v_new text;
	v_changed text;
	v_event text;
	v_unknown text;
begin
	select string_agg(format('when %L then to_jsonb(o.%I)', a.attname, a.attname), ' ' order by a.attnum),
	       string_agg(format('when %L then to_jsonb(n.%I)', a.attname, a.attname), ' ' order by a.attnum),
	       format('array[%s]::text[], array[%s]',
	              string_agg(format('%L', a.attname), ', ' order by a.attnum),
	              string_agg(format('o.%I is distinct from n.%I', a.attname, a.attname), ', '
	                         order by a.attnum))
	  into v_old, v_new, v_changed
	  from pg_catalog.pg_attribute a
	 where a.attrelid = 'wardesk.cases'::regclass and a.attnum > 0 and not a.attisdropped
	   and a.attname <> all (wardesk.audit_skip());
	-- an event row in case_events' column order (the chain columns NULL,
	-- chain_events fills them); a column not known here stops the file: a
	-- migration that adds one says what the statements' events hold in it
	select string_agg(case when a.attname in ('chain_seq', 'prev_hash', 'hash')
	                       then format('null::%s', format_type(a.atttypid, a.atttypmod))
	                       else format('x.%I', a.attname) end, ', ' order by a.attnum),
	       string_agg(a.attname, ', ') filter (where a.attname not in
	           ('id', 'case_id', 'ward_id', 'at', 'recorded_at', 'actor', 'action', 'version',
	            'old', 'new', 'note', 'run_by', 'chain_seq', 'prev_hash', 'hash'))
	  into v_event, v_unknown
	  from pg_catalog.pg_attribute a
	 where a.attrelid = 'wardesk.case_events'::regclass and a.attnum > 0 and not a.attisdropped;
	if v_unknown is not null then
		raise exception 'tg_cases_audit_steps, tg_cases_audit_insert: case_events has column(s) % they do not fill', v_unknown;
	end if;
	execute replace($f$
create or replace function wardesk.tg_cases_audit_insert() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
as $$
declare
	v_action text := coalesce(nullif(current_setting('wardesk.action', true), ''), 'insert');
	v_note text := nullif(current_setting('wardesk.note', true), '');
	v_actor text := step_actor(v_action);   -- (20_common.sql)
	v_run_by text := step_run_by(v_action);
	v_at timestamptz := wardesk.action_now();   -- the statement's, read once
	v_ids regclass := pg_get_serial_sequence('wardesk.case_events', 'id')::regclass;
	v_wards int[];
	v_chans text[];
begin
	-- chained and inserted in one statement (chain_events, 26_audit_chain.sql),
	-- not by the row triggers: ids in case order, texts NFC (as t10_nfc)
	v_actor := normalize(v_actor, nfc);
	v_action := normalize(v_action, nfc);
	v_note := normalize(v_note, nfc);
	v_run_by := normalize(v_run_by, nfc);
	perform chain_events(array(
		select row(@EVENT@)::case_events from (
			select nextval(v_ids) as id,
			       a.id as case_id, a.ward_id, v_at as at, clock_timestamp() as recorded_at,
			       v_actor as actor, v_action as action, a.version, null::jsonb as old,
			       jsonb_strip_nulls(to_jsonb(a)) - audit_skip() as new, v_note as note,
			       v_run_by as run_by
			  from added a
			 order by a.id) x));
	-- one channel lookup per ward, before the join (as notify_case_steps':
	-- as a column of a subquery of the join it ran twice per case, 10,000
	-- calls in an import of 5,000), the warn minutes of every new case in
	-- one join (priority_limits, 12_ward_scope.sql)
	select array_agg(d.ward_id), array_agg(ward_channel(d.ward_id, 'case'))
	  into v_wards, v_chans
	  from (select distinct ward_id from added) d;
	perform pg_notify(w.chan, case_payload(a, v_action, l.warn_min))
	   from added a
	   join unnest(v_wards, v_chans) w(ward_id, chan) on w.ward_id = a.ward_id
	   left join priority_limits l on l.ward_id = a.ward_id and l.code = a.category and l.priority = a.priority
	  where w.chan is not null
	  order by a.id;
	return null;
end $$ $f$, '@EVENT@', v_event);
	execute replace(replace(replace(replace($f$
create or replace function wardesk.tg_cases_audit_steps() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
set plan_cache_mode = auto
as $$
declare
	v_action text := coalesce(nullif(current_setting('wardesk.action', true), ''), lower(tg_op));
	v_note text := nullif(current_setting('wardesk.note', true), '');
	v_actor text;
	v_run_by text;
	v_at timestamptz;
	v_ids regclass;
begin
	if not v_action = any (audit_step_actions()) then
		return null;
	end if;
	-- the sweep's one UPDATE per call: its caller writes one event per step
	-- (audit_sweep_moves, below)
	if v_action = 'sweep' and desk_step(v_action) then
		return null;
	end if;
	v_actor := step_actor(v_action);   -- once, not per row
	v_run_by := step_run_by(v_action);
	v_at := wardesk.action_now();
	-- chained and inserted in one statement (chain_events, 26_audit_chain.sql),
	-- not by the row triggers: ids in case order, texts NFC (as t10_nfc)
	v_actor := normalize(v_actor, nfc);
	v_action := normalize(v_action, nfc);
	v_note := normalize(v_note, nfc);
	v_run_by := normalize(v_run_by, nfc);
	v_ids := pg_get_serial_sequence('wardesk.case_events', 'id')::regclass;
	perform chain_events(array(
		select row(@EVENT@)::case_events from (
			select nextval(v_ids) as id,
			       n.id as case_id, n.ward_id, v_at as at, clock_timestamp() as recorded_at,
			       v_actor as actor, v_action as action, n.version, d.old, d.new, v_note as note,
			       v_run_by as run_by
			  from changed_new n
			  join changed_old o on o.id = n.id
			 cross join lateral (
				select jsonb_object_agg(c.k, case c.k @OLD@ end), jsonb_object_agg(c.k, case c.k @NEW@ end)
				  from unnest(@CHANGED@) c(k, changed)
				 where c.changed) d(old, new)
			 order by n.id) x));
	-- the desk's steps: sweep_chunk sends one notification per case at the
	-- end of its call (notify_case_steps, below), not one per step
	if v_actor = 'desk' then
		return null;
	end if;
	perform pg_notify(w.chan, case_payload(n, v_action, l.warn_min))
	   from changed_new n
	   join (select d.ward_id, ward_channel(d.ward_id, 'case') as chan
	           from (select distinct ward_id from changed_new) d) w on w.ward_id = n.ward_id
	   left join priority_limits l on l.ward_id = n.ward_id and l.code = n.category and l.priority = n.priority
	  where w.chan is not null
	  order by n.id;
	return null;
end $$ $f$, '@OLD@', v_old), '@NEW@', v_new), '@CHANGED@', v_changed), '@EVENT@', v_event);
	execute replace($f$
create or replace function wardesk.audit_sweep_moves(p wardesk.sweep_move[]) returns void
language plpgsql
set search_path = wardesk, pg_temp
as $$
declare
	v_actor text := normalize(step_actor('sweep'), nfc);   -- (20_common.sql) once
	v_run_by text := normalize(step_run_by('sweep'), nfc);
	v_at timestamptz := wardesk.action_now();
	v_ids regclass := pg_get_serial_sequence('wardesk.case_events', 'id')::regclass;
begin
	perform chain_events(array(
		select row(@EVENT@)::case_events from (
			select nextval(v_ids) as id, m.case_id, m.ward_id, v_at as at,
			       clock_timestamp() as recorded_at, v_actor as actor,
			       normalize(m.step, nfc) as action, m.version, m.old, m.new, null::text as note,
			       v_run_by as run_by
			  from unnest(p) with ordinality m
			 order by m.ordinality) x));
end $$ $f$, '@EVENT@', v_event);
end $do$;

-- The events of the sweep's steps (sweep_chunk, 50_deadlines.sql), one per
-- step as sweep_plan planned it (p, in the order of the chain: every
-- warning, then every escalation, ... each in the call's case order, as the
-- four step UPDATEs wrote them until issue 14's eighth pass), with the diff
-- and version the plan gives each step; sweep_chunk updates each case once,
-- under the action 'sweep', whose statement trigger (tg_cases_audit_steps)
-- leaves the events to this function while desk_step holds.  Chained and
-- inserted in one statement (chain_events, 26_audit_chain.sql), ids in
-- order, texts NFC (as t10_nfc).  No login may call it (it writes events as
-- the desk's): only sweep_chunk, as the owner.
revoke all on function wardesk.audit_sweep_moves(wardesk.sweep_move[]) from public;

-- The notifications of a call of the sweep (sweep_chunk, 50_deadlines.sql):
-- one per case it changed, its row as the call left it, op the last step
-- made (p_ids[i] was changed by step p_ops[i], in the order of the steps).
-- A catch-up steps most cases two or three times in one call: one
-- notification per step sent 25,000 for 10,000 cases, each built (~15 us)
-- and then parsed and drawn by every console of the ward, of which only
-- the last counts (a payload's version orders them; issue 14 item 4).
-- The events stay one per step.
create or replace function wardesk.notify_case_steps(p_ids bigint[], p_ops text[]) returns void
language plpgsql
set search_path = wardesk, pg_temp
-- planned once per session, not under sweep_chunk's force_custom_plan
set plan_cache_mode = auto
as $$
declare
	v_wards int[];
	v_chans text[];
begin
	-- each ward's channel once, before the join: as a column of a subquery
	-- of the join, ward_channel ran twice per case (the planner pushed
	-- `chan is not null` down to the cases and computed the column again
	-- for every row out; 20,000 calls in a catch-up of 10,000 cases, ~7%
	-- of its CPU)
	select array_agg(d.ward_id), array_agg(ward_channel(d.ward_id, 'case'))
	  into v_wards, v_chans
	  from (select distinct x.ward_id from cases x where x.id = any (p_ids)) d;
	perform pg_notify(w.chan, case_payload(c, t.op, l.warn_min))
	   from (select distinct on (u.id) u.id, u.op
	           from unnest(p_ids, p_ops) with ordinality u(id, op, o)
	          order by u.id, u.o desc) t
	   join cases c on c.id = t.id and c.id = any (p_ids)   -- (by the primary key)
	   join unnest(v_wards, v_chans) w(ward_id, chan) on w.ward_id = c.ward_id
	   left join priority_limits l on l.ward_id = c.ward_id and l.code = c.category and l.priority = c.priority
	  where w.chan is not null
	  order by t.id;
end $$;

revoke all on function wardesk.notify_case_steps(bigint[], text[]) from public;

-- The NOTIFY of a case's change goes out on the ward's own channel
-- (12_ward_scope.sql) from the two triggers above, with case_payload: the
-- queue row a console draws without a query.  (case_notify, which sent the
-- short form until issue 14, is gone.)
drop function if exists wardesk.case_notify(int, bigint, int, text);
drop function if exists wardesk.case_notify(wardesk.cases, text, int);

-- case_payload's bound: p_head (the short form without its closing brace)
-- || p_row (the row up to the description's value) || the description as
-- JSON || '}}', under 8000 bytes: the description cut at a character to
-- fit; when even the rest does not fit, the short form.
create or replace function wardesk.payload_fit(p_head text, p_row text, p_desc text)
returns text
language plpgsql immutable
as $$
declare
	v_desc text := to_json(p_desc)::text;
	v_budget int := 7999 - octet_length(p_head) - octet_length(p_row) - 4;   -- "" and }}
	v_len int;
	k int;
begin
	if octet_length(v_desc) - 2 <= v_budget then
		return p_head || p_row || v_desc || '}}';
	end if;
	if v_budget < 0 then
		return p_head || '}';   -- the short form: the console refetches
	end if;
	k := least(char_length(p_desc), v_budget);
	loop
		v_len := octet_length(to_json(left(p_desc, k))::text) - 2;
		exit when v_len <= v_budget or k = 0;
		k := least(k - 1, (k::bigint * v_budget / v_len)::int);
	end loop;
	return p_head || p_row || to_json(left(p_desc, k))::text || '}}';
end $$;

-- The payload of a case's NOTIFY: {"id","v","ward","op"} and, under "row",
-- the columns of the console's queue row (struct mcase, src/model.c
-- model_put; decoded by src/store_notify.c): reference, state, channel,
-- escalation, category code, holder's login, deadline and closed time
-- (epoch seconds), the warn minutes of its priority (p_warn_min: the
-- caller looks them up, once per statement for a batch), the chain bits,
-- the flags, address, phone, reporter's name and description.  A payload
-- must stay under 8000 bytes: a long description is cut (at a character);
-- when even the rest does not fit, the short form without "row" goes out
-- and the console refetches the case.  A payload is only a hint to draw:
-- any login of the ward that knows the channel can NOTIFY a forged one, so
-- the console confirms every payload-drawn case with a query soon after
-- (src/live.c live_confirm; ARCHITECTURE.md "Live updates").
create or replace function wardesk.case_payload(c wardesk.cases, p_action text, p_warn_min int)
returns text
language sql stable
as $$
	-- plain SQL, inlined into the trigger's statement: format and to_json
	-- cost about 10 us a row (jsonb_build_object and plpgsql: 10-20 times that)
	select wardesk.payload_fit(
		format('{"id":%s,"v":%s,"ward":%s,"op":%s', c.id, c.version, c.ward_id, to_json(p_action)),
		format(',"row":{"ref":%s,"st":%s,"ch":%s,"esc":%s,"cat":%s,"own":%s,"dl":%s,"cl":%s,'
		       '"wm":%s,"wa":%s,"ak":%s,"cb":%s,"ln":%s,"dup":%s,"urg":%s,"addr":%s,"ph":%s,'
		       '"nm":%s,"desc":',
			to_json(c.ref), to_json(c.state), to_json(c.channel), c.escalation, to_json(c.category),
			coalesce(to_json(c.owner)::text, 'null'),
			floor(extract(epoch from c.deadline_at))::bigint,   -- as st_col_time reads it
			coalesce(floor(extract(epoch from c.closed_at))::bigint::text, 'null'),
			coalesce(p_warn_min::text, 'null'),
			to_json(c.warned_at is not null), to_json(c.ack_at is not null),
			to_json(c.callback_wanted), coalesce(to_json(c.hotline_line)::text, 'null'),
			to_json(array_to_string(c.flags, chr(10)) like '%likely_duplicate:%'),
			to_json(c.priority = 'urgent'),
			coalesce(to_json(c.address)::text, 'null'), coalesce(to_json(c.reporter_phone)::text, 'null'),
			coalesce(to_json(c.reporter_name)::text, 'null')),
		coalesce(c.description, ''))
$$;

create or replace trigger t90_audit after update on wardesk.cases
	for each row
	when (not coalesce(current_setting('wardesk.action', true), '') = any (wardesk.audit_step_actions()))
	execute function wardesk.tg_cases_audit();
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
