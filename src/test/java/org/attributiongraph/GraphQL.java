package org.attributiongraph;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Sends GraphQL requests to the app under test, as any HTTP client would. */
public final class GraphQL {

    private GraphQL() {
    }

    public static ValidatableResponse query(String query) {
        return query(query, Map.of());
    }

    public static ValidatableResponse query(String query, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("query", query, "variables", variables))
                .when().post("/graphql")
                .then().statusCode(200);
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
        return withToken(Tokens.editor("test-editor"), query, variables).statusCode(200)
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
}
