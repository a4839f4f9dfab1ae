-- A setting held at most 20,000 characters, and an event's list of door keys (PeerTrust) is one setting: about 130
-- doors (each a device id, name and key hash, revoked ones kept) filled it, and a venue with more could not store
-- the list the server sent, nor a revocation a peer passed on (ADR 0341).
alter table setting alter column val set data type varchar(1000000);
