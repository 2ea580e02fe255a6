package org.attributiongraph.action;

import static org.attributiongraph.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The statements that read a whole level of a query (the participants of many actions, the responses to many
 * actions) take the level's ids as one array and must look each id up in its index: a scan of the table instead
 * costs every row of it, at every level of every request. Asks H2 for the plan of the very statement Hibernate sent.
 */
@QuarkusTest
class LevelPlanTest {

    private static final Long[] SOME_IDS = { 1L, 2L, 3L };

    @Inject
    DataSource dataSource;

    @Test
    void participantsAreLookedUpByActionWithTheirPartiesByKey() throws SQLException {
        String plan = planOf("{ actions(first: 3) { edges { node { actors { name } } } } }", "join action_participant");
        assertTrue(Pattern.compile("ACTION_PARTICIPANT\" \"P\" /\\* PUBLIC\\.\\w+: [^*]*ACTION_ID = IDS\\.ID").matcher(plan).find(), plan);
        assertTrue(Pattern.compile("PARTY\" \"PARTY\" /\\* PUBLIC\\.PRIMARY_KEY\\w*: ID = P\\.PARTY_ID").matcher(plan).find(), plan);
    }

    @Test
    void responsesAreLookedUpByTheActionTheyAnswer() throws SQLException {
        String plan = planOf("{ actions(first: 3) { edges { node { responses { id } } } } }", "responds_to_id = any(");
        assertTrue(Pattern.compile("/\\* PUBLIC\\.\\w+: RESPONDS_TO_ID IN\\(").matcher(plan).find(), plan);
    }

    /** H2's plan for the first statement of the query that mentions the text given, its ids SOME_IDS. */
    private String planOf(String query, String mentioning) throws SQLException {
        RecordedStatements.clear();
        data(query, Map.of());
        String sql = RecordedStatements.recent().stream()
                .filter(statement -> statement.toLowerCase(Locale.ROOT).contains(mentioning))
                .findFirst().orElseThrow(() -> new AssertionError("no statement with " + mentioning + " in "
                        + RecordedStatements.recent()));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
            explain.setArray(1, connection.createArrayOf("BIGINT", SOME_IDS));
            if (sql.chars().filter(c -> c == '?').count() > 1) {
                explain.setString(2, ActionRole.ACTOR.name());
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return sql + "\n" + plan.getString(1).replaceAll("\\s+", " ");
            }
        }
    }
}
