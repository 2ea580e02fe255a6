package org.attributiongraph.dataset;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.attributiongraph.database.DriverByUrl;
import org.attributiongraph.limits.Limits;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.h2.jdbc.JdbcConnection;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The start-up import into an empty database, as a bulk load: the secondary indexes and the unique and foreign-key
 * constraints of the record's tables are dropped, the rows written in id order, then the indexes are built, each in
 * one pass over its table, and the constraints added back. Maintaining the indexes row by row took most of the time
 * of the ordinary import. The importer checks the file as its rows are written (so that it need not hold all of it
 * checked at once); a record it refuses midway, like any other failure, undoes the load. Still all or nothing; each
 * database keeps that promise its own way.
 *
 * <p>
 * <b>PostgreSQL</b> changes its schema inside transactions: everything happens in the start-up import's transaction,
 * so a failure, or a process killed midway, leaves the database as it was. The tables are locked against writers
 * before they are found empty, and against readers once their indexes are dropped: other replicas wait for the
 * load, then see all of it. The constraints are checked as they are added back, and the tables analysed.
 *
 * <p>
 * <b>Embedded H2</b> commits every hundred thousand rows (the undo log of one transaction of millions of rows made
 * the commit slow). Unique constraints are checked as they are added; foreign keys are added as H2 scripts them,
 * NOCHECK: checking them would read every row again (a quarter of the load at a million actions, measured), and
 * they hold by construction: every reference was resolved, before its row was written, to a record this same load
 * writes into a database that held none, and a load that does not write them all is undone. Should writing or
 * re-creating fail, the tables are emptied (they were empty) and their indexes and constraints re-created. The
 * statements that re-create them are committed in bulk_load_restore before anything is dropped, so a process killed
 * midway is undone the same way at its next start. No reader sees the partial rows: GraphQL requests wait until the
 * start-up import is over (StartupLoader.loaded()), and an embedded H2 database is open to this process alone; the
 * load is not used when the URL lets other processes in (a server or AUTO_SERVER).
 */
@ApplicationScoped
public class EmptyDatabaseLoad {

    private static final Logger LOG = Logger.getLogger(EmptyDatabaseLoad.class);

    /** The record's tables, parents before children. */
    static final List<String> TABLES = List.of("party", "party_name", "party_member", "source", "action", "action_participant",
            "quote", "citation");
    /** The undo log of a transaction of millions of rows is what made the ordinary import's commit slow. */
    private static final int BATCHES_PER_COMMIT = 100;


    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX (\\S+) ON ");
    private static final Pattern ADD_CONSTRAINT = Pattern.compile("^ALTER TABLE (\\S+) ADD CONSTRAINT (\\S+) ");

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager entityManager;

    @Inject
    SessionFactory sessionFactory;

    @Inject
    Limits limits;

    /** In the caller's transaction: whether the database is one this load is for, and holds no record yet. */
    boolean applies() {
        String url = jdbcUrl.toUpperCase(Locale.ROOT);
        if (onPostgresql()) {
            // another replica writing between this look and the load would make the database not empty after all;
            // the lock lasts until the start-up import commits, whichever way it imports
            entityManager.createNativeQuery("LOCK TABLE " + String.join(", ", TABLES) + " IN SHARE ROW EXCLUSIVE MODE")
                    .executeUpdate();
        } else if (!url.startsWith("JDBC:H2:") || url.startsWith("JDBC:H2:TCP:") || url.startsWith("JDBC:H2:SSL:")
                || url.contains("AUTO_SERVER=TRUE")) {
            return false;
        }
        Number rows = (Number) entityManager.createNativeQuery("SELECT (SELECT COUNT(*) FROM party)"
                + " + (SELECT COUNT(*) FROM source) + (SELECT COUNT(*) FROM action)").getSingleResult();
        return rows.longValue() == 0;
    }

    private boolean onPostgresql() {
        return DriverByUrl.isPostgresql(jdbcUrl);
    }

    /** What the load writes, on the connection it is given, with an inserter for a database without foreign keys. */
    interface Rows {
        void write(Connection connection, BulkInserter inserter) throws SQLException;
    }

