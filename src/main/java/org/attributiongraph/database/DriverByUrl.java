package org.attributiongraph.database;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC driver of the one datasource: it hands each connection to H2's driver or PostgreSQL's by the configured
 * URL, so that one build runs on the embedded H2 file or on PostgreSQL, chosen at start by
 * quarkus.datasource.jdbc.url alone. Quarkus fixes a datasource's driver when the app is built; this is the driver
 * it fixes. Both drivers are named directly, not looked up through DriverManager, so a native image keeps them.
 */
public class DriverByUrl implements Driver {

    private static final String H2 = "jdbc:h2:";
    private static final String POSTGRESQL = "jdbc:postgresql:";

    private final Driver h2 = new org.h2.Driver();
    private final Driver postgresql = new org.postgresql.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return acceptsURL(url) ? driverFor(url).connect(url, info) : null;
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
