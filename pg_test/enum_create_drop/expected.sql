SET search_path TO pg_catalog, "source";

-- lock: ACCESS EXCLUSIVE on source.person; hazards: data_loss, blocks_writes, blocks_reads
ALTER TABLE "source"."person" DROP COLUMN "feeling";

CREATE TYPE "source"."colour" AS ENUM ('red', 'green', 'blue');

-- lock: ACCESS EXCLUSIVE on source.person; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."person" ADD COLUMN "favourite" colour DEFAULT 'green'::colour;

-- lock: ACCESS EXCLUSIVE on source.person; hazards: blocks_writes, blocks_reads
ALTER TABLE "source"."person" ADD COLUMN "odd" "Weird ""Name"""[];

DROP TYPE "source"."mood";
