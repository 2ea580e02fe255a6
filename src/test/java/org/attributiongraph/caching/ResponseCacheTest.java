package org.attributiongraph.caching;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.query;
import static org.attributiongraph.GraphQL.refusedForEditor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The response cache: a repeated query costs no SQL and answers the same bytes; a write, here or on another replica,
 * is never hidden behind a cached answer; mutations and answers with errors are never kept.
 */
@QuarkusTest
@TestProfile(ResponseCacheOn.class)
class ResponseCacheTest {

    private static final long POLL_MS = ResponseCacheOn.POLL_MS;
    private static final String CHAIN = """
            query($name: String!) { partyByName(name: $name) { name actions(role: ACTOR, kind: ATTRIBUTION, first: 20) {
              edges { node { id title targets { name } responses { kind title actors { name } } } } } } }""";
    private static final String PARTY = "query($name: String!) { partyByName(name: $name) { id name country version } }";
    private static final String CREATE = "mutation($p: PartyInput!) { createParty(party: $p) { id } }";

    @Inject
    SessionFactory sessionFactory;

    @Inject
    AgroalDataSource dataSource;

    private long statements(Runnable requests) {
        long before = sessionFactory.getStatistics().getPrepareStatementCount();
        requests.run();
        return sessionFactory.getStatistics().getPrepareStatementCount() - before;
    }

    private static Response post(String query, Map<String, Object> variables, String accept) {
        return given().contentType(ContentType.JSON).accept(accept).body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).extract().response();
    }

    @Test
    void aRepeatedQueryCostsNoSqlAndAnswersTheSameBytes() {
        // the accuser of the MSS is the alliance, not any one of its members
        Map<String, Object> accuser = Map.of("name", "New cybersecurity alliance");
        Response[] answers = new Response[3];
        long first = statements(() -> answers[0] = post(CHAIN, accuser, "application/graphql-response+json"));
        long again = statements(() -> answers[1] = post(CHAIN, accuser, "application/graphql-response+json"));
        long asJson = statements(() -> answers[2] = post(CHAIN, accuser, "application/json"));
        assertTrue(first > 0, "the first answer reads the database");
        assertEquals(0, again, "statements for the repeated query");
        assertEquals(0, asJson, "statements for the repeated query, asked for as application/json");
        assertEquals(answers[0].asString(), answers[1].asString());
        assertEquals(answers[0].asString(), answers[2].asString());
        assertTrue(answers[0].asString().contains("Ministry of State Security"), answers[0].asString());
        assertEquals(answers[0].contentType(), answers[1].contentType());
        assertEquals("application/json", answers[2].contentType());
    }

    @Test
    void getAndPostAndAnyOrderOfVariablesNameOneRequest() {
        String query = "query($name: String!, $first: Int) { partyByName(name: $name) { name actions(first: $first) { totalCount } } }";
        Map<String, Object> nameFirst = new LinkedHashMap<>();
        nameFirst.put("name", "MSS");
        nameFirst.put("first", 2);
        Map<String, Object> firstFirst = new LinkedHashMap<>();
        firstFirst.put("first", 2);
        firstFirst.put("name", "MSS");
        data(query, nameFirst);
        assertEquals(0, statements(() -> data(query, firstFirst)));
        assertEquals(0, statements(() -> given().queryParam("query", query)
                .queryParam("variables", "{\"first\": 2, \"name\": \"MSS\"}").get("/graphql").then().statusCode(200)
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"))));
        // other variables are another request
        assertTrue(statements(() -> data(query, Map.of("name", "Microsoft", "first", 2))
                .body("data.partyByName.name", equalTo("Microsoft"))) > 0);
    }

    @Test
    void aMutationHereIsSeenAtOnce() {
        String name = "Cache Test Group " + UUID.randomUUID().toString().substring(0, 8);
        data(PARTY, Map.of("name", name)).body("data.partyByName", nullValue());
        Integer id = Integer.valueOf(asEditor(CREATE, Map.of("p", Map.of("name", name, "kind", "THREAT_GROUP")))
                .extract().path("data.createParty.id"));
        data(PARTY, Map.of("name", name)).body("data.partyByName.id", equalTo(String.valueOf(id)));
        asEditor("mutation($id: ID!, $p: PartyInput!) { updateParty(id: $id, party: $p) { id } }",
                Map.of("id", id, "p", Map.of("name", name, "kind", "THREAT_GROUP", "country", "CN", "version", 0)));
        data(PARTY, Map.of("name", name)).body("data.partyByName.country", equalTo("CN"));
    }

    @Test
    void aWriteOfAnotherReplicaIsSeenWithinThePollInterval() throws Exception {
        String name = "Cache Replica Group " + UUID.randomUUID().toString().substring(0, 8);
        Integer id = Integer.valueOf(asEditor(CREATE, Map.of("p", Map.of("name", name, "kind", "THREAT_GROUP")))
                .extract().path("data.createParty.id"));
        data(PARTY, Map.of("name", name)).body("data.partyByName.country", nullValue());
        // what another replica's mutation does to the shared database, without telling this replica
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("UPDATE party SET country = 'RU' WHERE id = ?");
                    Statement version = connection.createStatement()) {
                update.setLong(1, id);
                assertEquals(1, update.executeUpdate());
                version.executeUpdate("UPDATE record_version SET version = version + 1 WHERE id = 1");
            }
            connection.commit();
        }
        Supplier<String> country = () -> data(PARTY, Map.of("name", name)).extract().path("data.partyByName.country");
        long deadline = System.currentTimeMillis() + 20 * POLL_MS;
        while (!"RU".equals(country.get()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(POLL_MS / 5);
        }
        assertEquals("RU", country.get());
    }

    @Test
    void mutationsAreNeverAnsweredFromTheCache() {
        Map<String, Object> party = Map.of("p", Map.of("name", "Cache Twice " + UUID.randomUUID(), "kind", "THREAT_GROUP"));
        asEditor(CREATE, party);
        refusedForEditor("CONFLICT", CREATE, party);
    }

    @Test
    void answersWithErrorsAreNotKept() {
        String partlyWrong = """
                { ok: partyByName(name: "Microsoft") { name }
                  wrong: partyByName(name: "MSS") { actions(first: 1) { edges { node { thread(maxDepth: 1000) { depth } } } } } }""";
        query(partlyWrong).body("errors[0].extensions.code", equalTo("VALIDATION")).body("data.ok.name", equalTo("Microsoft"));
        assertTrue(statements(() -> query(partlyWrong).body("data.ok.name", equalTo("Microsoft"))) > 0);
    }
}
