-- without "using" the column is dropped and added again: the rows stay, the values go
select count(*) = 3 and count(at) = 0 from events;
