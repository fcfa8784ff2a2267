-- epoch seconds kept as bigint, as many schemas start out; no cast turns bigint into timestamp
create table events (id integer primary key, name text not null, at bigint);
create index events_at on events (at);
insert into events values (1, 'launch', 1577836800), (2, 'update', 1580515200), (3, 'undated', null);
