-- Storage parameters: fillfactor added, autovacuum_enabled changed, one removed, toast.autovacuum_enabled added, new table WITH (fillfactor).
create table gains_fillfactor (
    id integer primary key
);

create table autovac_changes (
    id integer primary key
) with (autovacuum_enabled = true);

create table loses_parameter (
    id integer primary key,
    data text
) with (fillfactor = 80, autovacuum_vacuum_scale_factor = 0.05);

create table gains_toast_param (
    id integer primary key,
    doc text
);

create table unchanged_params (
    id integer
) with (fillfactor = 90);
