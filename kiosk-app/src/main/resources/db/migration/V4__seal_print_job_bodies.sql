-- A print job's body carries the badge (name, company, ticket code): sealed like every other
-- column that can identify a person (ADR 0310). Bodies are AES-GCM ciphertext from here on;
-- jobs written before this migration (plain JSON, only on development builds) are dropped.
delete from print_job;
alter table print_job alter column body set data type varbinary(100000);
