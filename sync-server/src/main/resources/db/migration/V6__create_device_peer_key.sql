-- Doors of one event talk to each other over mutual TLS when the server is out of reach
-- (issue 14, ADR 0317). Each kiosk makes a key pair of its own and registers the public key's
-- SHA-256 here with its device token; the event's doors read the list (with revocations) and
-- accept a peer only by a key listed for their event and not revoked.
create table device_peer_key (
    device_id         uuid        not null primary key,
    public_key_sha256 varchar(64) not null,
    registered_at     bigint      not null
);
