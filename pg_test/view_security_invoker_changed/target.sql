create table docs (id integer, owner text);
create view my_docs with (security_invoker = true) as select id from docs where owner = current_user;
create view barrier as select id from docs;
