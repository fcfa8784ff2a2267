CREATE TYPE e AS ENUM ('a', 'b', 'c', 'd');
CREATE TYPE empty AS ENUM ('first', 'second');
