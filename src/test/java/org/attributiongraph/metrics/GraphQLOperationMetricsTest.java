package org.attributiongraph.metrics;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.attributiongraph.caching.ResponseCacheOn;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * /q/metrics as an operator's Prometheus scrapes it: per-operation requests, latency and errors by code, the
 * response cache, the connection pool and the JVM; and a client inventing operation names cannot grow the series.
 */
@QuarkusTest
@TestProfile(ResponseCacheOn.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GraphQLOperationMetricsTest {

    private static final String REQUESTS = "graphql_requests_seconds_count";
    private static final String BUCKETS = "graphql_requests_seconds_bucket";
    private static final String ERRORS = "graphql_errors_total";

    @ConfigProperty(name = "attribution-graph.metrics.max-operation-names")
    int maxOperationNames;

    @Test
    @Order(1)
    void namedQueriesAreCountedTimedAndCached() {
        PrometheusScrape before = PrometheusScrape.now();
        Map<String, String> ran = Map.of("operation", "PartyLookup", "type", "query", "outcome", "ok");
        Map<String, String> cached = Map.of("operation", "PartyLookup", "type", "query", "outcome", "cached");
        Map<String, String> hits = Map.of("cache", "graphql-responses", "result", "hit");
        Map<String, String> misses = Map.of("cache", "graphql-responses", "result", "miss");
        String lookup = "query PartyLookup { partyByName(name: \"China\") { name } }";

        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").accept("application/json").body(Map.of("query", lookup))
                    .when().post("/graphql").then().statusCode(200).body("data.partyByName.name", equalTo("China"));
        }

        PrometheusScrape after = PrometheusScrape.now();
        assertEquals(1, after.sum(REQUESTS, ran) - before.sum(REQUESTS, ran), "the first one ran");
        assertEquals(2, after.sum(REQUESTS, cached) - before.sum(REQUESTS, cached), "the others came from the cache");
        assertEquals(2, after.sum("cache_gets_total", hits) - before.sum("cache_gets_total", hits));
        assertEquals(1, after.sum("cache_gets_total", misses) - before.sum("cache_gets_total", misses));
        assertTrue(after.sum("cache_size", Map.of("cache", "graphql-responses")) >= 1, "the answer is kept");
        assertFalse(after.of("cache_evictions_total", Map.of("cache", "graphql-responses")).isEmpty());
        // a latency histogram: cumulative buckets up to +Inf, which holds every request
        assertEquals(after.sum(REQUESTS, ran),
                after.sum(BUCKETS, Map.of("operation", "PartyLookup", "outcome", "ok", "le", "+Inf")));
        assertTrue(after.of(BUCKETS, ran).size() > 5, "several buckets");
    }

    @Test
    @Order(2)
    void errorsAreCountedByTheirCode() {
        PrometheusScrape before = PrometheusScrape.now();
        query("query NegativePage { parties(first: -1) { totalCount } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
        query("query NoSuchField { nosuchfield }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));

        PrometheusScrape after = PrometheusScrape.now();
        Map<String, String> refusedArgument = Map.of("operation", "NegativePage", "type", "query", "code", "VALIDATION");
        assertEquals(1, after.sum(ERRORS, refusedArgument) - before.sum(ERRORS, refusedArgument));
        Map<String, String> failedRequest = Map.of("operation", "NegativePage", "type", "query", "outcome", "error");
        assertEquals(1, after.sum(REQUESTS, failedRequest) - before.sum(REQUESTS, failedRequest));
        // a document that fails validation never ran: its name is not admitted as a label
        Map<String, String> invalid = Map.of("operation", "other", "type", "query", "code", "GRAPHQL_VALIDATION_FAILED");
        assertEquals(1, after.sum(ERRORS, invalid) - before.sum(ERRORS, invalid));
        assertTrue(after.of(REQUESTS, Map.of("operation", "NoSuchField")).isEmpty());
    }

    @Test
    @Order(3)
    void poolHttpAndJvmAreThere() {
        PrometheusScrape scrape = PrometheusScrape.now();
        assertFalse(scrape.of("agroal_active_count", Map.of("datasource", "default")).isEmpty(), "the connection pool");
        assertFalse(scrape.of("http_server_requests_seconds_count", Map.of("uri", "/graphql")).isEmpty(), "HTTP");
        assertFalse(scrape.of("jvm_memory_used_bytes", Map.of()).isEmpty(), "the JVM");
    }

    @Test
    @Order(4)
    void inventedOperationNamesFoldIntoOneLabel() {
        double otherBefore = PrometheusScrape.now().sum(REQUESTS, Map.of("operation", "other"));
        for (int i = 0; i < 1000; i++) {
            given().contentType("application/json").body(Map.of("query", "query Invented" + i + " { __typename }"))
                    .when().post("/graphql").then().statusCode(200).body("data.__typename", equalTo("Query"));
        }
        query("{ __typename }"); // anonymous

        PrometheusScrape after = PrometheusScrape.now();
        Set<String> operations = after.of(REQUESTS, Map.of()).stream().map(sample -> sample.labels().get("operation"))
                .collect(Collectors.toSet());
        assertTrue(operations.size() <= maxOperationNames + 1, operations.size() + " operation labels");
        assertTrue(operations.contains("PartyLookup"), "names admitted before stay");
        assertTrue(after.sum(REQUESTS, Map.of("operation", "other")) - otherBefore >= 1000 - maxOperationNames + 1,
                "the rest are counted under other");
    }
}
