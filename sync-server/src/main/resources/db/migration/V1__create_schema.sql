-- Portable SQL: runs unchanged on H2 2.3 and PostgreSQL 12+, and is what jOOQ generates its classes from.
-- Names avoid words either database reserves (user, value, day, key, type).

create table app_user (
    username      varchar(100) not null primary key,
    password_hash varchar(100) not null,
    roles         varchar(200) not null,
    active        boolean      not null,
    created_at    bigint       not null
);

create table lanyard_event (
    id         uuid           not null primary key,
    organizer  varchar(100),
    deleted    boolean        not null,
    body       varchar(1000000) not null,
    updated_at bigint         not null,
    -- set when the event's personal data was removed after its retention period
    purged_at  bigint
);

create table event_operator (
    event_id uuid         not null,
    username varchar(100) not null,
    primary key (event_id, username)
);

-- one row per event; its row lock orders writers so that commit order = seq order
create table feed_counter (
    event_id uuid   not null primary key,
    last_seq bigint not null
);

create table change_log (
    event_id    uuid          not null,
    seq         bigint        not null,
    change_type varchar(20)   not null,
    entity_id   uuid          not null,
    body        varchar(1000000) not null,
    committed_at bigint       not null,
    primary key (event_id, seq)
);

create table participant (
    id          uuid          not null primary key,
    event_id    uuid          not null,
    email_lower varchar(254),
    ticket_code varchar(128),
    merged_into uuid,
    body        varchar(200000) not null,
    updated_seq bigint        not null
);
create index participant_event_email on participant (event_id, email_lower);
create index participant_event_ticket on participant (event_id, ticket_code);
create index participant_merged on participant (merged_into);

-- every accepted patch, kept for idempotency: a retry gets the seq of its first acceptance
create table participant_patch (
    patch_id       uuid          not null primary key,
    event_id       uuid          not null,
    participant_id uuid          not null,
    body           varchar(200000) not null,
    seq            bigint        not null
);
create index participant_patch_participant on participant_patch (participant_id);

create table checkin_op (
    op_id          uuid         not null primary key,
    event_id       uuid         not null,
    participant_id uuid         not null,
    checkin_day    date         not null,
    op_action      varchar(10)  not null,
    -- the op itself (JSON) is its change_log entry at (event_id, seq); it is not stored twice
    seq            bigint       not null
);
-- looked up by participant id lists (the ops of the participants a push touched); participant ids are UUIDs, so the
-- single-column index is selective on its own
create index checkin_op_participant on checkin_op (participant_id, checkin_day);

-- derived from checkin_op by the shared-model merge, per canonical participant and day; never edited by hand
create table checkin_state (
    event_id         uuid         not null,
    participant_id   uuid         not null,
    checkin_day      date         not null,
    checked_in       boolean      not null,
    first_admitted_at bigint,
    first_device     varchar(64),
    duplicate_admission boolean   not null,
    reentries        integer      not null,
    -- participant first: pushes look rows up by lists of participant ids, and H2 uses an IN list only on a
    -- leading index column
    primary key (participant_id, checkin_day, event_id)
);

create table scan_attempt (
    attempt_id uuid          not null primary key,
    event_id   uuid          not null,
    body       varchar(20000) not null,
    seq        bigint        not null
);
create index scan_attempt_event on scan_attempt (event_id);

-- every accepted version of a drawing (id + HLC); the feed carries the winner by DrawingMerge
create table drawing_version (
    drawing_id uuid          not null,
    hlc_wall   bigint        not null,
    hlc_counter integer      not null,
    hlc_node   varchar(64)   not null,
    event_id   uuid          not null,
    body       varchar(400000) not null,
    seq        bigint        not null,
    primary key (drawing_id, hlc_wall, hlc_counter, hlc_node)
);

create table prize_drawing (
    drawing_id uuid          not null primary key,
    event_id   uuid          not null,
    body       varchar(400000) not null
);

create table device (
    id          uuid         not null primary key,
    name        varchar(100),
    token_hash  varchar(64)  not null,
    created_by  varchar(100),
    created_at  bigint       not null,
    revoked_at  bigint,
    last_seen_at bigint
);
create unique index device_token on device (token_hash);

create table device_event (
    device_id uuid not null,
    event_id  uuid not null,
    primary key (device_id, event_id)
);

create table pairing_code (
    code_hash  varchar(64)  not null primary key,
    event_id   uuid         not null,
    created_by varchar(100) not null,
    expires_at bigint       not null,
    used_at    bigint
);

-- who read or changed personal data, for the organizer's privacy duties
create table audit_log (
    id        uuid          not null primary key,
    at_millis bigint        not null,
    actor     varchar(120)  not null,
    action    varchar(60)   not null,
    event_id  uuid,
    subject   varchar(200)
);
create index audit_log_event on audit_log (event_id);
