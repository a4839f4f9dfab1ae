-- An import batch looks participants up by IN lists of e-mails and ticket codes. H2 uses an IN list only on an
-- index's first column, so with (event_id, email_lower) it read the whole event per batch (ADR 0226): these
-- lead with the looked-up value, and the event is checked on the few rows found.
create index participant_email_lower on participant (email_lower, event_id);
create index participant_ticket_code on participant (ticket_code, event_id);
