-- 26_audit_chain.sql - the audit trail nobody can quietly rewrite (issue
-- 13): every case event is chained to the previous event of its ward,
-- hash = sha256(previous hash || canonical content), computed here in the
-- insert trigger under the lock of the ward's chain head (audit_heads), and
-- audit_verify() recomputes the whole chain; audit_head() is the head a
-- handover record prints.
--
-- Code file (see sql/README.md): `wardesk db init` applies it after the
-- migrations, in name order with the other sql/code/ files, in the same
-- transaction, whenever it or an earlier code file changed or a migration
-- ran; 008_audit_chain.sql also applies it before it chains the events of an
-- upgraded database.  Idempotent: create or replace.  One definition per
-- object: nothing here is defined anywhere else.
--
-- Tables: case_events (001_core.sql; chain_seq, prev_hash, hash and
-- audit_heads, officer_events from 008_audit_chain.sql), wards, cases.

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- The hash
-- ---------------------------------------------------------------------------

-- The canonical content of an event: a JSON array (jsonb's text form is
-- deterministic: keys sorted, no insignificant spaces) of its position in the
-- chain, ids, times in UTC with microseconds, actor, action, version, the
-- diff and the note; for an automatic step of the desk (015_desk_actor.sql)
-- also the login that ran the sweep (run_by), appended only when it is set,
-- so every event written before keeps its hash.  Changing this changes every
-- hash: never edit it in place (a new version would need its own column and a
-- migration).  run_by is read as a column when case_events has it, and
-- through to_jsonb when not: 008_audit_chain.sql applies this file on a
-- database that has no such column yet (015_desk_actor.sql adds it, and
-- every code file is applied again after the migrations).  The same text
-- either way (to_jsonb(e) ->> 'run_by' of a text column is its value); the
-- column read saves building the whole event as JSON twice per event, its
-- diff included (issue 14 item 4, fourth pass: ~2/3 of the chain trigger's
-- own time in a catch-up sweep).
-- (No SET: inlined into event_hash and its callers, all SECURITY DEFINER
-- functions with their own search_path; every name here is pg_catalog's.
-- With SET it was planned anew for every event, twice with event_hash.)
do $do$
declare
	v_run_by text := case when exists (select from pg_catalog.pg_attribute a
	                                    where a.attrelid = 'wardesk.case_events'::regclass
	                                      and a.attname = 'run_by' and not a.attisdropped)
	                      then 'e.run_by' else $r$(to_jsonb(e) ->> 'run_by')$r$ end;
begin
	execute replace($f$
create or replace function wardesk.event_canon(e wardesk.case_events) returns text
language sql stable
as $$
	select (jsonb_build_array(
		e.chain_seq, e.id, e.ward_id, e.case_id,
		to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		e.actor, e.action, e.version, e.old, e.new, e.note)
	        || case when @RUN_BY@ is null then '[]'::jsonb
	                else jsonb_build_array(@RUN_BY@) end)::text
$$ $f$, '@RUN_BY@', v_run_by);
end $do$;

