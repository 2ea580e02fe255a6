package org.attributiongraph.database;

/**
 * What every recursive statement (WITH RECURSIVE) carries in its recursive part. H2 keeps each session's parsed
 * statements and runs them again; a recursive one that a cancel cut short keeps the rows it was working on, and its
 * next run answers those rows instead of the whole result. A LIKE makes H2 parse a statement again at every run (its
 * parser marks statements with one so), which drops whatever the last run left. This LIKE is always true; PostgreSQL
 * folds it away.
 */
public final class RecursiveStatements {

    /** A condition to add with AND to the recursive part. */
    public static final String PARSED_AT_EVERY_RUN_ON_H2 = "'' LIKE ''";

    private RecursiveStatements() {
    }
}
