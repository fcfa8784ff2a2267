SET search_path TO pg_catalog, "source";

ALTER TABLE "source"."cyc_a" DROP CONSTRAINT "cyc_a_b_id_fkey";

ALTER TABLE "source"."cyc_a" DROP CONSTRAINT "cyc_a_kept_id_fkey";

ALTER TABLE "source"."cyc_b" DROP CONSTRAINT "cyc_b_a_id_fkey";

-- hazards: data_loss
DROP TABLE "source"."cyc_a";

-- hazards: data_loss
DROP TABLE "source"."cyc_b";

-- hazards: data_loss
DROP TABLE "source"."self_ref";
