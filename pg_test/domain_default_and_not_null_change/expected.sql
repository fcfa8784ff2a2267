SET search_path TO pg_catalog, "source";

ALTER DOMAIN "source"."label" SET DEFAULT 'unnamed'::text;

ALTER DOMAIN "source"."label" DROP NOT NULL;

ALTER DOMAIN "source"."quantity" SET DEFAULT 0;

-- hazards: validates_rows
ALTER DOMAIN "source"."quantity" SET NOT NULL;
