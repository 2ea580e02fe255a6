package org.attributiongraph.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * GraphQL over HTTP: a request that fails before execution has no data, and under application/graphql-response+json
 * it is a 400; application/json clients keep their 200. An error during execution leaves data, and a 200, to both.
 */
@QuarkusTest
class FailedRequestStatusTest {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String JSON = "application/json";

    private static final String DEEP = "{ partyByName(name: \"MSS\") { actions(first: 1) { edges { node { responses { responses {"
            + " responses { responses { responses { responses { responses { responses { title } } } } } } } } } } } } }";
    private static final String COSTLY = "{ parties(first: 100) { edges { node { actions(first: 100) { edges { node {"
            + " responses { responses { responses { title } } } } } } } } } }";

    private static ValidatableResponse post(String accept, String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).accept(accept)
                .body(Map.of("query", query, "variables", variables)).post("/graphql").then();
    }

    private static void failsBeforeExecution(String code, String query, Map<String, Object> variables) {
        post(GRAPHQL_RESPONSE, query, variables).statusCode(400).contentType(startsWith(GRAPHQL_RESPONSE))
                .body("data", nullValue()).body("errors[0].extensions.code", equalTo(code));
        post(JSON, query, variables).statusCode(200).contentType(startsWith(JSON))
                .body("data", nullValue()).body("errors[0].extensions.code", equalTo(code));
    }

    @Test
    void anUnknownFieldIs400() {
        failsBeforeExecution("GRAPHQL_VALIDATION_FAILED", "{ nope }", Map.of());
    }

    @Test
    void aVariableOfTheWrongTypeIs400() {
        String query = "query($name: String!) { partyByName(name: $name) { name } }";
        failsBeforeExecution("GRAPHQL_VALIDATION_FAILED", query, Map.of("name", Map.of("not", "a string")));
        failsBeforeExecution("GRAPHQL_VALIDATION_FAILED", query, Map.of());
    }

    @Test
    void queriesOverTheDepthOrCostLimitAre400() {
        failsBeforeExecution("QUERY_TOO_DEEP", DEEP, Map.of());
        failsBeforeExecution("QUERY_TOO_COMPLEX", COSTLY, Map.of());
    }

    @Test
    void aSyntaxErrorIs400() {
        failsBeforeExecution("GRAPHQL_PARSE_FAILED", "{ partyByName(name: \"MSS\") { name }", Map.of());
    }

    @Test
    void anErrorDuringExecutionKeepsItsDataAnd200() {
        String partly = "{ ok: partyByName(name: \"MSS\") { name } wrong: partyByName(name: \"MSS\") { actions(first: 1) {"
                + " edges { node { thread(maxDepth: 1000) { depth } } } } } }";
        for (String accept : new String[] { GRAPHQL_RESPONSE, JSON }) {
            post(accept, partly, Map.of()).statusCode(200).body("data.ok.name", equalTo("China's Ministry of State Security"))
                    .body("errors[0].extensions.code", notNullValue());
        }
    }

    @Test
    void aGetFailingValidationIs400Too() {
        given().accept(GRAPHQL_RESPONSE).queryParam("query", "{ nope }").get("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }
}
