-- The token of each event's public calendar link, GET /calendar/{token}.ics (ADR 0223). Made on first use and
-- replaced when the organizer rotates it; kept in clear because the organizer must be able to show the link again
-- and it opens nothing but the event's name, dates and place.
create table event_calendar (
    event_id   uuid        not null primary key,
    token      varchar(64) not null,
    created_at bigint      not null
);
create unique index event_calendar_token on event_calendar (token);
