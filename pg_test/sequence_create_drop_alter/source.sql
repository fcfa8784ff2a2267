-- Free sequences: one created with every option, one dropped, one altered (increment, min/max, cache, cycle), one retyped smallint -> bigint.
create sequence doomed_seq;

create sequence altered_seq as integer start with 1 increment by 1 minvalue 1 maxvalue 1000 cache 1 no cycle;

create sequence retyped_seq as smallint start with 10 maxvalue 30000;

create sequence unchanged_seq as bigint start with 5 increment by 5;
