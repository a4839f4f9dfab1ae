-- Failed attempts at guessing a secret (login, pairing code), shared by every server on this
-- database so that a second instance behind the same proxy is no way around the limit.
-- The key is stored as a SHA-256 hash: it names a user or a client address.
create table attempt_counter (
    key_hash        varchar(64) not null primary key,
    failures        integer     not null,
    last_failure_at bigint      not null
);

create index attempt_counter_by_last_failure on attempt_counter (last_failure_at);
