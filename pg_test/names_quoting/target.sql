-- Identifiers needing quotes (spaces, capitals, embedded double quotes, keywords, unicode) on tables, columns, indexes, constraints and sequences.
create table "Order Items" (
    "ID" integer not null,
    "select" varchar(100),
    "say ""hi""" text not null default 'he said "hi"',
    "New Column" boolean default false,
    constraint "Order Items PK" primary key ("ID"),
    constraint "check ""select""" check ("select" <> 'from'),
    constraint "uq say hi" unique ("say ""hi""")
);

create table "user" (
    "order" integer primary key,
    "café" text collate "C",
    "Größe" numeric(6,2) not null default 0,
    "Order Item ID" integer,
    constraint "user → Order Items" foreign key ("Order Item ID") references "Order Items" ("ID") on delete set null
);

create table "Ünïcödé Tåble" (
    "Ключ" integer generated always as identity primary key,
    "table" text,
    "Mixed Case" integer
);

create index "idx ""quoted"" name" on "Order Items" ("select", "ID");
create index "Größe Index" on "user" ("Größe" desc);
create index "where" on "Ünïcödé Tåble" (lower("table")) where "Mixed Case" > 0;

create sequence "My Seq" increment by 10;
create sequence "New ""Seq"" Ünï" owned by "Ünïcödé Tåble"."Mixed Case";
