package org.attributiongraph.http;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A deployment that lets one frontend in, and turns introspection and the console off, by configuration alone. */
@QuarkusTest
@TestProfile(LockedDownTest.LockedDown.class)
class LockedDownTest {

    public static class LockedDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", "https://frontend.example",
                    "quarkus.smallrye-graphql.field-visibility", "no-introspection",
                    "quarkus.smallrye-graphql.ui.enabled", "false");
        }
    }

    @Test
    void theConfiguredFrontendMayCallCrossOriginAndNoOtherOrigin() {
        given().header("Origin", "https://frontend.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then().header("Access-Control-Allow-Origin", "https://frontend.example");
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void introspectionIsOffAndQueriesStillAnswer() {
        query("{ __schema { types { name } } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        data("{ partyByName(name: \"MSS\") { name } }")
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }

    @Test
    void theConsoleIsOff() {
        given().get("/q/graphql-ui/").then().statusCode(404);
    }
}
