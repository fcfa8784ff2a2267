-- An IN-list CHECK on varchar: PostgreSQL stores its own deparsed text in another form when it is run again.
create table orders (status varchar(10), kind varchar(10));
