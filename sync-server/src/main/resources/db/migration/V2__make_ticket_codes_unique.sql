-- A ticket code admits one person: within an event no two participants share one (ADR 0007).
-- Nothing enforced that before, so a database may already hold participants sharing a code. The oldest id keeps it
-- in this column; the others keep it only in their body (what kiosks scan) until the organizer gives them a new one,
-- and a write to them is refused meanwhile. Failing the upgrade instead would keep the whole server down.
update participant set ticket_code = null
 where exists (select 1 from participant earlier
                where earlier.event_id = participant.event_id
                  and earlier.ticket_code = participant.ticket_code
                  and earlier.id < participant.id);

drop index participant_event_ticket;
create unique index participant_event_ticket on participant (event_id, ticket_code);
