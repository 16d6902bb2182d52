\connect other
