-- While a start-up import bulk-loads an empty H2 database, it works without the secondary indexes and constraints
-- of the tables it fills; the statements that re-create them wait here. Rows left here at a start mean a load was
-- cut short: the tables are emptied and the statements run again (EmptyDatabaseLoad). Always empty otherwise.
CREATE TABLE bulk_load_restore (
    position   INTEGER        NOT NULL PRIMARY KEY,
    statement  VARCHAR(4000)  NOT NULL
);
