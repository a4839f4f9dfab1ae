-- Every op a door applies writes its participant-day's state row, and this index made that three B-trees
-- (H2 keeps a table with a two-column key as a row-id map plus a unique index) instead of two. What read it
-- (the search's checked-in set at start, a drawing's pool, the reports) reads every state row of one event,
-- and a kiosk holds one or two events: a scan of the table reads the same rows without an index walk (ADR 0327).
drop index checkin_state_event_day;
