package org.attributiongraph.http;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** GraphQL over HTTP as a public frontend meets it: GET and POST, media types, CORS, and errors that say their kind. */
@QuarkusTest
class HttpConventionsTest {

    private static final String MSS = "{ partyByName(name: \"MSS\") { name } }";

    @Test
    void queriesMayComeOverGet() {
        given().queryParam("query", MSS).get("/graphql").then().statusCode(200)
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }

    @Test
    void aMutationOverGetIsRefusedWith405() {
        given().queryParam("query", "mutation { createParty { id } }").get("/graphql").then().statusCode(405)
                .header("Allow", "POST")
                .body("errors[0].extensions.code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void theResponseHasTheMediaTypeTheClientAccepts() {
        given().contentType(ContentType.JSON).accept("application/graphql-response+json").body(Map.of("query", MSS))
                .post("/graphql").then().statusCode(200).contentType(startsWith("application/graphql-response+json"));
        given().contentType(ContentType.JSON).accept("application/json").body(Map.of("query", MSS))
                .post("/graphql").then().statusCode(200).contentType(startsWith("application/json"));
        given().contentType(ContentType.JSON).accept("text/html").body(Map.of("query", MSS))
                .post("/graphql").then().statusCode(406);
    }

    @Test
    void theOlderGraphQLJsonMediaTypeIsCheckedLikeTheOthers() {
        // SmallRye still answers application/graphql+json (the draft name of graphql-response+json): no way around the checks
        given().contentType(ContentType.JSON).accept("application/graphql+json").body(Map.of("query", MSS))
                .post("/graphql").then().statusCode(200).contentType(startsWith("application/graphql+json"));
        given().contentType(ContentType.JSON).accept("application/graphql+json").body(Map.of("query", "{ parties("))
                .post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
    }

    @Test
    void aQueryThatDoesNotParseIs400ForGraphQLResponseJsonAnd200ForPlainJson() {
        given().contentType(ContentType.JSON).accept("application/graphql-response+json").body(Map.of("query", "{ parties("))
                .post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
        given().contentType(ContentType.JSON).accept("application/json").body(Map.of("query", "{ parties("))
                .post("/graphql").then().statusCode(200)
                .body("errors[0].extensions.code", equalTo("GRAPHQL_PARSE_FAILED"));
    }

    @Test
    void malformedRequestsAre4xxWithACode() {
        given().contentType(ContentType.JSON).body("{\"query\": ").post("/graphql").then().statusCode(400)
                .body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
        given().contentType(ContentType.JSON).body(Map.of("query", MSS, "variables", "not an object"))
                .post("/graphql").then().statusCode(400)
                .body("errors[0].message", equalTo("variables must be a JSON object"));
        given().contentType(ContentType.TEXT).body(MSS).post("/graphql").then().statusCode(415)
                .body("errors[0].extensions.code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().queryParam("query", "{ partyByName(name: \"100%\") { name } }").urlEncodingEnabled(true)
                .get("/graphql").then().statusCode(400).body("errors[0].extensions.code", equalTo("BAD_REQUEST"));
    }

    @Test
    void aContentTypeMergedFromCopiesOfJsonIsJson() {
        // GraphiQL's fetcher in a browser sends its JSON header twice, merged into one
        byte[] body = "{\"query\": \"{ partyByName(name: \\\"MSS\\\") { name } }\"}".getBytes(StandardCharsets.UTF_8);
        given().header("Content-Type", "application/json, application/json").body(body).post("/graphql").then()
                .statusCode(200).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
        given().header("Content-Type", "application/json, text/plain").body(body).post("/graphql").then()
                .statusCode(415).body("errors[0].extensions.code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void validationErrorsCarryACodeAndSuggestNothing() {
        query("{ partyByName(name: \"MSS\") { nmae } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", not(containsString("Did you mean")));
    }

    @Test
    void aBadArgumentValueNamesNeitherParserNodesNorJavaTypes() {
        query("{ action(id: \"abc\") { id } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", equalTo("argument 'id' has a value that does not fit its type (dates are written "
                        + "YYYY-MM-DD, ids as digits, enum values as the schema lists them)"));
        query("{ actions(kind: FOO) { totalCount } }")
                .body("errors[0].message", equalTo("argument 'kind' is not a valid ActionKind"));
        query("mutation { recordAction(action: {kind: DENIAL, title: \"x\"}) { id } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", equalTo("argument 'action' is missing required fields '[citations, actorIds]'"));
        query("mutation { recordAction(action: {kind: DENIAL, title: \"x\", actorIds: [1], citations: [], colour: 1}) { id } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"))
                .body("errors[0].message", equalTo("argument 'action' contains a field not in 'ActionInput': 'colour'"));
        query("{ actions(from: \"2021-02-30\") { totalCount } }")
                .body("errors.size()", equalTo(1))
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void aVariableThatDoesNotFitItsTypeIsTheClientsMistakeNotOurs() {
        query("query($n: Int) { actions(first: $n) { totalCount } }", Map.of("n", 1.5))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", equalTo("an argument of this field has a value that does not fit its type"));
    }

    @Test
    void noOriginIsAllowedCrossOriginByDefault() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/graphql").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://elsewhere.example").contentType(ContentType.JSON).body(Map.of("query", MSS))
                .post("/graphql").then().statusCode(403);
    }

    @Test
    void theConsolesOwnRequestsAreSameOriginAndPass() {
        given().header("Origin", "http://localhost:" + RestAssured.port).contentType(ContentType.JSON)
                .body(Map.of("query", MSS)).post("/graphql").then().statusCode(200)
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }

    @Test
    void aClientsMistakeIsNotLoggedAsAnError() {
        List<LogRecord> errors = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            query("{ actions(first: 101) { totalCount } }").body("errors[0].extensions.code", equalTo("VALIDATION"));
            query("{ action(id: \"abc\") { id } }").body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), errors.stream().map(LogRecord::getMessage).toList());
    }
}
