-- The sender asks for the oldest unsent item before every push and the sync status counts the unsent and pending ops
-- after it, while a desk's scan may wait for the replica. Rows the server acknowledged stay until the feed shows them,
-- so at a busy desk thousands sit before the unsent ones: without these, each question read all of them (ADR 0342).
create index outbox_unsent on outbox (acked_seq, id);
create index outbox_kind on outbox (kind);
