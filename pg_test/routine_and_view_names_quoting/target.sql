create table "Order Lines" ("select" integer, "Qty" integer);
create view "Line ""Totals"" Ü" as select "select", sum("Qty") as "Sum Ü" from "Order Lines" group by "select";
create function "Total; Of"("Lines" integer) returns integer language sql immutable return "Lines" * 2;
create view "select" as select "Total; Of"("select") as "from" from "Order Lines";
