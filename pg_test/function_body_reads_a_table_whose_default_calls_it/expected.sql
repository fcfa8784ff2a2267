SET search_path TO pg_catalog, "source";

SET check_function_bodies = false;

CREATE FUNCTION "source"."next_ticket"()
 RETURNS integer
 LANGUAGE sql
AS $function$select coalesce(max(ticket), 0) + 1 from tickets$function$;

CREATE TABLE "source"."tickets" (
    "ticket" integer DEFAULT next_ticket() NOT NULL,
    "title" text NOT NULL
);

-- lock: ACCESS EXCLUSIVE on source.tickets
ALTER TABLE "source"."tickets" ADD CONSTRAINT "tickets_pkey" PRIMARY KEY (ticket);
