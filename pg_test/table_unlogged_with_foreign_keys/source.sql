-- Tables joined by foreign keys change persistence together: the order matters to PostgreSQL.
create table parents (id int primary key);
create table children (parent_id int references parents);
create unlogged table u_parents (id int primary key);
create unlogged table u_children (parent_id int references u_parents);
