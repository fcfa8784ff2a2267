-- Free sequences used by column defaults via nextval(): a new sequence used by an existing column, and a new table defaulting from a new sequence.
create sequence invoice_number_seq as bigint start with 10000;

create table invoices (
    id integer primary key,
    number bigint default nextval('invoice_number_seq')
);

create sequence receipt_id_seq as integer;

create table receipts (
    id integer primary key default nextval('receipt_id_seq'),
    invoice_id integer references invoices (id)
);

create sequence unused_seq;
