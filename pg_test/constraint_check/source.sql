-- CHECK constraints: added, changed, dropped, NOT VALID in source becoming valid, and a NOT VALID check in the target.
create table products (
    id integer primary key,
    price numeric(10,2),
    quantity integer,
    discount numeric(5,2),
    weight numeric,
    sku text,
    constraint products_price_check check (price > 0),
    constraint products_discount_check check (discount between 0 and 100),
    constraint products_unchanged_check check (id > 0)
);

alter table products add constraint products_weight_check check (weight >= 0) not valid;
