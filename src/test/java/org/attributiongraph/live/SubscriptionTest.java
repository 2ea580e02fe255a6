package org.attributiongraph.live;

import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.partyId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import org.attributiongraph.GraphQLWebSocket;
import org.attributiongraph.database.OpenSessions;
import org.hibernate.SessionFactory;

import jakarta.inject.Inject;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * actionRecorded over a real WebSocket in the graphql-transport-ws subprotocol, as Apollo Client and urql speak it
 * through the graphql-ws library. The test profile allows 3 subscriptions per connection and 4 in all.
 */
@QuarkusTest
class SubscriptionTest {

    private static final String RECORD = "mutation($a: ActionInput!) { recordAction(action: $a) { id } }";
    private static final String CHAINS = """
            subscription($party: ID, $kind: ActionKind) { actionRecorded(party: $party, kind: $kind) {
              id kind title actors { name } targets { name }
              respondsTo { title actors { name } respondsTo { title } responses { title } }
            } }""";

    /** How long a message that must come may take: generous, as a loaded CI machine is slow, never a target. */
    private static final Duration ARRIVES = Duration.ofSeconds(10);

    @Inject
    Subscribers subscribers;

    @Inject
    SessionFactory sessions;

    @TestHTTPResource("/graphql")
    URI graphql;

    private String china;
    private String unitedStates;
    private String source;
    private String accusation;

    @BeforeEach
    void knownRecord() {
        china = partyId("China");
        unitedStates = partyId("United States");
        source = data("{ sources { id } }").extract().path("data.sources[0].id");
        accusation = data("{ actions(kind: ATTRIBUTION, first: 1) { edges { node { id } } } }")
                .extract().path("data.actions.edges[0].node.id");
    }

    @Test
    void aRecordedActionArrivesWithItsChain() throws Exception {
        try (GraphQLWebSocket client = GraphQLWebSocket.open(graphql, null)) {
            int before = subscribers.listening();
            client.subscribe("china", CHAINS, Map.of("party", china));
            client.subscribe("sanctions", CHAINS, Map.of("kind", "SANCTION"));
            awaitListening(before + 2);
            String denial = record("DENIAL", "Subscription test denial", china, unitedStates);
            // from the moment the mutation has answered, that is from its commit
            long committed = System.nanoTime();
            JsonNode next = client.next(ARRIVES);
            long tookMs = (System.nanoTime() - committed) / 1_000_000;
            assertNotNull(next, "nothing arrived within " + ARRIVES);
            System.out.printf("SubscriptionTest: the denial reached its subscriber %d ms after its commit%n", tookMs);
            assertEquals("next", next.path("type").asText(), next.toString());
            assertEquals("china", next.path("id").asText());
            JsonNode action = next.path("payload").path("data").path("actionRecorded");
            assertEquals(denial, action.path("id").asText());
            assertEquals("China", action.path("actors").path(0).path("name").asText());
            JsonNode answered = action.path("respondsTo");
            assertEquals(data("query($id: ID!) { action(id: $id) { title actors { name } } }", Map.of("id", accusation))
                    .extract().path("data.action.title"), answered.path("title").asText());
            assertTrue(answered.path("actors").size() > 0 && answered.path("responses").size() > 0, next.toString());

            // neither China nor a sanction: the only message now is the sanction, on the sanctions subscription
            String sanction = record("SANCTION", "Subscription test sanction", unitedStates, partyId("MSS"));
            JsonNode second = client.next(ARRIVES);
            assertEquals("sanctions", second.path("id").asText(), "the denial is no sanction: " + second);
            assertEquals(sanction, second.path("payload").path("data").path("actionRecorded").path("id").asText());
            assertEquals(null, client.next(Duration.ofMillis(300)), "China is not in the sanction");
        }
    }

