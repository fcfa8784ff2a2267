SET search_path TO pg_catalog, "source";

DROP VIEW "source"."v";

ALTER TABLE "source"."t" DROP CONSTRAINT "t_pkey";

ALTER TABLE "source"."t" ADD CONSTRAINT "t_pkey" PRIMARY KEY (id) DEFERRABLE;

CREATE VIEW "source"."v" AS
SELECT id,
    a,
    max(b) AS max
   FROM t
  GROUP BY id, a;
