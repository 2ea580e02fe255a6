-- One row that replicas starting together lock, so that only one of them loads the seed into an empty database
-- (SELECT ... FOR UPDATE works the same on H2 and PostgreSQL).
CREATE TABLE startup_lock (
    id INTEGER NOT NULL PRIMARY KEY
);
INSERT INTO startup_lock (id) VALUES (1);
