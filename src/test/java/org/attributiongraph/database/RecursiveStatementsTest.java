package org.attributiongraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * A recursive statement cut short on H2 answers in full when it runs again on the same connection, as its parsed
 * form would be reused. The statement lists levels, each made slow, so that the connection's statement timeout cuts
 * it short inside the recursion; then the same statement lists five levels.
 */
class RecursiveStatementsTest {

    private static final String LEVELS = "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
            + " WHERE i < ? AND (SELECT SUM(X) FROM SYSTEM_RANGE(1, 100000)) > 0)";

    @Test
    void aRecursiveStatementCutShortAnswersInFullWhenItRunsAgain() throws SQLException {
        assertEquals(5, countAfterCutShort(RecursiveStatements.select(LEVELS, "i", "n", "i")));
    }

    @Test
    void writtenPlainlyH2AnswersTheRowsTheCutShortRunLeft() throws SQLException {
        // what RecursiveStatements is for: should a new H2 answer five here, it can go
        assertNotEquals(5, countAfterCutShort(LEVELS + " SELECT i FROM n ORDER BY i"));
    }

    private static int countAfterCutShort(String sql) throws SQLException {
        Properties info = new Properties();
        info.setProperty(DriverByUrl.STATEMENT_TIMEOUT_MS, "300");
        try (Connection connection = new DriverByUrl().connect("jdbc:h2:mem:recursive-statements", info)) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, 100_000_000);
                SQLException cut = assertThrows(SQLException.class, () -> statement.executeQuery().close());
                assertEquals("57014", cut.getSQLState(), cut::getMessage);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(1, 5);
                try (ResultSet levels = statement.executeQuery()) {
                    int count = 0;
                    while (levels.next()) {
                        count++;
                    }
                    return count;
                }
            }
        }
    }
}
