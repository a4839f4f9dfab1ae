-- Mail to participants (issue 15, ADR 0220/0221). An event's mail settings live beside its body, not in it:
-- the event JSON kiosks replicate stays as it was.
create table event_email_settings (
    event_id          uuid             not null primary key,
    body              varchar(200000)  not null,
    -- the event's change-feed seq when confirmations were switched on: participants first seen after it are
    -- confirmed on their own, earlier ones only by the organizer's send-pending
    confirm_after_seq bigint           not null,
    -- how far the mail follower has read the event's change feed
    followed_seq      bigint           not null
);

-- one row per participant and kind: the unique key is what makes a second confirmation impossible
create table email_outbox (
    id             uuid          not null primary key,
    event_id       uuid          not null,
    participant_id uuid          not null,
    kind           varchar(30)   not null,
    status         varchar(10)   not null,
    due_at         bigint        not null,
    attempts       integer       not null,
    -- written, with status sending, before the mail is handed to SMTP: what reconciliation looks for
    message_id     varchar(200),
    -- only for the deletion confirmation (the participant's own address is erased by then); cleared once done
    recipient      varchar(254),
    reason         varchar(1000),
    sending_since  bigint,
    sent_at        bigint,
    created_at     bigint        not null,
    constraint email_outbox_once unique (participant_id, kind)
);
create index email_outbox_due on email_outbox (status, due_at);
create index email_outbox_event on email_outbox (event_id, kind, status);
