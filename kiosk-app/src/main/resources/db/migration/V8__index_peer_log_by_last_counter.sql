-- Every item a door makes asks for its origin's last counter (PeerLogStore.lastCounterQuery). H2 reads an index
-- forwards only, so neither max(counter) nor ORDER BY counter DESC could stop at the primary key's last entry of
-- the origin: each scan read every row its door had made (PeerLogCounterCostTest). Here the last comes first.
create index peer_log_last on peer_log (event_id, origin, counter desc);
