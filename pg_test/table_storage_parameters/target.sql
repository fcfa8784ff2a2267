-- Storage parameters: fillfactor added, autovacuum_enabled changed, one removed, toast.autovacuum_enabled added, new table WITH (fillfactor).
create table gains_fillfactor (
    id integer primary key
) with (fillfactor = 70);

create table autovac_changes (
    id integer primary key
) with (autovacuum_enabled = false);

create table loses_parameter (
    id integer primary key,
    data text
) with (fillfactor = 80);

create table gains_toast_param (
    id integer primary key,
    doc text
) with (toast.autovacuum_enabled = false);

create table unchanged_params (
    id integer
) with (fillfactor = 90);

create table new_with_fillfactor (
    id integer primary key,
    data text
) with (fillfactor = 60, autovacuum_enabled = false);
