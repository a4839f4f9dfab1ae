-- When each host alert condition last mailed (ADR 0224): at most once an hour per condition, across restarts.
create table alert_log (
    alert_key    varchar(200) not null primary key,
    last_sent_at bigint       not null
);
