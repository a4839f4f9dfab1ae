-- Column-level encryption (ADR 0310): the replica file is no longer encrypted as a whole; every
-- column that can carry a person's data holds AES-GCM ciphertext (FieldCipher.seal), and exact
-- lookups go through keyed HMAC "blind index" columns. A folder made by the whole-file build
-- cannot be opened by this one (its key file says so), so these tables are empty when this runs.
-- Sizes are in bytes now: UTF-8 text (3 bytes per Hangul syllable) plus 29 bytes of nonce and tag.

-- participants: the body is sealed; ticket code and email are found by their blind index, a keyed
-- 64-bit MAC (a bigint: cheap to compare and to index; a rare collision is told apart by the sealed value)
drop index participant_ticket;
drop index participant_email;
alter table participant drop column ticket_key;
alter table participant drop column email_lower;
alter table participant add column ticket_mac bigint;
alter table participant add column email_mac bigint;
alter table participant alter column body set data type varbinary(1000000);
create index participant_ticket on participant (ticket_mac);
create index participant_email on participant (event_id, email_mac);

-- the event (organizer, form fields), ops (operator), attempts (the code typed, operator),
-- drawings (winners' names), the outbox and dead letters (walk-in patches), notices (names, emails)
alter table kiosk_event alter column body set data type varbinary(1000000);
alter table checkin_op alter column body set data type varbinary(1000000);
alter table scan_attempt alter column body set data type varbinary(1000000);
alter table scan_attempt add column op_id uuid;
alter table prize_drawing alter column body set data type varbinary(1000000);
alter table outbox alter column body set data type varbinary(1000000);
alter table dead_letter alter column body set data type varbinary(1000000);
alter table conflict_notice alter column message set data type varbinary(10000);
