select array_agg(amount_cents || ':' || status order by id)::text = '{1250:paid,0:new,725:paid}'
   and (select count(*) from orders_archive) = 2
from orders;