-- sha256(previous hash of the ward's chain || canonical content), built in
-- (PostgreSQL 11+; no pgcrypto).  The first event of a ward has no previous
-- hash.
create or replace function wardesk.event_hash(e wardesk.case_events) returns bytea
language sql stable
as $$ select sha256(coalesce(e.prev_hash, ''::bytea) || convert_to(wardesk.event_canon(e), 'UTF8')) $$;

-- Before an event is written: take the next place in its ward's chain.  The
-- head row stays locked until the transaction ends, so the events of one
-- ward chain in a single line whatever commits concurrently.  Whatever the
-- inserter put in the chain columns is replaced.  The place before is the
-- head's, or the ward's last event when an earlier event of the same
-- transaction is further on (the head moves at the commit,
-- tg_case_events_head: moving it per row, then per statement, made n events
-- in one transaction cost n^2, each lookup walking every earlier version of
-- the head row).
-- Its statements are planned once per session (a generic plan), whatever
-- the caller set: under the sweep's force_custom_plan (sweep_chunk) they
-- were planned at every event, 40% of a sweep step's CPU (issue 14 second
-- pass).  The lookup of the ward's last event must be an index scan in
-- that one plan whatever the statistics say: a generic plan made when
-- case_events looked empty (a new database, the benchmarks' bulk loads)
-- was a sequential scan and sort of every event, kept for the session and
-- growing with the trail (take_try runs with generic plans: every take's
-- event; an import of 5,000 reports spent 3.5 s of its 6.4 s there, every
-- event reading all the events before it).  Hence enable_seqscan off, for
-- this function's statements only.
-- (generated: the actions chained per statement are
-- audit_chained_actions()'s, 25_audit.sql: the sweep's steps and the
-- import's 'report'; none when 008_audit_chain.sql applies this file before
-- that exists, as t51_chain_head's WHEN below)
do $do$
declare
	v_steps text[] := '{}';
begin
	if to_regprocedure('wardesk.audit_chained_actions()') is not null then
		execute 'select wardesk.audit_chained_actions()' into v_steps;
	end if;
	execute replace($f$
create or replace function wardesk.tg_case_events_chain() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
set plan_cache_mode = force_generic_plan
set enable_seqscan = off
as $$
declare
	h audit_heads;
	e record;
	v_seq bigint;
begin
	select * into h from audit_heads where ward_id = new.ward_id for update;
	if not found then
		insert into audit_heads(ward_id) values (new.ward_id) on conflict (ward_id) do nothing;
		select * into h from audit_heads where ward_id = new.ward_id for update;
	end if;
	if not found then
		raise exception 'no audit chain head for ward %', new.ward_id using errcode = '42501';
	end if;
	-- a plain variable, not coalesce(h.seq, 0) in the query: under row-level
	-- security only leakproof conditions reach the index, and PostgreSQL
	-- counts COALESCE as leaky, so the lookup filtered every event of the
	-- ward (issue 14 item 2: 2.5 ms of a 4 ms take at 4,300 events, growing
	-- with the ward's history)
	v_seq := coalesce(h.seq, 0);
	select x.chain_seq, x.hash into e from case_events x
	 where x.ward_id = new.ward_id and x.chain_seq > v_seq
	 order by x.chain_seq desc limit 1;
	if found then
		new.chain_seq := e.chain_seq + 1;
		new.prev_hash := e.hash;
	else
		new.chain_seq := h.seq + 1;
		new.prev_hash := h.hash;
	end if;
	new.hash := event_hash(new);
	-- an event with an action chained per statement that chain_events did
	-- not write (a writer that records whatever action its caller set, e.g.
	-- an edit under 'report' or 'warn'): t51_chain_head leaves those actions
	-- to chain_events, so the head moves here (rolled back with the row)
	if new.action = any (@STEPS@::text[]) then
		update audit_heads set seq = new.chain_seq, event_id = new.id, hash = new.hash
		 where ward_id = new.ward_id;
	end if;
	return new;
end $$ $f$, '@STEPS@', quote_literal(v_steps));
end $do$;

-- after t10_nfc (25_audit.sql): the hash covers the stored text.  Not for
-- the rows chain_events (below) chained itself: those, and only those, come
-- with a hash.  No login can insert into case_events (staff have SELECT
-- only, 001_core.sql); every other writer is this schema's own code, and
-- none of it names the chain columns (tests/cli/audit_chain_stmt.sh
-- checks both), so a row with a hash is one chain_events made.
create or replace trigger t50_chain before insert on wardesk.case_events
	for each row when (new.hash is null) execute function wardesk.tg_case_events_chain();

-- The events p (any order, any wards; their chain columns are ignored),
-- chained and inserted in one statement, as the row trigger above would
-- chain them one at a time: each ward's head locked (ward order) until the
-- transaction ends, its place and link after the ward's last event (this
-- transaction's own included), events in id order, the same hash
-- (event_hash); then each ward's head moved to its last event, once per
-- call (the deferred trigger t51_chain_head leaves these rows alone).
-- The sweep's step events (tg_cases_audit_steps, 25_audit.sql): per row,
-- the chain trigger's two queries and the head trigger's one at the commit
-- were ~20% of a catch-up's backend CPU, most of it starting their
-- executors (issue 14 item 4, fifth pass: perf).  The events of an INSERT
-- into cases likewise (tg_cases_audit_insert: the import's, issue 14 item
-- 5, third pass).  The caller gives each
-- event its id (the identity's next value) and recorded_at, and its texts
-- NFC (t10_nfc would change them after the hash).
-- Statements planned once per session, the lookup an index scan whatever
-- the statistics say (as tg_case_events_chain's).
create or replace function wardesk.chain_events(p wardesk.case_events[]) returns void
language plpgsql security definer
set search_path = wardesk, pg_temp
set plan_cache_mode = force_generic_plan
set enable_seqscan = off
as $$
declare
	e case_events;
	h audit_heads;
	l record;
	v_ward int;
	v_seq bigint;
	v_prev bytea;
	v_out case_events[] := '{}';
begin
	for e in select * from unnest(p) x order by x.ward_id, x.id loop
		if v_ward is distinct from e.ward_id then
			v_ward := e.ward_id;
			select * into h from audit_heads where ward_id = v_ward for update;
			if not found then
				insert into audit_heads(ward_id) values (v_ward) on conflict (ward_id) do nothing;
				select * into h from audit_heads where ward_id = v_ward for update;
			end if;
			if not found then
				raise exception 'no audit chain head for ward %', v_ward using errcode = '42501';
			end if;
			v_seq := coalesce(h.seq, 0);
			select x.chain_seq, x.hash into l from case_events x
			 where x.ward_id = v_ward and x.chain_seq > v_seq
			 order by x.chain_seq desc limit 1;
			if found then
				v_seq := l.chain_seq;
				v_prev := l.hash;
			else
				v_prev := h.hash;
			end if;
		end if;
		e.chain_seq := v_seq + 1;
		e.prev_hash := v_prev;
		e.hash := event_hash(e);
		v_seq := e.chain_seq;
		v_prev := e.hash;
		v_out := v_out || e;
	end loop;
	insert into case_events overriding system value select * from unnest(v_out);
	update audit_heads a set seq = y.chain_seq, event_id = y.id, hash = y.hash
	  from (select distinct on (x.ward_id) x.ward_id, x.chain_seq, x.id, x.hash
	          from unnest(v_out) x order by x.ward_id, x.chain_seq desc) y
	 where a.ward_id = y.ward_id;
end $$;

-- The last event of ward p_ward's chain as this transaction sees it (its
-- own events included): what a handover pins (70_shifts.sql).  audit_heads
-- holds the same only from the commit on (below).
create or replace function wardesk.chain_last(p_ward int) returns table (event_id bigint, hash bytea)
language sql stable
set search_path = wardesk, pg_temp
as $$
	select x.id, x.hash from case_events x where x.ward_id = p_ward
	 order by x.chain_seq desc limit 1
$$;

-- At the commit of a transaction that wrote events: each ward's head is its
-- last event.  Deferred, so the head row gets one new version per
-- transaction: moved per statement (as until issue 14 item 4), a
-- transaction of n statements that each write an event (the sweep: a
-- catch-up of 10,000 cases is 30,000 steps in one transaction) left n
-- versions of the row, which every later lookup of it walked, n^2 in all
-- (2,000 cases took 96 s).  The first call for a ward moves the head; the
-- others find it at or past their event (the head row is locked by the
-- transaction since its first event, and every event is written before
-- the commit runs these) and return after one lookup of the head (an
-- import of 5,000 reports ran this 5,000 times, issue 14 item 5, until its
-- events were chained per statement, chain_events).  The
-- lookup of the last event is an index scan whatever the statistics say
-- (as tg_case_events_chain's: planned when case_events looked empty, it
-- read the whole trail at every commit).
create or replace function wardesk.tg_case_events_head() returns trigger
language plpgsql security definer
set search_path = wardesk, pg_temp
set enable_seqscan = off
as $$
begin
	if new.chain_seq <= (select h.seq from audit_heads h where h.ward_id = new.ward_id) then
		return null;
	end if;
	update audit_heads h set seq = l.chain_seq, event_id = l.id, hash = l.hash
	  from (select x.chain_seq, x.id, x.hash from case_events x
	         where x.ward_id = new.ward_id order by x.chain_seq desc limit 1) l
	 where h.ward_id = new.ward_id and h.seq is distinct from l.chain_seq;
	return null;
end $$;

-- (CREATE OR REPLACE cannot make a constraint trigger of the statement
-- trigger t50_chain_head this replaces)
drop trigger if exists t50_chain_head on wardesk.case_events;
drop trigger if exists t51_chain_head on wardesk.case_events;
-- (not for events with an action of audit_chained_actions(), a step's or
-- the import's: chain_events, which writes the sweep's and the inserted
-- cases', moves the head itself, and so does tg_case_events_chain for any
-- other; WHEN is evaluated at the insert, not at the commit)
do $do$
declare
	v_steps text[] := '{}';   -- (none yet when 008_audit_chain.sql applies this file)
begin
	if to_regprocedure('wardesk.audit_chained_actions()') is not null then
		execute 'select wardesk.audit_chained_actions()' into v_steps;
	end if;
	execute format($f$
create constraint trigger t51_chain_head after insert on wardesk.case_events
	deferrable initially deferred
	for each row when (new.action <> all (%L::text[]))
	execute function wardesk.tg_case_events_head() $f$, v_steps);
end $do$;

-- ---------------------------------------------------------------------------
-- Verify, head
-- ---------------------------------------------------------------------------

-- Walk each ward's chain (a chair/officer: their own ward; a superuser: the
-- ward p_ward, or every ward), recomputing every hash: one row per ward,
-- intact or naming the first broken link (event, case, time and what is
-- wrong).  Also checks the head (events missing at the end show there) and
-- the heads handovers pinned (a chain rewritten whole shows there).
create or replace function wardesk.audit_verify(p_ward text default null)
returns table (ward_code text, events bigint, intact boolean, head_seq bigint, head_event bigint,
               head_hash text, bad_event bigint, bad_ref text, bad_at timestamptz, problem text)
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	o officers;
	w wards;
	h audit_heads;
	b record;
	v_n bigint;
	v_last record;
begin
	if not is_superuser() then
		o := require_officer(array['officer', 'chair'], 'verify the audit trail');
		if not is_blank(p_ward) and upper(btrim(p_ward)) <> (select code from wards where id = o.ward_id) then
			raise exception 'you can only verify the audit trail of your own ward'
				using errcode = 'WD604';
		end if;
	elsif not is_blank(p_ward) and not exists (select from wards where code = upper(btrim(p_ward))) then
		raise exception 'no ward %', upper(btrim(p_ward))
			using errcode = 'WD402',
			      detail = json_build_object('ward', (upper(btrim(p_ward)))::text)::text;
	end if;
	for w in select * from wards
	          where (o.login is not null and id = o.ward_id)
	             or (o.login is null and (is_blank(p_ward) or code = upper(btrim(p_ward))))
	          order by code loop
		select * into h from audit_heads where ward_id = w.id;
		select count(*) into v_n from case_events where ward_id = w.id;
		select x.id, x.chain_seq, x.hash into v_last from case_events x
		 where x.ward_id = w.id order by x.chain_seq desc, x.id desc limit 1;
		select x.* into b from (
			select e.id, e.case_id, e.at, e.chain_seq,
			       case
			         when lag(e.id) over win is null and e.chain_seq <> 1 then
			           format('the chain starts at place %s: %s earlier event(s) missing',
			                  e.chain_seq, e.chain_seq - 1)
			         when lag(e.id) over win is not null
			              and e.chain_seq <> lag(e.chain_seq) over win + 1 then
			           format('%s event(s) missing between event %s and event %s',
			                  e.chain_seq - lag(e.chain_seq) over win - 1, lag(e.id) over win, e.id)
			         when e.prev_hash is distinct from lag(e.hash) over win then
			           format('its link to the previous event (%s) does not match: an event before it was changed, removed or reordered',
			                  coalesce((lag(e.id) over win)::text, 'none'))
			         when e.hash is distinct from event_hash(e) then
			           'its content does not match its hash: it was changed after it was written'
			       end as problem
			  from case_events e
			 where e.ward_id = w.id
			window win as (order by e.chain_seq, e.id)) x
		 where x.problem is not null
		 order by x.chain_seq, x.id
		 limit 1;
		ward_code := w.code;
		events := v_n;
		head_seq := h.seq;
		head_event := h.event_id;
		head_hash := encode(h.hash, 'hex');
		bad_event := null; bad_ref := null; bad_at := null; problem := null;
		if b.id is not null then
			bad_event := b.id;
			bad_at := b.at;
			bad_ref := (select c.ref from cases c where c.id = b.case_id);
			problem := b.problem;
		elsif v_n > 0 and (h.ward_id is null or h.seq <> v_last.chain_seq
		                   or h.hash is distinct from v_last.hash or h.event_id <> v_last.id) then
			bad_event := v_last.id;
			bad_at := (select e.at from case_events e where e.id = v_last.id);
			bad_ref := (select c.ref from cases c join case_events e on e.case_id = c.id where e.id = v_last.id);
			problem := format('the chain ends at place %s but its head is place %s (event %s): the last event(s) were removed or changed',
			                  v_last.chain_seq, coalesce(h.seq::text, 'none'), coalesce(h.event_id::text, 'none'));
		elsif v_n = 0 and coalesce(h.seq, 0) <> 0 then
			problem := format('no events, but the head is place %s (event %s): every event was removed',
			                  h.seq, coalesce(h.event_id::text, 'none'));
		else
			-- a chain rewritten whole (every hash recomputed) is consistent:
			-- the heads handovers pinned (and the paper log book) tell
			select x.* into b from (
				select p.id as handover, p.ev, p.pinned, e.hash, e.at, e.case_id
				  from (select id, chain_event as ev, chain_hash as pinned from handovers
				         where ward_id = w.id and chain_hash is not null
				        union all
				        select id, ack_chain_event, ack_chain_hash from handovers
				         where ward_id = w.id and ack_chain_hash is not null) p
				  left join case_events e on e.id = p.ev
				 where e.hash is distinct from p.pinned) x
			 order by x.ev, x.handover
			 limit 1;
			if b.handover is not null then
				bad_event := b.ev;
				bad_at := b.at;
				bad_ref := (select c.ref from cases c where c.id = b.case_id);
				problem := format('handover #%s pinned this event with hash %s, the chain now has %s: the trail was rewritten since',
				                  b.handover, left(encode(b.pinned, 'hex'), 12),
				                  coalesce(left(encode(b.hash, 'hex'), 12), 'no such event'));
			end if;
		end if;
		intact := problem is null;
		return next;
	end loop;
end $$;

-- The head of the acting officer's ward's chain (a superuser: of ward p_ward).
create or replace function wardesk.audit_head(p_ward text default null)
returns table (ward_code text, head_seq bigint, head_event bigint, head_hash text)
language plpgsql stable security definer
set search_path = wardesk, pg_temp
as $$
#variable_conflict use_column
declare
	o officers;
	w wards;
begin
	if is_superuser() and not is_blank(p_ward) then
		select * into w from wards where code = upper(btrim(p_ward));
	else
		o := require_officer(array['hotline', 'officer', 'chair'], 'read the audit chain head');
		select * into w from wards where id = o.ward_id;
	end if;
	if w.id is null then
		raise exception 'no ward %', coalesce(upper(btrim(p_ward)), '(none)')
			using errcode = 'WD402',
			      detail = json_build_object('ward', (coalesce(upper(btrim(p_ward)), '(none)'))::text)::text;
	end if;
	return query select w.code, coalesce(h.seq, 0), h.event_id, encode(h.hash, 'hex')
	  from (select 1) one left join audit_heads h on h.ward_id = w.id;
end $$;

revoke all on function wardesk.event_canon(wardesk.case_events), wardesk.event_hash(wardesk.case_events),
	wardesk.chain_last(int), wardesk.chain_events(wardesk.case_events[])
	from public;
grant execute on function
	wardesk.audit_verify(text),
	wardesk.audit_head(text)
to wardesk_staff;

reset role;
