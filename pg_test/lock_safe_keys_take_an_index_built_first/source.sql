CREATE TABLE accounts (id int NOT NULL, email text, region text, code text);
INSERT INTO accounts SELECT g, 'a' || g || '@example.com', 'r' || g % 5, 'c' || g FROM generate_series(1, 2000) g;
CREATE TABLE members (id int PRIMARY KEY, "Team" text, handle text, CONSTRAINT members_handle UNIQUE (handle));
INSERT INTO members SELECT g, 't' || g % 10, 'h' || g FROM generate_series(1, 500) g;
CREATE TABLE badges (member_handle text REFERENCES members (handle), label text);
