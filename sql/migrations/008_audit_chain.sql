-- 008_audit_chain.sql - issue 13: a trail nobody can quietly rewrite (each
-- case event chained to the previous one of its ward by a sha256 hash), the
-- head of each ward's chain pinned in handovers, officer deactivation
-- (officer_events, the audit of deactivate/activate) and the app feed's
-- service account (the group role wardesk_feed).
--
-- A versioned migration (see 001_core.sql and sql/README.md): tables and
-- data only, as a superuser inside db init's transaction.  The code:
-- sql/code/26_audit_chain.sql (the hash, the chain trigger, audit_verify,
-- audit_head), 60_roles.sql (officer_deactivate, officer_activate),
-- 40_intake.sql (import_request: only wardesk_feed imports closed requests),
-- 70_shifts.sql (handovers pin the chain head), 90_policies.sql (policies).

-- ---------------------------------------------------------------------------
-- Roles
-- ---------------------------------------------------------------------------
do $$
begin
	-- The app feed's service account(s): a login that is a hotline officer of
	-- its ward and a member of wardesk_feed may import requests the app has
	-- already closed (recorded with that login as the actor: the app).
	if not exists (select from pg_roles where rolname = 'wardesk_feed') then
		create role wardesk_feed nologin;
	end if;
	-- officer_deactivate ends the deactivated officer's open sessions
	-- (pg_terminate_backend on their backends only; never a superuser's).
	if not exists (select from pg_auth_members
	                where roleid = 'pg_signal_backend'::regrole and member = 'wardesk_owner'::regrole) then
		grant pg_signal_backend to wardesk_owner;
	end if;
end $$;

set role wardesk_owner;

-- ---------------------------------------------------------------------------
-- The chain: per ward, chain_seq 1, 2, 3 ...; hash = sha256(prev_hash ||
-- canonical content) (wardesk.event_hash, 26_audit_chain.sql)
-- ---------------------------------------------------------------------------
alter table wardesk.case_events
	add column chain_seq bigint,
	add column prev_hash bytea,
	add column hash bytea;
create unique index case_events_chain on wardesk.case_events(ward_id, chain_seq);

-- The head of each ward's chain; its row lock serialises the events of a
-- ward.  Owner-only (no privilege for staff: nobody else can lock it).
create table wardesk.audit_heads (
	ward_id int primary key references wardesk.wards(id),
	seq bigint not null default 0,
	event_id bigint,
	hash bytea
);
revoke all on wardesk.audit_heads from wardesk_staff;
alter table wardesk.audit_heads enable row level security;
alter table wardesk.audit_heads force row level security;

-- Handovers pin the head of their ward's chain when written and when
-- acknowledged (the paper log book copies it).
alter table wardesk.handovers
	add column chain_event bigint,
	add column chain_hash bytea,
	add column ack_chain_event bigint,
	add column ack_chain_hash bytea;

-- ---------------------------------------------------------------------------
-- Officer deactivation: the audit of deactivate / activate
-- ---------------------------------------------------------------------------
create table wardesk.officer_events (
	id bigint generated always as identity primary key,
	ward_id int not null references wardesk.wards(id),
	login text not null references wardesk.officers(login),
	action text not null check (action in ('deactivate', 'activate')),
	actor text not null default session_user,
	at timestamptz not null default wardesk.now(),
	recorded_at timestamptz not null default clock_timestamp(),
	held text[] not null default '{}'   -- cases they still held (deactivate)
);
create index on wardesk.officer_events(login, id);
alter table wardesk.officer_events enable row level security;
alter table wardesk.officer_events force row level security;
revoke update, delete, truncate on wardesk.officer_events from wardesk_owner;

reset role;

-- ---------------------------------------------------------------------------
-- Chain the events already there, once, per ward in id order (an upgraded
-- database; a new one has none).  The code file defines the hash.
-- ---------------------------------------------------------------------------
-- @apply code/26_audit_chain.sql
do $$
declare
	e wardesk.case_events;
	v_ward int;
	v_seq bigint := 0;
	v_prev bytea;
	v_last bigint;
begin
	-- case_events is append-only (t00_append_only): the chain columns are
	-- filled with triggers off, this once
	perform set_config('session_replication_role', 'replica', true);
	for e in select * from wardesk.case_events order by ward_id, id loop
		if v_ward is distinct from e.ward_id then
			if v_ward is not null then
				insert into wardesk.audit_heads(ward_id, seq, event_id, hash)
				values (v_ward, v_seq, v_last, v_prev);
			end if;
			v_ward := e.ward_id;
			v_seq := 0;
			v_prev := null;
		end if;
		v_seq := v_seq + 1;
		e.chain_seq := v_seq;
		e.prev_hash := v_prev;
		e.hash := wardesk.event_hash(e);
		update wardesk.case_events set chain_seq = e.chain_seq, prev_hash = e.prev_hash, hash = e.hash
		 where id = e.id;
		v_prev := e.hash;
		v_last := e.id;
	end loop;
	if v_ward is not null then
		insert into wardesk.audit_heads(ward_id, seq, event_id, hash) values (v_ward, v_seq, v_last, v_prev);
	end if;
	perform set_config('session_replication_role', 'origin', true);
end $$;

alter table wardesk.case_events
	alter column chain_seq set not null,
	alter column hash set not null;
