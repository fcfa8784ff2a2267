SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."new_with_fillfactor" (
    "id" integer NOT NULL,
    "data" text
) WITH (fillfactor='60', autovacuum_enabled='false');

-- lock: SHARE UPDATE EXCLUSIVE on source.autovac_changes
ALTER TABLE "source"."autovac_changes" SET (autovacuum_enabled='false');

-- lock: SHARE UPDATE EXCLUSIVE on source.gains_fillfactor
ALTER TABLE "source"."gains_fillfactor" SET (fillfactor='70');

-- lock: SHARE UPDATE EXCLUSIVE on source.gains_toast_param
ALTER TABLE "source"."gains_toast_param" SET (toast.autovacuum_enabled='false');

-- lock: SHARE UPDATE EXCLUSIVE on source.loses_parameter
ALTER TABLE "source"."loses_parameter" RESET (autovacuum_vacuum_scale_factor);

-- lock: ACCESS EXCLUSIVE on source.new_with_fillfactor
ALTER TABLE "source"."new_with_fillfactor" ADD CONSTRAINT "new_with_fillfactor_pkey" PRIMARY KEY (id);
