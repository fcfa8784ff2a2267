-- New bounds that leave out the old start: the sequence is restarted, which is a data_loss hazard.
create sequence descending increment by -1;
create sequence raised minvalue 10;
create table t (id integer generated always as identity);
