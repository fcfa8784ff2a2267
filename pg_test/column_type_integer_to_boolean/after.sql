select array_agg(active order by id)::text = '{t,f}' from accounts;