    /**
     * Each event reads below it through a session of its own, closed once its answer is complete; a query sent over
     * the socket reads through the connection's, closed once the socket has closed, however the client closes it.
     */
    @Test
    void everySessionTheSocketOpensIsClosed() throws Exception {
        String query = "query($id: ID!) { party(id: $id) { name memberOf { name } actions(first: 2) { edges { node { title } } } } }";
        for (boolean withCloseFrame : List.of(true, false)) {
            GraphQLWebSocket client = GraphQLWebSocket.open(graphql, null);
            try {
                int before = subscribers.listening();
                client.subscribe("chains", CHAINS, Map.of("party", china));
                awaitListening(before + 1);
                String denial = record("DENIAL", "Subscription test denial, read in its own session", china, unitedStates);
                JsonNode event = client.next(ARRIVES);
                assertEquals(denial, event == null ? null
                        : event.path("payload").path("data").path("actionRecorded").path("id").asText(), String.valueOf(event));
                assertEquals(0, OpenSessions.awaitNone(sessions, ARRIVES), "sessions open after the event was answered");
                client.subscribe("query", query, Map.of("id", china));
                JsonNode answer = client.next(ARRIVES);
                assertEquals("China", answer == null ? null
                        : answer.path("payload").path("data").path("party").path("name").asText(), String.valueOf(answer));
            } finally {
                if (withCloseFrame) {
                    client.close();
                } else {
                    client.abort();
                }
            }
            assertEquals(0, OpenSessions.awaitNone(sessions, ARRIVES),
                    "sessions open after the socket closed " + (withCloseFrame ? "with" : "without") + " a close frame");
        }
    }

    @Test
    void anUpdateArrivesToo() throws Exception {
        String action = record("STATEMENT", "Subscription test statement", china, unitedStates);
        try (GraphQLWebSocket client = GraphQLWebSocket.open(graphql, null)) {
            int before = subscribers.listening();
            client.subscribe("all", "subscription { actionRecorded { id title } }", Map.of());
            awaitListening(before + 1);
            Map<String, Object> input = input("STATEMENT", "Subscription test statement, corrected", china, unitedStates);
            input.put("version", 0);
            asEditor("mutation($id: ID!, $a: ActionInput!) { updateAction(id: $id, action: $a) { id } }",
                    Map.of("id", action, "a", input));
            JsonNode next = client.next(ARRIVES);
            assertEquals("Subscription test statement, corrected",
                    next.path("payload").path("data").path("actionRecorded").path("title").asText(), String.valueOf(next));
        }
    }

    @Test
    void subscriptionsOverTheLimitsAreRefusedAndClosingFreesThem() throws Exception {
        try (GraphQLWebSocket first = GraphQLWebSocket.open(graphql, null)) {
            for (int i = 1; i <= 3; i++) {
                first.subscribe("s" + i, "subscription { actionRecorded { id } }", Map.of());
            }
            first.subscribe("s4", "subscription { actionRecorded { id } }", Map.of());
            JsonNode refused = first.next();
            assertEquals("error", refused.path("type").asText(), refused.toString());
            assertEquals("s4", refused.path("id").asText());
            assertEquals("TOO_MANY_SUBSCRIPTIONS", refused.path("payload").path(0).path("extensions").path("code").asText(),
                    refused.toString());
            awaitListening(3);
            first.complete("s1");
            awaitListening(2, "s1 completed");
            first.subscribe("s5", "subscription { actionRecorded { id } }", Map.of());
            try (GraphQLWebSocket second = GraphQLWebSocket.open(graphql, null)) {
                second.subscribe("t1", "subscription { actionRecorded { id } }", Map.of());
                second.subscribe("t2", "subscription { actionRecorded { id } }", Map.of());
                JsonNode overTotal = second.next();
                assertEquals("t2", overTotal.path("id").asText(), "four are open in all: " + overTotal);
                assertEquals("TOO_MANY_SUBSCRIPTIONS", overTotal.path("payload").path(0).path("extensions").path("code").asText());
            }
        }
        // both connections closed: all their subscriptions are gone, so four fit again
        awaitListening(0, "both connections closed");
        try (GraphQLWebSocket again = GraphQLWebSocket.open(graphql, null)) {
            for (int i = 1; i <= 3; i++) {
                again.subscribe("u" + i, "subscription { actionRecorded { id } }", Map.of());
            }
            String id = record("STATEMENT", "Subscription test after closing", china, unitedStates);
            for (int i = 1; i <= 3; i++) {
                JsonNode next = again.next(ARRIVES);
                assertEquals("next", next.path("type").asText(), "closed connections still hold subscriptions: " + next);
                assertEquals(id, next.path("payload").path("data").path("actionRecorded").path("id").asText());
            }
        }
    }

