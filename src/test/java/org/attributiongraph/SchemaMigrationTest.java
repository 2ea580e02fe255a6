package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrades keep the record: a database made by the first schema version, holding data, is migrated to the
 * current version with nothing lost, and the rows it had are stamped as recorded by "system".
 */
class SchemaMigrationTest {

    private static final String URL = "jdbc:h2:mem:schema-upgrade;DB_CLOSE_DELAY=-1";

    @Test
    void migratingADatabaseOfTheFirstVersionKeepsItsData() throws SQLException {
        flyway("1").migrate();
        try (Connection connection = DriverManager.getConnection(URL, "sa", ""); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO party (id, name, name_key, kind, country, part_of_id, version) VALUES (1, 'China', 'china', 'STATE', 'CN', NULL, 0)");
            sql.execute("INSERT INTO party (id, name, name_key, kind, country, part_of_id, version) VALUES (2, 'MSS', 'mss', 'GOVERNMENT_BODY', 'CN', 1, 0)");
            sql.execute("INSERT INTO party_name (id, party_id, name, name_key, alias) VALUES (1, 1, 'China', 'china', FALSE)");
            sql.execute("INSERT INTO source (id, dataset_key, publisher, title) VALUES (1, 'src', 'BBC', 'Microsoft hack')");
            sql.execute("INSERT INTO action (id, dataset_key, kind, title, version) VALUES (1, 'act', 'ATTRIBUTION', 'Accusation', 3)");
            sql.execute("INSERT INTO action_participant (id, action_id, party_id, role, position) VALUES (1, 1, 2, 'TARGET', 0)");
            sql.execute("INSERT INTO citation (id, action_id, source_id, position, excerpt) VALUES (1, 1, 1, 0, 'says so')");
        }

        int pending = flyway(null).info().pending().length;
        assertTrue(pending >= 1, "there are migrations after the first version");
        assertEquals(pending, flyway(null).migrate().migrationsExecuted);

        try (Connection connection = DriverManager.getConnection(URL, "sa", ""); Statement sql = connection.createStatement()) {
            assertEquals("MSS|1|system", one(sql, "SELECT name || '|' || part_of_id || '|' || created_by FROM party WHERE id = 2"));
            assertEquals("Accusation|3|system", one(sql, "SELECT title || '|' || version || '|' || updated_by FROM action WHERE id = 1"));
            assertEquals("says so", one(sql, "SELECT excerpt FROM citation WHERE action_id = 1"));
            assertEquals("TARGET", one(sql, "SELECT role FROM action_participant WHERE action_id = 1"));
            assertEquals("1", one(sql, "SELECT COUNT(*) FROM source WHERE created_at IS NOT NULL"));
        }
    }

    private static Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration");
        return (target == null ? configuration : configuration.target(target)).load();
    }

    private static String one(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
