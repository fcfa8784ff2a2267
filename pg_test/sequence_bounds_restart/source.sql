-- New bounds that leave out the old start: the sequence is restarted, which is a data_loss hazard.
create sequence descending;
create sequence raised;
create table t (id integer generated always as identity (start with -1 increment by -1));
