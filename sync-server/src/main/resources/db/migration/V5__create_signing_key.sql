-- The keys that sign user tokens (HS256), shared by every server on this database (ADR 0209).
-- A key is stored sealed (AES-256-GCM) under a key-encryption key that is not in the database:
-- a copy of the database (a backup, a pg_dump) cannot sign tokens. kek_id names the
-- key-encryption key a row was sealed under, so a server holding another one says so.
-- The newest unretired generation signs; a token names its key in the JWT header (kid).
-- Rotation retires every older key at once and forgets its material.
create table signing_key (
    kid             varchar(32)  not null primary key,
    generation      integer      not null,
    sealed_key      varchar(200),
    kek_id          varchar(32),
    -- the key imported from an old jwt-secret file: tokens issued before key ids existed carry none
    accepts_unnamed boolean      not null,
    created_at      bigint       not null,
    retired_at      bigint
);

-- two servers creating or rotating a key at once cannot both win a generation
create unique index signing_key_generation on signing_key (generation);
