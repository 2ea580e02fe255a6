package org.attributiongraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;

/**
 * The statement timeout each new connection gets from the driver, on H2 and, where the PostgreSQL stage of .ci/run
 * names a database (-Dpostgresql.own-database-url, with -Dpostgresql.username and -Dpostgresql.password), on
 * PostgreSQL.
 */
class DriverByUrlTest {

    private static final String H2 = "jdbc:h2:mem:driver-by-url";
    private static final String SUM_TO_1000 = "SELECT SUM(X) FROM SYSTEM_RANGE(1, 1000)";

    @Test
    void anH2ConnectionCancelsAStatementRunningPastItsTimeout() throws SQLException {
        try (Connection connection = connect(H2, "300")) {
            assertEquals("300", h2Timeout(connection));
            assertCancelled(connection, "SELECT SUM(X) FROM SYSTEM_RANGE(1, 10000000000)");
        }
    }

    @Test
    void statementsClosedTheWayHibernateClosesThemLeaveTheTimeoutInForce() throws SQLException {
        try (Connection connection = connect(H2, "300")) {
            for (int i = 0; i < 3; i++) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT 1").close();
                    // Hibernate resets a closed statement's timeout to 0 (a SET on H2) unless it reports 0 already
                    assertEquals(0, statement.getQueryTimeout());
                }
            }
            assertEquals("300", h2Timeout(connection));
            assertCancelled(connection, "SELECT SUM(X) FROM SYSTEM_RANGE(1, 10000000000)");
        }
    }

    @Test
    void noTimeoutOnH2IsTheLongestThereIs() throws SQLException {
        try (Connection connection = connect(H2, "0")) {
            assertEquals(String.valueOf(Integer.MAX_VALUE), h2Timeout(connection));
        }
    }

    /** What StatementCanceller relies on: H2 clears a session's cancel as a statement starts, given a timeout. */
    @Test
    void aCancelThatReachesAnIdleH2SessionDoesNotStopItsNextStatement() throws SQLException {
        for (String timeout : new String[] {"300", "0"}) {
            try (Connection connection = connect(H2, timeout)) {
                connection.unwrap(JdbcConnection.class).getSession().cancel();
                assertEquals("500500", scalar(connection, SUM_TO_1000), "timeout " + timeout);
            }
        }
        // the same without a timeout, as H2 gives a connection by default: the next statement is stopped
        try (Connection connection = new org.h2.Driver().connect(H2, new Properties())) {
            connection.unwrap(JdbcConnection.class).getSession().cancel();
            SQLException stopped = assertThrows(SQLException.class, () -> scalar(connection, SUM_TO_1000));
            assertEquals("57014", stopped.getSQLState(), stopped::getMessage);
        }
    }

    @Test
    void aCancelThatReachesAnH2SessionStopsTheStatementItRuns() throws Exception {
        try (Connection connection = connect(H2, "0")) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    connection.unwrap(JdbcConnection.class).getSession().cancel();
                } catch (InterruptedException | SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            canceller.start();
            assertCancelled(connection, "SELECT SUM(X) FROM SYSTEM_RANGE(1, 10000000000)");
            canceller.join();
        }
    }

    @Test
    void aPostgresqlConnectionCancelsAStatementRunningPastItsTimeout() throws SQLException {
        String url = System.getProperty("postgresql.own-database-url", "");
        if (url.isBlank()) {
            return; // no PostgreSQL named: the H2 case above stands for both
        }
        try (Connection connection = connect(url, "300")) {
            assertEquals("300ms", scalar(connection, "SHOW statement_timeout"));
            assertCancelled(connection, "SELECT pg_sleep(30)");
            // lifted for one transaction only
            connection.setAutoCommit(false);
            DriverByUrl.setStatementTimeout(connection, 0, true);
            assertEquals("0", scalar(connection, "SHOW statement_timeout"));
            connection.commit();
            assertEquals("300ms", scalar(connection, "SHOW statement_timeout"));
        }
    }

    @Test
    void withoutTheTimeoutPropertyAConnectionHasNone() throws SQLException {
        try (Connection connection = new DriverByUrl().connect(H2, new Properties())) {
            assertEquals("0", h2Timeout(connection));
        }
    }

    @Test
    void aTimeoutThatIsNotAWholeNumberOfMillisecondsIsRefused() {
        for (String wrong : new String[] { "five", "-1", "1.5" }) {
            SQLException refused = assertThrows(SQLException.class, () -> connect(H2, wrong).close());
            assertTrue(refused.getMessage().contains(DriverByUrl.STATEMENT_TIMEOUT_MS), refused::getMessage);
        }
    }

    private static Connection connect(String url, String timeoutMs) throws SQLException {
        Properties info = new Properties();
        if (DriverByUrl.isPostgresql(url)) {
            info.setProperty("user", System.getProperty("postgresql.username", ""));
            info.setProperty("password", System.getProperty("postgresql.password", ""));
        }
        info.setProperty(DriverByUrl.STATEMENT_TIMEOUT_MS, timeoutMs);
        return new DriverByUrl().connect(url, info);
    }

    private static String h2Timeout(Connection connection) throws SQLException {
        return scalar(connection, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'");
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** Cancelled by the timeout: SQL state 57014 on both databases, long before the statement could finish. */
    private static void assertCancelled(Connection connection, String slow) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            SQLException cancelled = assertThrows(SQLException.class, () -> statement.executeQuery(slow).close());
            assertEquals("57014", cancelled.getSQLState(), cancelled::getMessage);
        }
        // far above the timeout, far below what the statement would take: cancelled, on however busy a machine
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "cancelled only after 20 s");
    }
}
