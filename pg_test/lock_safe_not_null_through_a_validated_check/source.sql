CREATE TABLE profiles (id int, "Display Name" text, bio text, seq int);
INSERT INTO profiles SELECT g, 'p' || g, NULL, g FROM generate_series(1, 2000) g;
