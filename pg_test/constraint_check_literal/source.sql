-- CHECK constraints whose string literals contain quotes, a fake SQL injection, a backslash and a double quote.
create table x (
    id integer primary key
);

create table notes (
    id integer primary key,
    body text,
    path text
);
