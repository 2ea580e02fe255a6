package org.attributiongraph.audit;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.withToken;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.attributiongraph.LockedDown;
import org.attributiongraph.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** A deployment that wants it can close reading to anyone without a valid token. */
@QuarkusTest
@TestProfile(LockedDown.class)
class ReadRequiresTokenTest {

    @Test
    void anonymousReadingIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("query", "{ sources { title } }"))
                .post("/graphql").then().statusCode(401);
    }

    @Test
    void getAnswersMayBeKeptByTheBrowserOnlyAndVaryByToken() {
        given().auth().oauth2(Tokens.reader("reader-3")).queryParam("query", "{ partyByName(name: \"MSS\") { name } }")
                .get("/graphql").then().statusCode(200)
                .header("Cache-Control", equalTo("private, max-age=0, must-revalidate"))
                .header("Vary", equalTo("Accept, Authorization"))
                .header("ETag", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anyValidTokenReads() {
        withToken(Tokens.reader("reader-2"), "{ partyByName(name: \"MSS\") { name } }", Map.of())
                .statusCode(200).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }
}
