-- Whom a participant's ops count for is asked for every op a door applies (ChangeApplier). A participant
-- row carries the participant's sealed record, and almost no participant is merged into another, so the
-- ones that are stand here as well: the question reads this small table, not the records (ADR 0324).
-- ParticipantStore keeps it in step with participant.merged_into.
create table merged_participant (
    participant_id uuid not null primary key,
    merged_into    uuid not null
);
insert into merged_participant (participant_id, merged_into)
    select id, merged_into from participant where merged_into is not null;

-- every op wrote this index too; the ops of a participant whose merge changes are found through the
-- canonical participant they counted for (CheckInLog.recanonicalize)
drop index checkin_op_participant;
