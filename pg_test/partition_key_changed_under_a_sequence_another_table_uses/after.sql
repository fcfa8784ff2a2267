select nextval('events_id_seq') = 6
