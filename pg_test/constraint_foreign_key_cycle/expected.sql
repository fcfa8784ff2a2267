SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."a" (
    "id" integer NOT NULL,
    "b_id" integer
);

CREATE TABLE "source"."b" (
    "id" integer NOT NULL,
    "a_id" integer
);

CREATE TABLE "source"."tree_nodes" (
    "id" integer NOT NULL,
    "parent_id" integer,
    "existing_id" integer
);

-- lock: ACCESS EXCLUSIVE on source.a
ALTER TABLE "source"."a" ADD CONSTRAINT "a_pkey" PRIMARY KEY (id);

-- lock: ACCESS EXCLUSIVE on source.b
ALTER TABLE "source"."b" ADD CONSTRAINT "b_pkey" PRIMARY KEY (id);

-- lock: ACCESS EXCLUSIVE on source.tree_nodes
ALTER TABLE "source"."tree_nodes" ADD CONSTRAINT "tree_nodes_pkey" PRIMARY KEY (id);

-- lock: SHARE ROW EXCLUSIVE on source.a
ALTER TABLE "source"."a" ADD CONSTRAINT "a_b_id_fkey" FOREIGN KEY (b_id) REFERENCES b(id);

-- lock: SHARE ROW EXCLUSIVE on source.b
ALTER TABLE "source"."b" ADD CONSTRAINT "b_a_id_fkey" FOREIGN KEY (a_id) REFERENCES a(id);

-- lock: SHARE ROW EXCLUSIVE on source.tree_nodes
ALTER TABLE "source"."tree_nodes" ADD CONSTRAINT "tree_nodes_existing_id_fkey" FOREIGN KEY (existing_id) REFERENCES existing(id);

-- lock: SHARE ROW EXCLUSIVE on source.tree_nodes
ALTER TABLE "source"."tree_nodes" ADD CONSTRAINT "tree_nodes_parent_id_fkey" FOREIGN KEY (parent_id) REFERENCES tree_nodes(id) ON DELETE CASCADE;
