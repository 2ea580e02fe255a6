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

    /** A query that must succeed: no errors, and the data to check. */
    public static ValidatableResponse data(String query, Map<String, Object> variables) {
        return query(query, variables).body("errors", org.hamcrest.Matchers.nullValue());
    }

    public static ValidatableResponse data(String query) {
        return data(query, Map.of());
    }
}
