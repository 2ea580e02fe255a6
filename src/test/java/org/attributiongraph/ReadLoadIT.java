package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * A bounded load test of the packaged app on loopback: a fixed number of mixed read requests (the README's chain
 * queries, a thread, searches, pages, a GET) over 64 concurrent connections, while editors write on 4 more. Every read
 * must get exactly the answer the same query got alone before the load, so neither batching under concurrency nor
 * the writes can mix anything up; the writes touch only parties and actions of their own, which the read mix does not
 * see. Afterwards the seed part of the record is unchanged and every write is there once. The numbers go to
 * target/load-test.txt.
 */
@QuarkusIntegrationTest
class ReadLoadIT {

    private static final int CONNECTIONS = 64;
    private static final int REQUESTS_PER_CONNECTION = 150;
    private static final int WRITERS = 4;
    private static final int WRITES_PER_WRITER = 25;
    private static final Duration TIME_LIMIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The seed part of the record: its 26 parties sort before the writers' "zz" ones, and the writes are undated. */
    private static final String SNAPSHOT = """
            { parties(first: 26) { edges { node { id name kind aliases country version partOf { id } } } }
              actions(first: 100, from: "1900-01-01") { totalCount edges { node { id kind title summary occurredOn datePrecision version
                actors { id } targets { id } respondsTo { id } quotes { text speaker { id } } citations { excerpt source { id } } } } }
              sources { id publisher title url publishedOn } }""";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void mixedReadsOverSixtyFourConnectionsGetExactAnswersWhileEditorsWrite() throws Exception {
        URI graphql = URI.create("http://127.0.0.1:" + RestAssured.port + "/graphql");
        String editor = Tokens.editor("load-writer");
        String run = "zz load " + System.nanoTime();
        String source = JSON.readTree(answer(authorized(post(graphql, "mutation { createSource(source: {publisher: \"Load\", "
                + "title: \"" + run + "\"}) { id } }"), editor))).at("/data/createSource/id").asText();
        String before = answer(post(graphql, SNAPSHOT));
        String intrusion = JSON.readTree(answer(post(graphql, "{ actions(kind: INTRUSION) { edges { node { id } } } }")))
                .at("/data/actions/edges/0/node/id").asText();
        List<HttpRequest> mix = mix(graphql, intrusion);
        List<String> expected = new ArrayList<>();
        for (HttpRequest request : mix) {
            expected.add(answer(request));
        }

        int total = CONNECTIONS * REQUESTS_PER_CONNECTION;
        long[] latencyNanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService connections = Executors.newFixedThreadPool(CONNECTIONS + WRITERS);
        AtomicInteger written = new AtomicInteger();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Instant started = Instant.now();
        for (int connection = 0; connection < CONNECTIONS; connection++) {
            connections.execute(() -> {
                for (int sent = 0; sent < REQUESTS_PER_CONNECTION; sent++) {
                    int request = next.getAndIncrement();
                    int which = request % mix.size();
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = client.send(mix.get(which), HttpResponse.BodyHandlers.ofString());
                        latencyNanos[request] = System.nanoTime() - start;
                        if (response.statusCode() != 200 || !response.body().equals(expected.get(which))) {
                            failures.add("request " + which + ": " + response.statusCode() + " " + response.body());
                        }
                    } catch (Exception failed) {
                        failures.add("request " + which + ": " + failed);
                    }
                }
            });
        }
        for (int writer = 0; writer < WRITERS; writer++) {
            String writerName = run + " writer " + writer;
            connections.execute(() -> {
                for (int i = 0; i < WRITES_PER_WRITER; i++) {
                    try {
                        write(graphql, editor, writerName + " party " + i, source);
                        written.incrementAndGet();
                    } catch (Exception failed) {
                        failures.add("write " + writerName + " " + i + ": " + failed.getMessage());
                    }
                }
            });
        }
        connections.shutdown();
        boolean finished = connections.awaitTermination(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
        Duration took = Duration.between(started, Instant.now());
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        connections.shutdownNow();
        assertTrue(finished, "the load did not finish within " + TIME_LIMIT);

        String after = answer(post(graphql, SNAPSHOT));
        int partiesWritten = JSON.readTree(answer(post(graphql, "{ parties(search: \"" + run + "\") { totalCount } }")))
                .at("/data/parties/totalCount").asInt();
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        String report = """
                Read load test (ReadLoadIT) against the packaged app on loopback, %s
                requests:      %d mixed reads (%d kinds, README chain queries, a thread, searches, pages, a GET)
                connections:   %d concurrent readers
                writes:        %d of %d (a party, then an action by it) by %d concurrent editors, each found afterwards: %s
                duration:      %d ms
                throughput:    %.0f requests/s
                latency p50:   %.1f ms
                latency p99:   %.1f ms
                latency max:   %.1f ms
                failures:      %d (non-200, or an answer different from the one the query got alone, or a failed write)
                seed after:    %s
                machine:       %d cores available to the JVM; client and server share them
                load average:  %.2f before, %.2f after (1 minute; other work on the machine slows the figures above)
                """.formatted(started, total, mix.size(), CONNECTIONS, written.get(), WRITERS * WRITES_PER_WRITER, WRITERS,
                partiesWritten == written.get() ? "yes" : "NO (" + partiesWritten + " found)", took.toMillis(), total * 1000.0 / took.toMillis(),
                millis(sorted[total / 2]), millis(sorted[(int) (total * 0.99)]), millis(sorted[total - 1]), failures.size(),
                before.equals(after) ? "unchanged" : "CHANGED",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        Files.writeString(Path.of("target", "load-test.txt"), report);
        System.out.print(report);

        assertEquals(List.of(), failures.stream().limit(5).toList(), failures.size() + " of " + total + " failed");
        assertEquals(before, after, "the seed part of the record is unchanged");
        assertEquals(WRITERS * WRITES_PER_WRITER, written.get(), "every write succeeded");
        assertEquals(written.get(), partiesWritten, "every write is in the record once");
    }

    private static List<HttpRequest> mix(URI graphql, String intrusion) throws Exception {
        return List.of(
                post(graphql, """
                        { partyByName(name: "MSS") { name actions(role: TARGET, kind: ATTRIBUTION) { edges { node {
                            title occurredOn datePrecision actors { name } targets { name }
                            citations { source { publisher } excerpt }
                            responses { kind title actors { name } quotes { text speaker { name } } } } } } } }"""),
                post(graphql, """
                        { partyByName(name: "Hafnium") { name kind country actions(role: ACTOR) { edges { node {
                            kind title summary targets { name } citations { source { publisher } excerpt }
                            responses(kind: ATTRIBUTION) { title actors { name partOf { name } } } } } } } }"""),
                post(graphql, "{ action(id: " + intrusion + ") { title thread(maxDepth: 10) { depth action { kind title "
                        + "occurredOn actors { name } targets { name } quotes { text speaker { name } } } } } }"),
                post(graphql, "{ parties(search: \"china\") { totalCount edges { cursor node { name aliases kind } } } }"),
                post(graphql, "{ actions(kind: ATTRIBUTION, first: 3) { totalCount edges { node { title actors { name } } } "
                        + "pageInfo { hasNextPage endCursor } } }"),
                post(graphql, "{ parties(first: 20) { edges { node { name partOf { name } parts { name } "
                        + "actions(first: 5) { totalCount edges { node { kind } } } } } } }"),
                post(graphql, "{ sources { publisher title url publishedOn } }"),
                HttpRequest.newBuilder(URI.create(graphql + "?query=" + URLEncoder.encode(
                        "{ partyByName(name: \"United States\") { name actions(first: 4) { edges { node { title } } } } }",
                        StandardCharsets.UTF_8))).GET().build());
    }

    /** A party, then an action by it citing the load's source: two transactions an editor makes. */
    private void write(URI graphql, String editor, String partyName, String source) throws Exception {
        String party = JSON.readTree(answer(authorized(post(graphql, "mutation { createParty(party: {name: \"" + partyName
                + "\", kind: OTHER}) { id } }"), editor))).at("/data/createParty/id").asText();
        answer(authorized(post(graphql, "mutation { recordAction(action: {kind: STATEMENT, title: \"" + partyName
                + " speaks\", actorIds: [" + party + "], citations: [{sourceId: " + source + "}]}) { id } }"), editor));
    }

    private static HttpRequest authorized(HttpRequest request, String token) {
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + token).build();
    }

    private static HttpRequest post(URI graphql, String query) throws Exception {
        return HttpRequest.newBuilder(graphql).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build();
    }

    /** The body of a request that must succeed: 200 and no errors. */
    private String answer(HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertFalse(JSON.readTree(response.body()).has("errors"), response.body());
        return response.body();
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
