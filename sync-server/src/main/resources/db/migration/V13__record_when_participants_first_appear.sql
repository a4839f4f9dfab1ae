-- The feed position of a participant's first entry. Mail asks, for every participant whose record changed, whether the
-- feed held them before confirmations were switched on (EmailService.seenBefore); the change log holds no index by
-- participant, so each question read the event's log up to that position: with confirmations switched on after a
-- 100,000-person import, every walk-in or edit read 100,000 entries (ADR 0248). Rows made before this migration have
-- none, and are still answered from the log.
alter table participant add column first_seq bigint;
