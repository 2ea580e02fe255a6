-- How many write transactions the record has seen. Every write raises it as its last statement; replicas read it
-- to learn that another replica changed the record, and drop the responses they cached before that.
CREATE TABLE record_version (
    id INTEGER NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO record_version (id, version) VALUES (1, 0);
