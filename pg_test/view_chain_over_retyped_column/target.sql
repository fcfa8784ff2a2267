create table accounts (id integer primary key, balance numeric(12,2) not null);
create view balances as select id, balance from accounts;
create view rich as select id from balances where balance > 1000;
