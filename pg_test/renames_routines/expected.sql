SET search_path TO pg_catalog, "source";

ALTER ROUTINE "source".add_tax(amount numeric) RENAME TO "with_tax";

ALTER ROUTINE "source".archive(IN keep integer) RENAME TO "archive_orders";

ALTER ROUTINE "source".make_code() RENAME TO "new_code";

ALTER AGGREGATE "source".total(numeric) RENAME TO "grand_total";
