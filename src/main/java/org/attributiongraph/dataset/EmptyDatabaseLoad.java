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

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.attributiongraph.dataset.DatasetImporter.Plan;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;

/**
 * The start-up import into an empty embedded H2 database, as a bulk load: the secondary indexes and the unique and
 * foreign-key constraints of the record's tables are dropped, the rows written in id order and committed every
 * hundred thousand rows, then the indexes are built, each in one pass over its table, and the constraints added
 * back. Maintaining the indexes row by row and committing one transaction of millions of rows took most of the
 * time of the ordinary import. Unique constraints are checked as they are added; foreign keys are added as H2
 * scripts them, NOCHECK: checking them would read every row again (a quarter of the load at a million actions,
 * measured), and they hold by construction: every reference was resolved, before anything was written, to a
 * record written by this same load into a database that held none.
 *
 * <p>
 * Still all or nothing: the whole file is checked before anything is written, and should writing or re-creating
 * fail, the tables are emptied (they were empty) and their indexes and constraints re-created. The statements that
 * re-create them are committed in bulk_load_restore before anything is dropped, so a process killed midway is
 * undone the same way at its next start. No reader sees the partial rows: GraphQL requests wait until the
 * start-up import is over (StartupLoader.loaded()), and an embedded H2 database is open to this process alone; the load is not used when the
 * URL lets other processes in (a server or AUTO_SERVER), nor on other databases.
 */
@ApplicationScoped
public class EmptyDatabaseLoad {

    private static final Logger LOG = Logger.getLogger(EmptyDatabaseLoad.class);

    private static final List<String> TABLES = List.of("party", "party_name", "party_member", "source", "action", "action_participant",
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

    /** In the caller's transaction: whether the database is one this load is for, and holds no record yet. */
    boolean applies() {
        String url = jdbcUrl.toUpperCase(Locale.ROOT);
        if (!url.startsWith("JDBC:H2:") || url.startsWith("JDBC:H2:TCP:") || url.startsWith("JDBC:H2:SSL:")
                || url.contains("AUTO_SERVER=TRUE")) {
            return false;
        }
        Number rows = (Number) entityManager.createNativeQuery("SELECT (SELECT COUNT(*) FROM party)"
                + " + (SELECT COUNT(*) FROM source) + (SELECT COUNT(*) FROM action)").getSingleResult();
        return rows.longValue() == 0;
    }

    /** Outside any transaction: it commits as it goes. */
    void load(Plan plan) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<String> creates = indexesAndConstraints(connection);
                saveRestore(connection, creates);
                try (Statement statement = connection.createStatement()) {
                    drop(statement, creates);
                }
                long start = System.nanoTime();
                int[] batches = { 0 };
                new BulkInserter(BulkInserter.dialectOf(sessionFactory), false, sent -> {
                    if (++batches[0] % BATCHES_PER_COMMIT == 0) {
                        sent.commit();
                    }
                }).insert(connection, plan.sources(), plan.parties(), plan.actions());
                connection.commit();
                long written = System.nanoTime();
                try (Statement statement = connection.createStatement()) {
                    recreate(statement, creates);
                }
                connection.commit();
                LOG.infof("Bulk-loaded the empty database: rows written in %d ms, indexes and constraints in %d ms",
                        (written - start) / 1_000_000, (System.nanoTime() - written) / 1_000_000);
            } catch (SQLException | RuntimeException failed) {
                try {
                    connection.rollback();
                    restore(connection);
                } catch (SQLException | RuntimeException alsoFailed) {
                    failed.addSuppressed(alsoFailed);
                }
                throw failed;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the bulk load into the empty database failed; it was left empty", e);
        }
    }

    /** Outside any transaction, at start: undoes a load the process did not live to finish or undo. */
    void restoreIfInterrupted() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            if (restore(connection)) {
                LOG.warn("A bulk load into the empty database was cut short at the last start; the database was emptied"
                        + " again and its indexes and constraints re-created");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not undo the bulk load cut short at the last start", e);
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
