-- bumped whenever a user's sessions must end (logout, disabling, password or role change);
-- a user token carries the version it was issued under and is refused once it differs
alter table app_user add column token_version integer default 0 not null;
