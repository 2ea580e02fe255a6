package org.attributiongraph;

import static io.restassured.RestAssured.given;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Sends GraphQL requests to the app under test, as any HTTP client would. */
public final class GraphQL {

    private GraphQL() {
    }

    public static ValidatableResponse query(String query) {
        return query(query, Map.of());
    }

    /** A query answered with the status the GraphQL over HTTP spec gives it (the default Accept, * / *, asks for that). */
    public static ValidatableResponse query(String query, Map<String, Object> variables) {
        return specStatus(given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then());
    }

    /**
     * Under application/graphql-response+json, an answer without data (the request failed before execution: it did
     * not validate, a variable did not fit, a limit refused it) is a 400; an answer with data, errors or not, a 200.
     */
    private static ValidatableResponse specStatus(ValidatableResponse response) {
        try {
            boolean data = new ObjectMapper().readTree(response.extract().asString()).has("data");
            return response.statusCode(data ? 200 : 400);
        } catch (JsonProcessingException notJson) {
            throw new AssertionError("the answer is not JSON: " + response.extract().asString(), notJson);
        }
    }

    /** A request carrying a bearer token, answered with whatever status the service gives. */
    public static ValidatableResponse withToken(String token, String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).auth().oauth2(token)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then();
    }

    /** A request of an editor (a token with the editor role) that must succeed. */
    public static ValidatableResponse asEditor(String query, Map<String, Object> variables) {
        return withToken(Tokens.editor("test-editor"), query, variables).statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue());
    }

    /** A request of an editor that must be refused with the given error code. */
    public static ValidatableResponse refusedForEditor(String code, String query, Map<String, Object> variables) {
        return specStatus(withToken(Tokens.editor("test-editor"), query, variables))
                .body("errors[0].extensions.code", org.hamcrest.Matchers.equalTo(code));
    }

    /** A write an editor sends that must be refused with the code and message, leaving the record as it was. */
    public static void refusedUnchanged(String code, String messagePart, String mutation, Map<String, Object> variables) {
        String before = export();
        refusedForEditor(code, mutation, variables).body("errors[0].message", org.hamcrest.Matchers.containsString(messagePart));
        org.junit.jupiter.api.Assertions.assertEquals(before, export(), "a refused write changed the record");
    }

    /** The whole record as a dataset file: two equal exports mean nothing changed in between. */
    public static String export() {
        return data("{ exportDataset }").extract().path("data.exportDataset");
    }

    /** A query that must succeed: no errors, and the data to check. */
    public static ValidatableResponse data(String query, Map<String, Object> variables) {
        return query(query, variables).body("errors", org.hamcrest.Matchers.nullValue());
    }

    public static ValidatableResponse data(String query) {
        return data(query, Map.of());
    }

    /** The id of the party of this name or alias. */
    public static String partyId(String name) {
        return data("query($n: String!) { partyByName(name: $n) { id } }", Map.of("n", name)).extract().path("data.partyByName.id");
    }
}
