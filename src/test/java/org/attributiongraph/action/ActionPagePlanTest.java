package org.attributiongraph.action;

import static org.attributiongraph.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A page of actions of one kind must be read from the (kind, id) index in order, stopping at the page: sorted
 * after the read instead, it costs every action of that kind, which at a million actions ran past the statement
 * timeout. Asks H2 for the plan of the very statement Hibernate sent.
 */
@QuarkusTest
class ActionPagePlanTest {

    @Inject
    DataSource dataSource;

    @Test
    void aPageOfOneKindReadsTheKindIndexInOrder() throws SQLException {
        RecordedStatements.clear();
        data("{ actions(kind: ATTRIBUTION, first: 2) { edges { node { id } } } }", Map.of());
        String page = RecordedStatements.recent().stream()
                .filter(sql -> sql.contains(" from action ") && sql.contains("kind=?") && sql.contains("fetch"))
                .findFirst().orElseThrow(() -> new AssertionError("no page statement in " + RecordedStatements.recent()));

        String plan = explain(page);
        assertTrue(plan.contains("ACTION_KIND_IDX") && plan.contains("index sorted"), page + "\n" + plan);
    }

    @Test
    void aPageOfEveryKindReadsThePrimaryKeyInOrder() throws SQLException {
        RecordedStatements.clear();
        data("{ actions(first: 2) { edges { node { id } } } }", Map.of());
        String page = RecordedStatements.recent().stream()
                .filter(sql -> sql.contains(" from action ") && sql.contains("fetch"))
                .findFirst().orElseThrow(() -> new AssertionError("no page statement in " + RecordedStatements.recent()));

        assertTrue(explain(page).contains("index sorted"), page);
    }

    /** H2's plan for a page statement: its first parameter the kind (when it has one), the rest the page's bounds. */
    private String explain(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            int parameters = (int) sql.chars().filter(c -> c == '?').count();
            for (int i = 1; i <= parameters; i++) {
                if (i == 1 && sql.contains("kind=?")) {
                    explain.setString(i, "ATTRIBUTION");
                } else {
                    explain.setInt(i, 3);
                }
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return plan.getString(1);
            }
        }
    }
}
