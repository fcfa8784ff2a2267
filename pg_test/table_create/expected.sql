SET search_path TO pg_catalog, "source";

CREATE TABLE "source"."everything" (
    "id" integer NOT NULL,
    "big" bigint DEFAULT 0 NOT NULL,
    "small" smallint,
    "amount" numeric(10,2) DEFAULT 0.00 NOT NULL,
    "ratio" double precision,
    "body" text,
    "code" character varying(50) DEFAULT 'none'::character varying NOT NULL,
    "fixed" character(3),
    "active" boolean DEFAULT true NOT NULL,
    "created_at" timestamp with time zone DEFAULT now() NOT NULL,
    "day" date DEFAULT CURRENT_DATE,
    "payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
    "external_id" uuid,
    "scores" integer[] DEFAULT '{}'::integer[],
    "tags" text[] DEFAULT ARRAY[]::text[] NOT NULL,
    "matrix" integer[],
    "raw" bytea
);

-- lock: ACCESS EXCLUSIVE on source.everything
ALTER TABLE "source"."everything" ADD CONSTRAINT "everything_pkey" PRIMARY KEY (id);
