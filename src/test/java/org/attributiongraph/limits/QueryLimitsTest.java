package org.attributiongraph.limits;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import graphql.introspection.IntrospectionQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Each limit of "Running it in public" at its default: just inside it answers, just past it is refused with its code. */
@QuarkusTest
class QueryLimitsTest {

    /** The README's deepest chain query: 8 fields deep, 4,820 objects at most by the default estimate. */
    private static final String ACCUSATION_AND_ANSWERS = """
            { partyByName(name: "MSS") { name actions(role: TARGET, kind: ATTRIBUTION) { edges { node {
                title actors { name } targets { name } citations { source { publisher } excerpt }
                responses { kind title actors { name } quotes { text speaker { name } } } } } } } }""";

    @Test
    void theReadmesChainQueriesAreWithinTheLimits() {
        data(ACCUSATION_AND_ANSWERS).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }

    @Test
    void theConsolesSchemaQueryIsWithinTheLimits() {
        // the standard introspection query, as GraphiQL sends it: deep through ofType, but introspection is not counted
        data(IntrospectionQuery.INTROSPECTION_QUERY).body("data.__schema.queryType.name", equalTo("Query"));
    }

    @Test
    void aQueryDeeperThanTwelveFieldsIsRefusedWithAPointerToThread() {
        data(nestedPartOf(10)).body("data.partyByName.partOf.partOf", nullValue());
        query(nestedPartOf(11))
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_DEEP"))
                .body("errors[0].message", containsString("13 fields deep"))
                .body("errors[0].message", containsString("thread(maxDepth)"));
    }

    @Test
    void aQueryThatCouldFetchMoreThanAHundredThousandObjectsIsRefusedBeforeItRuns() {
        // 100 parties + 100 x 100 actions + 100 x 100 x 10 actors (a list without first counts as 10)
        query("{ parties(first: 100) { edges { node { actions(first: 100) { edges { node { actors { name } } } } } } } }")
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", containsString("could fetch 110100 objects"));
        // 100 + 100 x 90 + 100 x 90 x 10 = 99,100
        data("{ parties(first: 100) { edges { node { actions(first: 90) { edges { node { actors { name } } } } } } } }");
    }

    @Test
    void fragmentsThatSpreadTheNextOneTwiceAreRefusedBeforeTheyExpand() {
        // F0 spreads F1 twice, F1 spreads F2 twice ...: 2^20 fields from a document of 300 tokens
        String fragments = IntStream.range(0, 20)
                .mapToObj(i -> "fragment F" + i + " on Party { parts { ...F" + (i + 1) + " } partOf { ...F" + (i + 1) + " } }")
                .collect(Collectors.joining(" ")) + " fragment F20 on Party { name }";
        query("{ partyByName(name: \"MSS\") { ...F0 } } " + fragments)
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_COMPLEX"))
                .body("errors[0].message", equalTo("the query asks for more than 10000 fields once its fragments are spread"));
    }

    @Test
    void anIntOutsideThirtyTwoBitsIsRefusedRatherThanWrappedAround() {
        // 4294967298 would wrap around to 2
        query("{ actions(first: 4294967298) { edges { node { id } } } }")
                .body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", equalTo("argument 'first' of actions is outside the Int range, -2147483648 to 2147483647"));
        query("query($n: Int) { actions(first: $n) { edges { node { id } } } }", Map.of("n", 4294967298L))
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void moreThanThirtyAliasesAreRefused() {
        data("{ " + aliasedSources(30) + " }");
        given().contentType(ContentType.JSON).accept("application/json")
                .body(Map.of("query", "{ " + aliasedSources(31) + " }"))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("TOO_MANY_ALIASES"))
                .body("errors[0].message", equalTo("the query uses 31 aliases, more than the 30 allowed"));
    }

    @Test
    void aDocumentOfMoreThanTwoThousandTokensIsRefused() {
        String ids = " id".repeat(1994); // with "{ sources { } }": 1,999 tokens
        data("{ sources {" + ids + " } }");
        given().contentType(ContentType.JSON).accept("application/json")
                .body(Map.of("query", "{ sources {" + ids + " id id id } }"))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_LARGE"));
    }

    @Test
    void aBodyOverSixtyFourKilobytesIsRefusedWith413() {
        String padding = "x".repeat(64 * 1024);
        given().contentType(ContentType.JSON)
                .body(Map.of("query", "{ sources { id } }", "variables", Map.of("padding", padding)))
                .post("/graphql").then().statusCode(413);
    }

    @Test
    void threadDepthIsBounded() {
        String intrusion = data("{ actions(kind: INTRUSION) { edges { node { id } } } }")
                .extract().path("data.actions.edges[0].node.id");
        query("query($id: ID!) { action(id: $id) { thread(maxDepth: 51) { depth } } }", Map.of("id", intrusion))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", equalTo("maxDepth must be between 1 and 50, was 51"));
    }

    private static String nestedPartOf(int levels) {
        return "{ partyByName(name: \"MSS\") { " + "partOf { ".repeat(levels) + "name" + " }".repeat(levels) + " } }";
    }

    private static String aliasedSources(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "s" + i + ": sources { id }").collect(Collectors.joining(" "));
    }
}
