-- The live dashboard shows an event's most recent scan attempts (EventActivity.recentAttemptsQuery). With an index on
-- event_id alone, the database read every attempt the event had and sorted them to keep the last 2,000: a panel cost
-- more with every scan a venue made. H2 reads an index forwards only, so the newest come first here (ADR 0246).
-- Removing an event's personal data still finds its attempts by the leading event_id.
drop index scan_attempt_event;
create index scan_attempt_event_seq on scan_attempt (event_id, seq desc);
