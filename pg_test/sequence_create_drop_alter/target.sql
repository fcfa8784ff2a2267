-- Free sequences: one created with every option, one dropped, one altered (increment, min/max, cache, cycle), one retyped smallint -> bigint.
create sequence full_options_seq as integer increment by 3 minvalue 10 maxvalue 100000 start with 20 cache 5 cycle;

create sequence descending_seq as bigint increment by -1 minvalue -1000 maxvalue -1 start with -1;

create sequence altered_seq as integer start with 1 increment by 2 minvalue 0 maxvalue 5000 cache 10 cycle;

create sequence retyped_seq as bigint start with 10;

create sequence unchanged_seq as bigint start with 5 increment by 5;
