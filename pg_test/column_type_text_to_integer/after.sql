select array_agg(quantity order by id)::text = '{5,12,NULL}' from order_lines;
