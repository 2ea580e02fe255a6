package org.attributiongraph.http;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.asEditor;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Queries over GET as browsers and CDNs keep them: an ETag that changes when the record changes (here or through
 * another replica) and only then, a Cache-Control that lets them keep and revalidate the answer, 304 without
 * running the query for the current tag, never a tag on an answer with errors.
 */
@QuarkusTest
@TestProfile(FrontendProfile.class)
class HttpCachingTest {

    private static final String PARTY = "query($name: String!) { partyByName(name: $name) { name country } }";
    private static final String CREATE = "mutation($p: PartyInput!) { createParty(party: $p) { id } }";
    private static final String JSON = "application/json";
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

    @Inject
    SessionFactory sessionFactory;

    @Inject
    AgroalDataSource dataSource;

    private static Response get(String query, String variables, String accept, String ifNoneMatch) {
        var request = given().accept(accept).queryParam("query", query);
        if (variables != null) {
            request.queryParam("variables", variables);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request.get("/graphql").then().extract().response();
    }

    private static Response getParty(String name, String ifNoneMatch) {
        return get(PARTY, "{\"name\": \"" + name + "\"}", GRAPHQL_RESPONSE, ifNoneMatch);
    }

    private long statements(Runnable requests) {
        long before = sessionFactory.getStatistics().getPrepareStatementCount();
        requests.run();
        return sessionFactory.getStatistics().getPrepareStatementCount() - before;
    }

    @Test
    void aGetQueryCarriesATagAndMayBeKeptAndRevalidated() {
        Response first = getParty("MSS", null);
        first.then().statusCode(200).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
        String tag = first.header("ETag");
        assertTrue(tag != null && tag.matches("W/\"\\d+-[A-Za-z0-9_-]+\""), "a weak tag naming the version: " + tag);
        assertEquals("public, max-age=0, must-revalidate", first.header("Cache-Control"));
        assertEquals("Accept", first.header("Vary"));
        assertEquals(tag, getParty("MSS", null).header("ETag"), "the same request, the same record: the same tag");
    }

    @Test
    void theCurrentTagIsAnswered304WithoutRunningTheQuery() {
        String tag = getParty("Microsoft", null).header("ETag");
        Response[] revalidated = new Response[1];
        long sql = statements(() -> revalidated[0] = getParty("Microsoft", tag));
        assertEquals(0, sql, "SQL statements for a revalidation");
        revalidated[0].then().statusCode(304).body(emptyString());
        assertEquals(tag, revalidated[0].header("ETag"));
        assertEquals("public, max-age=0, must-revalidate", revalidated[0].header("Cache-Control"));
        // a list of tags, as caches send, and the strong form of the weak tag, compare the same
        getParty("Microsoft", "W/\"0-old\", " + tag.substring(2)).then().statusCode(304);
        // a stale tag gets the answer, and the current tag
        Response stale = getParty("Microsoft", "W/\"0-old\"");
        stale.then().statusCode(200).body("data.partyByName.name", equalTo("Microsoft"));
        assertEquals(tag, stale.header("ETag"));
    }

    @Test
    void whatChangesTheAnswerChangesTheTag() {
        String party = getParty("MSS", null).header("ETag");
        assertNotEquals(party, getParty("Microsoft", null).header("ETag"), "other variables");
        assertNotEquals(party, get(PARTY, "{\"name\": \"MSS\"}", JSON, null).header("ETag"), "another media type");
        assertNotEquals(party, get("query($name: String!) { partyByName(name: $name) { name } }", "{\"name\": \"MSS\"}",
                GRAPHQL_RESPONSE, null).header("ETag"), "another query");
        // the order of variables and whitespace between them do not change the request
        String query = "query($name: String!, $first: Int) { partyByName(name: $name) { actions(first: $first) { totalCount } } }";
        assertEquals(get(query, "{\"name\": \"MSS\", \"first\": 2}", JSON, null).header("ETag"),
                get(query, "{ \"first\": 2,\"name\":\"MSS\" }", JSON, null).header("ETag"));
    }

    @Test
    void aWriteHereChangesTheTag() {
        String name = "Tag Group " + UUID.randomUUID().toString().substring(0, 8);
        Response before = getParty(name, null);
        before.then().statusCode(200).body("data.partyByName", equalTo(null));
        asEditor(CREATE, Map.of("p", Map.of("name", name, "kind", "THREAT_GROUP")));
        Response after = getParty(name, before.header("ETag"));
        after.then().statusCode(200).body("data.partyByName.name", equalTo(name));
        assertNotEquals(before.header("ETag"), after.header("ETag"));
    }

    @Test
    void aWriteThroughAnotherReplicaChangesTheTagWithinThePollInterval() throws Exception {
        String tag = getParty("Microsoft", null).header("ETag");
        long version = Long.parseLong(tag.substring(3, tag.indexOf('-')));
        // what another replica's write does to the shared database, without telling this one
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE record_version SET version = version + 1 WHERE id = 1");
        }
        long deadline = System.currentTimeMillis() + 50 * FrontendProfile.POLL_MS;
        Response again = getParty("Microsoft", tag);
        while (again.statusCode() == 304 && System.currentTimeMillis() < deadline) {
            Thread.sleep(FrontendProfile.POLL_MS / 5);
            again = getParty("Microsoft", tag);
        }
        again.then().statusCode(200).header("ETag", notNullValue());
        String newTag = again.header("ETag");
        assertTrue(Long.parseLong(newTag.substring(3, newTag.indexOf('-'))) > version, newTag);
        assertEquals(tag.substring(tag.indexOf('-')), newTag.substring(newTag.indexOf('-')),
                "only the version part changes: replicas at one version tag alike");
    }

    @Test
    void answersWithErrorsAreNeverCacheable() {
        Response partly = get("{ ok: partyByName(name: \"MSS\") { name } wrong: partyByName(name: \"MSS\") { actions(first: 1) {"
                + " edges { node { thread(maxDepth: 1000) { depth } } } } } }", null, JSON, null);
        partly.then().statusCode(200).body("data.ok.name", equalTo("China's Ministry of State Security"))
                .body("errors[0].extensions.code", notNullValue());
        assertNull(partly.header("ETag"));
        assertEquals("no-store", partly.header("Cache-Control"));
        Response invalid = get("{ nope }", null, GRAPHQL_RESPONSE, null);
        invalid.then().statusCode(400);
        assertNull(invalid.header("ETag"));
        assertEquals("no-store", invalid.header("Cache-Control"));
    }

    @Test
    void postsAreNotTagged() {
        Response post = given().contentType(ContentType.JSON).body(Map.of("query", "{ sources { title } }"))
                .post("/graphql").then().statusCode(200).extract().response();
        assertNull(post.header("ETag"));
        assertNull(post.header("Cache-Control"));
    }
}
