-- Column SET STORAGE (external/main/back to default) and SET STATISTICS (500 / back to default).
create table documents (
    id integer primary key,
    body text,
    summary text,
    blob bytea,
    category integer,
    owner_id integer
);

alter table documents alter column body set storage external;
alter table documents alter column summary set storage main;
alter table documents alter column category set statistics 500;
