create table gone (id integer);
create view gone_view as select id from gone;
create view gone_view2 as select id from gone_view;
create table kept (id integer);