    @Test
    void aSubscriptionIsHeldToTheQueryLimits() throws Exception {
        String deep = "subscription { actionRecorded { respondsTo { respondsTo { respondsTo { respondsTo { respondsTo {"
                + " respondsTo { respondsTo { respondsTo { respondsTo { respondsTo { respondsTo { respondsTo { id }"
                + " } } } } } } } } } } } } }";
        try (GraphQLWebSocket client = GraphQLWebSocket.open(graphql, null)) {
            client.subscribe("deep", deep, Map.of());
            JsonNode refused = client.next();
            assertEquals("error", refused.path("type").asText(), refused.toString());
            assertEquals("QUERY_TOO_DEEP", refused.path("payload").path(0).path("extensions").path("code").asText());
            StringBuilder aliases = new StringBuilder("subscription { actionRecorded { id");
            for (int i = 0; i < 31; i++) {
                aliases.append(" t").append(i).append(": title");
            }
            client.subscribe("aliases", aliases.append(" } }").toString(), Map.of());
            JsonNode tooMany = client.next();
            assertEquals("aliases", tooMany.path("id").asText(), tooMany.toString());
            assertEquals("TOO_MANY_ALIASES", tooMany.path("payload").path(0).path("extensions").path("code").asText());
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsDroppedWithACloseCode() throws Exception {
        // each event carries the whole seed thread's summaries thirty times over, so a few dozen fill the buffers
        StringBuilder heavy = new StringBuilder("subscription { actionRecorded { id ");
        for (int i = 0; i < 25; i++) {
            heavy.append(" a").append(i).append(": respondsTo { thread { action { title summary } } }");
        }
        heavy.append(" } }");
        try (GraphQLWebSocket client = GraphQLWebSocket.open(graphql, null)) {
            int before = subscribers.listening();
            client.subscribe("heavy", heavy.toString(), Map.of());
            awaitListening(before + 1);
            client.stopReading();
            String intrusion = data("{ actions(kind: INTRUSION, first: 1) { edges { node { id } } } }")
                    .extract().path("data.actions.edges[0].node.id");
            for (int i = 0; i < 150; i++) {
                Map<String, Object> input = input("STATEMENT", "Subscription test flood " + i, china, unitedStates);
                input.put("respondsToId", intrusion);
                asEditor(RECORD, Map.of("a", input));
            }
            client.resumeReading();
            assertEquals(Subscribers.TOO_SLOW, client.closeCode(Duration.ofSeconds(20)));
        }
    }

    /** Waits until at least this many subscriptions are connected to the feed, so that no action recorded is missed. */
    private void awaitListening(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (subscribers.listening() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(subscribers.listening() >= atLeast, "subscriptions connected: " + subscribers.listening());
    }

    /** Waits until exactly this many subscriptions are left, the others ended. */
    private void awaitListening(int exactly, String why) throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVES.toNanos();
        while (subscribers.listening() != exactly && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(exactly, subscribers.listening(), why);
    }

    private String record(String kind, String title, String actor, String target) {
        return asEditor(RECORD, Map.of("a", input(kind, title, actor, target))).extract().path("data.recordAction.id");
    }

    private Map<String, Object> input(String kind, String title, String actor, String target) {
        Map<String, Object> input = new HashMap<>(Map.of("kind", kind, "title", title, "actorIds", List.of(actor),
                "targetIds", List.of(target), "respondsToId", accusation,
                "citations", List.of(Map.of("sourceId", source, "excerpt", "reported"))));
        return input;
    }
}
