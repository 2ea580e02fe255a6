package org.attributiongraph.cancellation;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Makes the queries that read one table run as long as a slow database would: each gets a condition that H2 must
 * count through ten billion rows to decide, checking for a cancel as it goes. Off until a test names the table.
 */
public class SlowedStatements implements StatementInspector {

    private static final String SLOW_CONDITION = "(select sum(x) from system_range(1, 10000000000)) > 0 and ";
    private static volatile String slowedTable;

    @Override
    public String inspect(String sql) {
        String table = slowedTable;
        int where = sql.indexOf(" where ");
        if (table == null || !sql.startsWith("select") || !sql.contains(" from " + table + " ") || where < 0) {
            return sql;
        }
        return sql.substring(0, where + " where ".length()) + SLOW_CONDITION + sql.substring(where + " where ".length());
    }

    static void slowReadsOf(String table) {
        slowedTable = table;
    }

    static void fast() {
        slowedTable = null;
    }

    /** What a query made slow here contains, to find it among the database's running statements. */
    static String marker() {
        return "system_range(1, 10000000000)";
    }
}
