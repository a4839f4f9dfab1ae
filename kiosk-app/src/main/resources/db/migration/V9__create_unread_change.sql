-- Feed entries this kiosk's version could not read (ADR 0335), one row per event and feed type: where they begin
-- (what a later version re-reads from), where they end, and how many. Bounded by the types a feed names, not by its
-- length; no reason is kept (it may quote a participant's data, which the replica only holds sealed).
create table unread_change (
    event_id  uuid        not null,
    type      varchar(40) not null,
    first_seq bigint      not null,
    last_seq  bigint      not null,
    entries   bigint      not null,
    primary key (event_id, type)
);
