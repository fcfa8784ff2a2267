-- Column SET STORAGE (external/main/back to default) and SET STATISTICS (500 / back to default).
create table documents (
    id integer primary key,
    body text,
    summary text,
    blob bytea,
    category integer,
    owner_id integer
);

alter table documents alter column blob set storage external;
alter table documents alter column owner_id set statistics 200;
