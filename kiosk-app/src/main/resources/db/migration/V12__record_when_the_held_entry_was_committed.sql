-- When the server committed the feed entry at last_seq (its clock, Unix ms); null when not known. A feed restored from
-- a backup and refilled past last_seq by other doors has an entry there committed at another time (ADR 0250).
alter table kiosk_event add column last_at bigint;
