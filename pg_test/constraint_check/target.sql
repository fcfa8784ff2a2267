-- CHECK constraints: added, changed, dropped, NOT VALID in source becoming valid, and a NOT VALID check in the target.
create table products (
    id integer primary key,
    price numeric(10,2),
    quantity integer,
    discount numeric(5,2),
    weight numeric,
    sku text,
    constraint products_price_check check (price >= 0 and price < 1000000),
    constraint products_quantity_check check (quantity >= 0),
    constraint products_unchanged_check check (id > 0),
    constraint products_weight_check check (weight >= 0)
);

alter table products add constraint products_sku_check check (sku ~ '^[A-Z]{3}-[0-9]+$') not valid;
