package org.attributiongraph.cancellation;

import java.util.Locale;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Makes the queries that read one table run as long as a slow database would: each gets a condition that takes the
 * database minutes to decide and stops at a cancel (H2 sums ten billion numbers, checking for a cancel as it goes;
 * PostgreSQL sleeps). Off until a test names the table.
 */
public class SlowedStatements implements StatementInspector {

    private static final String MARKER = "/* slowed */";
    private static final String ON_H2 = "(select sum(x) from system_range(1, 10000000000)) > 0 " + MARKER + " and ";
    private static final String ON_POSTGRESQL = "(select count(*) from pg_sleep(600)) > 0 " + MARKER + " and ";
    private static volatile String slowedTable;
    private static volatile String slowCondition;

    /** Hibernate writes its SQL in lower case, the native reads theirs in upper case: either is matched. */
    @Override
    public String inspect(String sql) {
        String table = slowedTable;
        String lower = sql.toLowerCase(Locale.ROOT);
        int where = lower.indexOf(" where ");
        if (table == null || !lower.startsWith("select") || !lower.contains(" from " + table + " ") || where < 0) {
            return sql;
        }
        return sql.substring(0, where + " where ".length()) + slowCondition + sql.substring(where + " where ".length());
    }

    static void slowReadsOf(String table, boolean onPostgresql) {
        slowCondition = onPostgresql ? ON_POSTGRESQL : ON_H2;
        slowedTable = table;
    }

    static void fast() {
        slowedTable = null;
    }

    /** What a query made slow here contains, to find it among the database's running statements. */
    static String marker() {
        return MARKER;
    }
}
