-- An IN-list CHECK on varchar: PostgreSQL stores its own deparsed text in another form when it is run again.
create table orders (
    status varchar(10) constraint orders_status_check check (status in ('new', 'paid', 'it''s shipped')),
    kind varchar(20) constraint orders_kind_check check (kind in ('a', 'b'))
);
