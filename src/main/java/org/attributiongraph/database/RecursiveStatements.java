package org.attributiongraph.database;

/**
 * Recursive statements (WITH RECURSIVE) written so that H2 parses them afresh at every run. H2 keeps each session's
 * parsed statements and runs them again, and a recursive one that a cancel cut short keeps the rows it was working
 * on: its next run answers those rows instead of the whole result. H2 keeps a statement whose outermost query is a
 * SELECT, not one whose outermost query is a UNION; so the statement ends with a UNION ALL of a branch that adds no
 * row (PostgreSQL plans that branch away). The other way to make H2 parse a statement at every run, a LIKE, makes
 * it plan the recursive table again at every run into a cache of the session that only a new parse empties, which
 * grows without end.
 */
public final class RecursiveStatements {

    private RecursiveStatements() {
    }

    /**
     * {@code <with> SELECT <columns> FROM <table> ORDER BY <orderBy>}, as H2 never keeps it; the ORDER BY (null for
     * none) names output columns only.
     */
    public static String select(String with, String columns, String table, String orderBy) {
        return with + " SELECT " + columns + " FROM " + table + " UNION ALL SELECT " + columns + " FROM " + table
                + " WHERE FALSE" + (orderBy == null ? "" : " ORDER BY " + orderBy);
    }
}
