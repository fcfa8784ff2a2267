SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."new_with_fillfactor" (
    "id" integer NOT NULL,
    "data" text
) WITH (fillfactor='60', autovacuum_enabled='false');

ALTER TABLE "source"."autovac_changes" SET (autovacuum_enabled='false');

ALTER TABLE "source"."gains_fillfactor" SET (fillfactor='70');

ALTER TABLE "source"."gains_toast_param" SET (toast.autovacuum_enabled='false');

ALTER TABLE "source"."loses_parameter" RESET (autovacuum_vacuum_scale_factor);

ALTER TABLE "source"."new_with_fillfactor" ADD CONSTRAINT "new_with_fillfactor_pkey" PRIMARY KEY (id);
