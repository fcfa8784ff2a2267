create table accounts (id integer primary key, balance integer not null);
create view balances as select id, balance from accounts;
create view rich as select id from balances where balance > 1000;
