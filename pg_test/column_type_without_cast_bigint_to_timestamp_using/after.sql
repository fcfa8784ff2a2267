-- the caller's expression converted every value in place
select array_agg(at order by id)::text = '{"2020-01-01 00:00:00","2020-02-01 00:00:00",NULL}' from events;
