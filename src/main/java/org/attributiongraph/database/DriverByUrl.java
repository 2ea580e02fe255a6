package org.attributiongraph.database;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver of the one datasource: it hands each connection to H2's driver or PostgreSQL's by the configured
 * URL, so that one build runs on the embedded H2 file or on PostgreSQL, chosen at start by
 * quarkus.datasource.jdbc.url alone. Quarkus fixes a datasource's driver when the app is built; this is the driver
 * it fixes. Both drivers are named directly, not looked up through DriverManager, so a native image keeps them.
 *
 * <p>
 * It also gives each new connection its statement timeout, from the connection property {@value #STATEMENT_TIMEOUT_MS}:
 * H2's QUERY_TIMEOUT or PostgreSQL's statement_timeout, set once for the connection's life. A JDBC query timeout on
 * every statement (what Hibernate does when given a default one) costs H2 a SET command per statement, and every SET
 * makes all of H2's sessions forget the statements they had parsed, so that each statement was parsed again.
 */
public class DriverByUrl implements Driver {

    private static final String H2 = "jdbc:h2:";
    private static final String POSTGRESQL = "jdbc:postgresql:";
    /** The connection property with the statement timeout in milliseconds; 0 or absent for none. */
    public static final String STATEMENT_TIMEOUT_MS = "statement-timeout-ms";

    private final Driver h2 = new org.h2.Driver();
    private final Driver postgresql = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Properties forDriver = (Properties) info.clone();
        Object timeout = forDriver.remove(STATEMENT_TIMEOUT_MS); // H2 refuses settings it does not know
        Connection connection = driverFor(url).connect(url, forDriver);
        if (timeout != null) {
            try {
                int millis = parseMillis(timeout);
                if (!isPostgresql(url)) {
                    keepQueryTimeoutUnreported(connection);
                }
                setStatementTimeout(connection, isPostgresql(url), millis, false);
            } catch (SQLException | RuntimeException failed) {
                connection.close();
                throw failed;
            }
        }
        return connection;
    }

    /**
     * Sets how long each statement on this connection may run, in milliseconds (0: no limit): for the connection's
     * life on H2, and on PostgreSQL for the session, or with {@code local} until the current transaction ends.
     */
    public static void setStatementTimeout(Connection connection, int millis, boolean local) throws SQLException {
        setStatementTimeout(connection, isPostgresql(connection.getMetaData().getURL()), millis, local);
    }

    private static void setStatementTimeout(Connection connection, boolean postgresql, int millis, boolean local)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // H2 clears a session's cancel as each statement starts only when the session has a timeout: "none" is
            // the longest there is, so that a cancel that came late never stops the session's next statement
            statement.execute(postgresql ? "SET " + (local ? "LOCAL " : "") + "statement_timeout = " + millis
                    : "SET QUERY_TIMEOUT " + (millis == 0 ? Integer.MAX_VALUE : millis));
        }
    }

    /**
     * Hibernate gives every statement it closes a JDBC query timeout of 0 unless the statement reports 0 already; on H2
     * that is a SET command, which undoes the connection's timeout and makes H2 parse every statement again. H2's
     * driver reports the timeout it was last given through JDBC, not one set in SQL: asked once before the SQL sets
     * it, it goes on reporting 0, and Hibernate leaves the connection's timeout alone.
     */
    private static void keepQueryTimeoutUnreported(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.getQueryTimeout();
        }
    }

    private static int parseMillis(Object timeout) throws SQLException {
        try {
            int millis = Integer.parseInt(timeout.toString().trim());
            if (millis >= 0) {
                return millis;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new SQLException(STATEMENT_TIMEOUT_MS + " must be a whole number of milliseconds, 0 or more: " + timeout);
    }

    /** Whether a JDBC URL names PostgreSQL, the one question the rest of the service asks of the database. */
    public static boolean isPostgresql(String url) {
        return url != null && url.startsWith(POSTGRESQL);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && (url.startsWith(H2) || url.startsWith(POSTGRESQL));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return driverFor(url).getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging here");
    }

    private Driver driverFor(String url) throws SQLException {
        if (url != null && url.startsWith(H2)) {
            return h2;
        }
        if (isPostgresql(url)) {
            return postgresql;
        }
        // the URL itself is not repeated: it may hold a password
        throw new SQLException("quarkus.datasource.jdbc.url must start with " + H2 + " (the embedded database) or "
                + POSTGRESQL);
    }
}