    /**
     * Called in the start-up import's transaction, once applies() said yes; rows are written in the caller's thread,
     * so that what they are made of may be checked (in that transaction) while they are written.
     */
    void load(Rows rows) {
        if (onPostgresql()) {
            entityManager.unwrap(Session.class).doWork(connection -> loadInTransaction(connection, rows));
        } else {
            loadOnOwnConnection(rows);
        }
    }

    private void loadInTransaction(Connection connection, Rows rows) throws SQLException {
        withoutStatementTimeout(connection);
        List<String> creates = postgresqlIndexesAndConstraints(connection);
        try (Statement statement = connection.createStatement()) {
            drop(statement, creates);
        }
        long start = System.nanoTime();
        rows.write(connection, new BulkInserter(BulkInserter.dialectOf(sessionFactory), false, BulkInserter.NOTHING_MORE));
        long written = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (String create : creates) {
                statement.execute(create);
            }
            // the planner's statistics still describe empty tables
            statement.execute("ANALYZE " + String.join(", ", TABLES));
        }
        logLoaded(start, written);
    }

    /** The secondary indexes, then unique constraints, then foreign keys of the record's tables, as PostgreSQL writes them. */
    private static List<String> postgresqlIndexesAndConstraints(Connection connection) throws SQLException {
        String tables = TABLES.stream().map(table -> "'" + table + "'").collect(Collectors.joining(", "));
        List<String> creates = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet indexes = statement.executeQuery("SELECT pg_get_indexdef(x.indexrelid) FROM pg_index x"
                    + " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid"
                    + " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (" + tables + ")"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid AND c.conrelid = x.indrelid)"
                    + " ORDER BY t.relname, i.relname")) {
                while (indexes.next()) {
                    creates.add(indexes.getString(1));
                }
            }
            try (ResultSet constraints = statement.executeQuery("SELECT quote_ident(t.relname), quote_ident(c.conname), pg_get_constraintdef(c.oid)"
                    + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                    + " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN (" + tables + ")"
                    + " AND c.contype IN ('u', 'f') ORDER BY c.contype DESC, t.relname, c.conname")) {
                while (constraints.next()) {
                    creates.add("ALTER TABLE " + constraints.getString(1) + " ADD CONSTRAINT " + constraints.getString(2) + " "
                            + constraints.getString(3));
                }
            }
        }
        return creates;
    }

    private static void logLoaded(long start, long written) {
        LOG.infof("Bulk-loaded the empty database: actions checked and rows written in %d ms, indexes and constraints in %d ms",
                (written - start) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
    }

    /**
     * On a pooled connection of its own, outside the import's transaction (it commits as it goes), yet used in the
     * caller's thread, where that transaction is active: so the load writes on the driver's connection underneath,
     * which the pool does not enlist, and hands the pool's back outside the transaction.
     */
    private void loadOnOwnConnection(Rows rows) {
        Connection pooled = QuarkusTransaction.suspendingExisting().call(() -> {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException("no connection for the bulk load", e);
            }
        });
        try {
            loadCommittingAsItGoes(pooled.unwrap(JdbcConnection.class), rows);
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the bulk load", e);
        } finally {
            QuarkusTransaction.suspendingExisting().run(() -> {
                try {
                    pooled.close();
                } catch (SQLException e) {
                    LOG.warn("The bulk load's connection could not be handed back", e);
                }
            });
        }
    }

    private void loadCommittingAsItGoes(Connection connection, Rows rows) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            withoutStatementTimeout(connection);
            try {
                List<String> creates = indexesAndConstraints(connection);
                saveRestore(connection, creates);
                try (Statement statement = connection.createStatement()) {
                    drop(statement, creates);
                }
                long start = System.nanoTime();
                int[] batches = { 0 };
                rows.write(connection, new BulkInserter(BulkInserter.dialectOf(sessionFactory), false, sent -> {
                    if (++batches[0] % BATCHES_PER_COMMIT == 0) {
                        sent.commit();
                    }
                }));
                connection.commit();
                long written = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    recreate(statement, creates);
                }
                connection.commit();
                logLoaded(start, written);
            } catch (SQLException | RuntimeException failed) {
                try {
                    connection.rollback();
                    restore(connection);
                } catch (SQLException | RuntimeException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                }
                throw failed;
            } finally {
                connection.setAutoCommit(autoCommit);
                withStatementTimeoutAgain(connection);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the bulk load into the empty database failed; it was left empty", e);
        }
    }

    /** Outside any transaction, at start: undoes a load the process did not live to finish or undo. */
    void restoreIfInterrupted() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            withoutStatementTimeout(connection);
            boolean restored;
            try {
                restored = restore(connection);
            } finally {
                withStatementTimeoutAgain(connection);
            }
            if (restored) {
                LOG.warn("A bulk load into the empty database was cut short at the last start; the database was emptied"
                        + " again and its indexes and constraints re-created");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not undo the bulk load cut short at the last start", e);
        }
    }

    /**
     * A whole table's rows, or an index over them, take as long as they take: no statement timeout on this
     * connection, on PostgreSQL until its transaction ends, on H2 until {@link #withStatementTimeoutAgain}.
     */
    private void withoutStatementTimeout(Connection connection) throws SQLException {
        DriverByUrl.setStatementTimeout(connection, 0, onPostgresql());
    }

    /** The connection goes back to the pool with the statement timeout every connection has. */
    private void withStatementTimeoutAgain(Connection connection) throws SQLException {
        if (!onPostgresql()) {
            DriverByUrl.setStatementTimeout(connection, limits.statementTimeoutMs(), false);
        }
    }

    /** Empties the tables and re-creates what the load dropped, if it dropped anything; says whether it did. */
    private static boolean restore(Connection connection) throws SQLException {
        List<String> creates = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet saved = statement.executeQuery("SELECT statement FROM bulk_load_restore ORDER BY position")) {
            while (saved.next()) {
                creates.add(saved.getString(1));
            }
        }
        if (creates.isEmpty()) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            drop(statement, creates);
            for (String table : TABLES) {
                statement.execute("TRUNCATE TABLE " + table);
            }
            recreate(statement, creates);
        }
        connection.commit();
        return true;
    }

    /** H2 writes its own DDL for them: the secondary indexes, then unique and foreign-key constraints, in that order. */
    private static List<String> indexesAndConstraints(Connection connection) throws SQLException {
        List<String> creates = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet script = statement.executeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS TABLE "
                        + String.join(", ", TABLES))) {
            while (script.next()) {
                String line = script.getString(1).replaceAll(";$", "");
                if (CREATE_INDEX.matcher(line).find()
                        || ADD_CONSTRAINT.matcher(line).find() && !line.contains(" PRIMARY KEY")) {
                    creates.add(line);
                }
            }
        }
        return creates;
    }

    private static void saveRestore(Connection connection, List<String> creates) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bulk_load_restore (position, statement) VALUES (?, ?)")) {
            for (int i = 0; i < creates.size(); i++) {
                insert.setInt(1, i);
                insert.setString(2, creates.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
    }

    /** In reverse of their creation, so that nothing is dropped while something made later still depends on it. */
    private static void drop(Statement statement, List<String> creates) throws SQLException {
        for (int i = creates.size() - 1; i >= 0; i--) {
            statement.execute(dropFor(creates.get(i)));
        }
    }

    /** Builds them again, and forgets them: nothing is left to restore. */
    private static void recreate(Statement statement, List<String> creates) throws SQLException {
        for (String create : creates) {
            statement.execute(create);
        }
        statement.executeUpdate("DELETE FROM bulk_load_restore");
    }

    private static String dropFor(String create) {
        Matcher index = CREATE_INDEX.matcher(create);
        if (index.find()) {
            return "DROP INDEX IF EXISTS " + index.group(1);
        }
        Matcher constraint = ADD_CONSTRAINT.matcher(create);
        if (constraint.find()) {
            return "ALTER TABLE " + constraint.group(1) + " DROP CONSTRAINT IF EXISTS " + constraint.group(2);
        }
        throw new IllegalStateException("not a statement the bulk load drops: " + create);
    }
}
