create table customers (id int primary key);

create table events (
    id int not null,
    at date not null,
    customer int references customers,
    note text
) partition by list (customer);
create index events_at on events (at);
create table events_1 partition of events for values in (1);
create table events_other partition of events default;
comment on table events is 'events by customer';
grant select on events to public;

create view recent as select id, at from events where at > '2026-01-01';

create table log (id bigserial, at date not null, msg text, primary key (id, at)) partition by range (at);
create table log_2026 partition of log for values from ('2026-01-01') to ('2027-01-01');
