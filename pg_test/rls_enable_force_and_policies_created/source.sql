create table accounts (id integer, owner text, amount integer);
