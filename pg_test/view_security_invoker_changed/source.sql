create table docs (id integer, owner text);
create view my_docs as select id from docs where owner = current_user;
create view barrier with (security_barrier) as select id from docs;
