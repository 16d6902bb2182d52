CREATE TABLE s.t (id int PRIMARY KEY, name varchar(10) NOT NULL DEFAULT 'x');
