-- the rows are still there, and the parent's new index is valid
select (select count(*) from readings) = 3
   and (select indisvalid from pg_index where indexrelid = 'readings_at_value'::regclass)
