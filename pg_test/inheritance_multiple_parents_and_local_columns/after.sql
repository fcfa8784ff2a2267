-- the child kept its own copy of the column its parent dropped, rows and all, and took the
-- parent's new type, default and column
select (select array_agg(e order by title)::text from documents) = '{10,20}'
   and (select array_agg(tag is null)::text from documents) = '{t,t}'
   and (select format_type(atttypid, atttypmod) || ' ' || attislocal from pg_attribute
        where attrelid = 'documents'::regclass and attname = 'created_at')
       = 'timestamp with time zone false';
