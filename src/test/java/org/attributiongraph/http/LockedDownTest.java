package org.attributiongraph.http;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.withToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.attributiongraph.LockedDown;
import org.attributiongraph.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A deployment that lets one frontend in, and turns introspection and the console off, by configuration alone. */
@QuarkusTest
@TestProfile(LockedDown.class)
class LockedDownTest {

    @Test
    void theConfiguredFrontendMayCallCrossOriginAndNoOtherOrigin() {
        given().header("Origin", LockedDown.FRONTEND).header("Access-Control-Request-Method", "POST")
                .options("/graphql").then().header("Access-Control-Allow-Origin", LockedDown.FRONTEND);
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then().header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void introspectionIsOffAndQueriesStillAnswer() {
        String reader = Tokens.reader("locked-down");
        withToken(reader, "{ __schema { types { name } } }", Map.of())
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        withToken(reader, "{ partyByName(name: \"MSS\") { name } }", Map.of()).statusCode(200)
                .body("errors", nullValue()).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }

    @Test
    void theConsoleIsOff() {
        given().get("/q/graphql-ui/").then().statusCode(404);
    }
}
