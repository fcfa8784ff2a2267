-- Identifiers needing quotes (spaces, capitals, embedded double quotes, keywords, unicode) on tables, columns, indexes, constraints and sequences.
create table "Order Items" (
    "ID" integer not null,
    "select" text,
    "say ""hi""" text,
    "old column" integer,
    constraint "Order Items PK" primary key ("ID")
);

create table "user" (
    "order" integer primary key,
    "café" text,
    "Größe" numeric(4,1)
);

create table "Drop Me ""Now""" (
    id integer
);

create index "idx ""quoted"" name" on "Order Items" ("select");
create index "Old Index" on "user" ("café");

create sequence "My Seq" increment by 1;
create sequence "seq ""to"" drop";
