-- Free sequences used by column defaults via nextval(): a new sequence used by an existing column, and a new table defaulting from a new sequence.
create table invoices (
    id integer primary key,
    number bigint
);

create sequence unused_seq;
