package org.attributiongraph.cancellation;

import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.partyId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.attributiongraph.GraphQLWebSocket;
import org.attributiongraph.TestDatasource;
import org.attributiongraph.UnreadRequest;
import org.attributiongraph.database.OpenSessions;
import org.attributiongraph.live.Subscribers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A client that hangs up while its request is being read from the database (issue 15), over HTTP or as a subscriber
 * whose WebSocket closes while its event is read: the statement running for it is cancelled at once, rather than left
 * to run for nobody until the statement timeout, and no Hibernate session is left open. The database is
 * made slow for one table (SlowedStatements); the statement timeout is a minute, so that only the cancel ends it soon.
 * On H2, and on PostgreSQL in the PostgreSQL stage of .ci/run.
 */
@QuarkusTest
@TestProfile(HangupCancelsStatementsTest.SlowDatabase.class)
class HangupCancelsStatementsTest {

    /**
     * On H2 by default; on PostgreSQL where a database of its own is given (-Dpostgresql.own-database-url, with
     * -Dpostgresql.username and -Dpostgresql.password), as the PostgreSQL stage of .ci/run does.
     */
    public static class SlowDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = TestDatasource.ownDatabase("jdbc:h2:mem:subscriber-hangups;DB_CLOSE_DELAY=-1",
                    "postgresql.own-database-url");
            settings.putAll(Map.of("attribution-graph.limits.statement-timeout-ms", "60000",
                    "quarkus.hibernate-orm.unsupported-properties.\"hibernate.session_factory.statement_inspector\"",
                    SlowedStatements.class.getName()));
            return settings;
        }
    }

    /** How long a slow statement may take to show up, or to end once cancelled: generous, for a loaded machine. */
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/graphql")
    URI graphql;

    @Inject
    DataSource database;

    @Inject
    Subscribers subscribers;

    @Inject
    SessionFactory sessions;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @AfterEach
    void fastAgain() throws Exception {
        SlowedStatements.fast();
        // a statement the code under test failed to cancel must not outlive its test
        awaitSlowStatements(0);
    }

    @Test
    void aQueryHasItsStatementCancelledWhenItsClientHangsUp() throws Exception {
        String china = partyId("China");
        SlowedStatements.slowReadsOf("party", onPostgresql());
        byte[] body = JSON.writeValueAsBytes(Map.of("query", "query($id: ID!) { party(id: $id) { name } }",
                "variables", Map.of("id", china)));
        try (Socket client = UnreadRequest.send(graphql.getPort(), body)) {
            assertTrue(awaitSlowStatements(1), "the query's statement is running");
        }
        assertEndsSoon("party");
    }

    @Test
    void aFieldOfTheEventHasItsStatementCancelledWhenTheSocketCloses() throws Exception {
        // quotes are read below the event, in the event's own request context
        hangUpWhileReading("quote", "subscription($party: ID) { actionRecorded(party: $party) { title quotes { text } } }");
    }

    @Test
    void theEventItselfHasItsStatementCancelledWhenTheSocketCloses() throws Exception {
        // a subscription for one party checks each action's participants as it loads the event
        hangUpWhileReading("action_participant", "subscription($party: ID) { actionRecorded(party: $party) { title } }");
    }

    private void hangUpWhileReading(String table, String subscription) throws Exception {
        String china = partyId("China");
        GraphQLWebSocket subscriber = GraphQLWebSocket.open(graphql, null);
        PrintStream standardError = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // SmallRye prints the failure of a subscription's stream, a log line of no logger
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                standardError.write(b);
                printed.write(b);
            }
        }, true));
        try {
            int before = subscribers.listening();
            subscriber.subscribe("slow", subscription, Map.of("party", china));
            awaitListening(before + 1);
            SlowedStatements.slowReadsOf(table, onPostgresql());
            record(china);
            assertTrue(awaitSlowStatements(1), "the event's statement is running");
        } finally {
            subscriber.abort();
        }
        try {
            assertEndsSoon(table);
            assertEquals(0, OpenSessions.awaitNone(sessions, WAIT), "sessions still open " + WAIT.toSeconds()
                    + " s after the socket closed: the event's, or the connection's");
            // the event's answer fails right after its session closes: time for that to show, were it printed
            Thread.sleep(500);
        } finally {
            System.setErr(standardError);
        }
        assertFalse(printed.toString(StandardCharsets.UTF_8).contains("Exception"), "nothing is printed for a subscriber "
                + "who left: " + printed);
    }

    private void assertEndsSoon(String table) throws Exception {
        long closed = System.nanoTime();
        assertTrue(awaitSlowStatements(0), "the statement still runs " + WAIT.toSeconds() + " s after the socket closed");
        System.out.printf("HangupCancelsStatementsTest: the %s statement ended %d ms after the socket closed%n", table,
                (System.nanoTime() - closed) / 1_000_000);
    }

    private void awaitListening(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (subscribers.listening() != count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(count, subscribers.listening(), "subscriptions connected to the feed");
    }

    private static void record(String actor) {
        String source = data("{ sources { id } }").extract().path("data.sources[0].id");
        String recorded = asEditor("mutation($a: ActionInput!) { recordAction(action: $a) { id } }", Map.of("a",
                Map.of("kind", "STATEMENT", "title", "Said while its subscriber hung up", "actorIds", List.of(actor),
                        "quotes", List.of(Map.of("text", "Words nobody will read", "speakerId", actor)),
                        "citations", List.of(Map.of("sourceId", source))))).extract().path("data.recordAction.id");
        assertTrue(recorded != null, "recorded");
    }

    /** Waits until this many slowed statements run; false if that does not come within {@link #WAIT}. */
    private boolean awaitSlowStatements(int count) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (slowStatementsRunning() != count) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private boolean onPostgresql() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    private int slowStatementsRunning() throws Exception {
        String running = onPostgresql()
                ? "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and state = 'active' and query like ?"
                : "select count(*) from information_schema.sessions where session_id <> session_id() and executing_statement like ?";
        try (Connection connection = database.getConnection(); PreparedStatement sessions = connection.prepareStatement(running)) {
            sessions.setString(1, "%" + SlowedStatements.marker() + "%");
            try (ResultSet count = sessions.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }
}
