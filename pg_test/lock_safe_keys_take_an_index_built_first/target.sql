CREATE TABLE accounts (id int NOT NULL, email text, region text, code text,
                       CONSTRAINT accounts_pkey PRIMARY KEY (id) WITH (fillfactor = 80),
                       CONSTRAINT accounts_email_key UNIQUE (email) INCLUDE (region),
                       CONSTRAINT accounts_code_key UNIQUE (code) DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE members (id int PRIMARY KEY, "Team" text, handle text, CONSTRAINT members_handle UNIQUE ("Team", handle));
CREATE TABLE badges (member_handle text, label text);
