-- the row is there; the column was dropped and added, as the plan said it would be
select count(*) = 1 and count(name) = 0 from customers;
