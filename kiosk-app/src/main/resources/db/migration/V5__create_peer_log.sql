-- The peer log (issue 14, ADR 0316): every item a door made or learned from another door, numbered
-- per (event, origin device) from 1 without gaps, so a version vector says exactly what a door holds.
-- The body is the item's JSON, sealed like every other body (ADR 0310). A drawing has several
-- versions under one item id, hence no unique index on item_id.
create table peer_log (
    event_id uuid             not null,
    origin   varchar(64)      not null,
    counter  bigint           not null,
    kind     varchar(10)      not null,
    item_id  uuid             not null,
    body     varbinary(1000000) not null,
    primary key (event_id, origin, counter)
);
create index peer_log_item on peer_log (item_id);
