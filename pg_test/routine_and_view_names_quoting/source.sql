create table "Order Lines" ("select" integer, "Qty" integer);
