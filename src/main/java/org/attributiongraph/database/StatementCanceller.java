package org.attributiongraph.database;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.jdbc.JdbcConnection;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

/**
 * Cancels, from another thread, the statement a Hibernate session is starting.
 * <ul>
 * <li>On PostgreSQL, Hibernate cancels the statement; the driver leaves one that has ended alone.</li>
 * <li>On H2 the cancel goes to the connection's database session instead. H2 keeps each session's parsed statements
 * and runs them again. A statement cancelled through JDBC keeps the cancel when it lands after the statement's last
 * check, and the next run of the same statement, in whatever request, fails with it. A session's cancel is cleared
 * as each statement starts (H2 does that for a session with a timeout, and DriverByUrl gives every one a timeout).</li>
 * </ul>
 */
public final class StatementCanceller {

    private final SharedSessionContractImplementor session;
    private final org.h2.engine.Session h2Session;

    private StatementCanceller(SharedSessionContractImplementor session, org.h2.engine.Session h2Session) {
        this.session = session;
        this.h2Session = h2Session;
    }

    /** On the thread about to run the session's statement, which holds its connection. */
    public static StatementCanceller of(SharedSessionContractImplementor session) {
        JdbcCoordinator jdbc = session.getJdbcCoordinator();
        if (jdbc.getLogicalConnection().isPhysicallyConnected()) {
            try {
                Connection connection = jdbc.getLogicalConnection().getPhysicalConnection();
                if (connection.isWrapperFor(JdbcConnection.class)) {
                    return new StatementCanceller(session, connection.unwrap(JdbcConnection.class).getSession());
                }
            } catch (SQLException notH2) {
                // Hibernate cancels it, as on PostgreSQL
            }
        }
        return new StatementCanceller(session, null);
    }

    /** Cancels the statement if it still runs; on PostgreSQL a RuntimeException where it can no longer be reached. */
    public void cancel() {
        if (h2Session != null) {
            h2Session.cancel();
        } else {
            session.getJdbcCoordinator().cancelLastQuery();
        }
    }
}
