package org.attributiongraph.tracing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One request's trace: the HTTP span, the GraphQL operation under it, a span for each data fetch and batch that
 * reaches the database with its SQL statements under it, and none for plain properties.
 */
@QuarkusTest
@TestProfile(GraphQLTracingTest.Traced.class)
class GraphQLTracingTest {

    /** Tracing on without an endpoint: the spans go to {@link InMemorySpans} only. */
    public static class Traced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(TracingSwitch.SDK_DISABLED, "false", TracingSwitch.JDBC_SPANS, "true");
        }
    }

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void aQueryIsTracedDownToItsStatements() throws InterruptedException {
        exporter.reset();
        given().contentType("application/json").header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .body(Map.of("query", "query RecentActions { actions(first: 3) { edges { node { title actors { name } } } } }"))
                .when().post("/graphql").then().statusCode(200).body("errors", equalTo(null));

        // the request joins the caller's trace; the record-version poll makes traces of its own meanwhile
        List<SpanData> spans = awaitSpans(all -> all.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER))
                .stream().filter(span -> span.getTraceId().equals(TRACE_ID)).toList();
        SpanData request = one(spans, span -> span.getKind() == SpanKind.SERVER);
        assertTrue(request.getName().contains("/graphql"), request.getName());

        SpanData operation = one(spans, span -> span.getName().equals("query RecentActions"));
        assertEquals(request.getSpanId(), operation.getParentSpanId());
        assertEquals("RecentActions", operation.getAttributes().get(AttributeKey.stringKey(GraphQLTracing.OPERATION_NAME)));

        // the fetches: one span for the root field, one for the batch of three actions' actors, none for properties
        SpanData rootField = one(spans, span -> span.getName().equals("Query.actions"));
        SpanData batch = one(spans, span -> span.getName().equals("Action.actors"));
        assertEquals(3L, batch.getAttributes().get(AttributeKey.longKey("graphql.batch.size")), "one span for the batch of 3");
        assertTrue(spans.stream().noneMatch(span -> span.getName().equals("Action.title")), "no span for a plain property");
        // like the statements below, a fetch joins the context of the thread it runs on: the operation's or the request's
        assertTrue(List.of(request.getSpanId(), operation.getSpanId()).contains(rootField.getParentSpanId()), () -> tree(spans));

        // every SQL statement is in the request's tree; which fetch it lands under depends on the worker thread
        // Quarkus runs the fetch on (docs/deployment.md), so only that it is in this trace is certain
        List<String> tree = List.of(request.getSpanId(), operation.getSpanId(), rootField.getSpanId(), batch.getSpanId());
        List<SpanData> statements = spans.stream().filter(span -> span.getKind() == SpanKind.CLIENT
                && span.getAttributes().get(AttributeKey.stringKey("db.statement")) != null).toList();
        assertTrue(statements.size() >= 2, () -> "the actions and the actors are read: " + tree(spans));
        statements.forEach(statement -> assertTrue(tree.contains(statement.getParentSpanId()), () -> tree(spans)));
        assertTrue(tree.contains(batch.getParentSpanId()), () -> tree(spans));
    }

    @Test
    void fieldsThatTheirParentsReadBroughtAreNoFetch() throws InterruptedException {
        exporter.reset();
        given().contentType("application/json").header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b8-01")
                .body(Map.of("query", "{ partyByName(name: \"MSS\") { aliases actions(role: TARGET) "
                        + "{ edges { node { title actors { name } targets { name } } } } } }"))
                .when().post("/graphql").then().statusCode(200).body("errors", equalTo(null))
                .body("data.partyByName.aliases", equalTo(List.of("MSS", "Ministry of State Security")))
                .body("data.partyByName.actions.edges.node.targets.name.flatten()", hasItem("China's Ministry of State Security"))
                .body("data.partyByName.actions.edges.node.actors.flatten()", not(empty()));

        List<SpanData> spans = awaitSpans(all -> all.stream().anyMatch(span -> span.getKind() == SpanKind.SERVER))
                .stream().filter(span -> span.getTraceId().equals(TRACE_ID)).toList();
        // the party's read brings its aliases, and the read of its actions their actors and targets
        one(spans, span -> span.getName().equals("Query.partyByName"));
        one(spans, span -> span.getName().equals("Party.actions"));
        assertTrue(spans.stream().noneMatch(span -> List.of("Party.aliases", "Action.actors", "Action.targets")
                .contains(span.getName())), () -> tree(spans));
    }

    private static String tree(List<SpanData> spans) {
        return spans.stream().map(span -> span.getName() + " " + span.getKind() + " " + span.getSpanId() + " under "
                + span.getParentSpanId() + " " + span.getStartEpochNanos() / 1000 % 100_000_000 + "-" + span.getEndEpochNanos() / 1000 % 100_000_000).toList().toString();
    }

    private static SpanData one(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), () -> "spans: " + spans.stream().map(SpanData::getName).toList());
        return found.get(0);
    }

    /** The HTTP span ends last, after the response is written: wait for it. */
    private List<SpanData> awaitSpans(Predicate<List<SpanData>> complete) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<SpanData> spans = exporter.getFinishedSpanItems();
            if (complete.test(spans)) {
                return spans;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no request span; spans: " + exporter.getFinishedSpanItems());
    }
}
