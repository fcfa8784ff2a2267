-- CHECK constraints whose string literals contain quotes, a fake SQL injection, a backslash and a double quote.
create table x (
    id integer primary key
);

create table notes (
    id integer primary key,
    body text,
    path text,
    constraint notes_body_check check (body <> '''; DROP TABLE x; --'),
    constraint notes_path_check check (path <> 'C:\temp\"quoted"' and path not like E'%\\\\%\'%'),
    constraint "notes_weird""name_check" check (body is distinct from '$$ $tag$ '' "')
);
