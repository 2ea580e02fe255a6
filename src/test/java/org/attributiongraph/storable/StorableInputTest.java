package org.attributiongraph.storable;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.query;
import static org.attributiongraph.GraphQL.refusedUnchanged;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Text no database can store (NUL, unpaired surrogates) is refused as VALIDATION wherever it comes in, before any
 * SQL statement runs; on H2, where NUL could be stored, as on PostgreSQL, where it could not. Dates beyond what
 * PostgreSQL stores are refused in writes and clamped in filters.
 */
@QuarkusTest
class StorableInputTest {

    private static final String VALIDATION = "VALIDATION";

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aLiteralArgumentWithNulIsRefusedWithoutTouchingTheDatabase() {
        refusedWithoutSql(() -> query("{ partyByName(name: \"a\\u0000b\") { id } }"))
                .body("errors[0].message", containsString("argument 'name'"))
                .body("errors[0].message", containsString("U+0000"))
                .body("errors[0].message", containsString("position 2"))
                .body("data", nullValue());
        refusedWithoutSql(() -> query("{ parties(search: \"\\u0000\") { totalCount } }"));
    }

    @Test
    void aVariableWithNulIsRefused() {
        refusedWithoutSql(() -> query("query($n: String!) { partyByName(name: $n) { id } }", Map.of("n", "a\u0000b")))
                .body("errors[0].message", containsString("variable $n"));
        refusedWithoutSql(() -> query("query($s: String) { parties(search: $s) { totalCount } }", Map.of("s", "\u0000")));
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsAccepted() {
        // graphql-java's parser refuses them in a literal already; in a variable's JSON escape only this check does
        refusedWithoutSql(() -> given().contentType(ContentType.JSON)
                .body("{\"query\": \"query($s: String) { parties(search: $s) { totalCount } }\", \"variables\": {\"s\": \"x\\ud800\"}}")
                .post("/graphql").then().statusCode(400))
                .body("errors[0].message", containsString("unpaired surrogate (U+D800) at position 2"));
        data("{ parties(search: \"\\ud83d\\ude00\") { totalCount } }").body("data.parties.totalCount", equalTo(0));
    }

    @Test
    void nestedInputObjectsAreCheckedInLiteralsAndVariables() {
        refusedUnchanged(VALIDATION, "argument 'party', field 'aliases'",
                "mutation { createParty(party: {name: \"Nul group\", kind: THREAT_GROUP, aliases: [\"ok\", \"n\\u0000l\"]}) { id } }",
                Map.of());
        refusedUnchanged(VALIDATION, "variable $p, field 'name'",
                "mutation($p: PartyInput!) { createParty(party: $p) { id } }",
                Map.of("p", Map.of("name", "Nul\u0000group", "kind", "THREAT_GROUP", "aliases", List.of())));
    }

    @Test
    void aDatasetImportWithNulIsRefusedNamingTheRecord() {
        String file = """
                {"format": "attribution-graph-dataset", "version": 1, "sources": [],
                 "parties": [{"name": "Nul\\u0000group", "kind": "THREAT_GROUP", "aliases": []}], "actions": []}""";
        refusedUnchanged(VALIDATION, "parties[0].name: the text holds the NUL character (U+0000) at position 4",
                "mutation($d: String!) { importDataset(document: $d) { partiesAdded } }", Map.of("d", file));
    }

    private ValidatableResponse refusedWithoutSql(java.util.function.Supplier<ValidatableResponse> request) {
        sessionFactory.getStatistics().clear();
        ValidatableResponse response = request.get().body("errors[0].extensions.code", equalTo(VALIDATION));
        assertEquals(0, sessionFactory.getStatistics().getPrepareStatementCount(), "SQL statements run for a refused request");
        return response;
    }

    @Test
    void theRuleItself() {
        assertTrue(StorableText.problem("plain text, accents é, emoji \ud83d\ude00, tab\t").isEmpty());
        assertEquals("holds the NUL character (U+0000) at position 1", StorableText.problem("\u0000").orElseThrow());
        assertEquals("holds an unpaired surrogate (U+DE00) at position 1", StorableText.problem("\ude00\ud83d").orElseThrow());
        assertEquals("holds an unpaired surrogate (U+D83D) at position 2", StorableText.problem("a\ud83d").orElseThrow());
    }

    @Test
    void datesBeyondWhatPostgresqlStoresAreRefusedInWritesAndClampedInFilters() {
        data("{ actions(from: \"+999999999-12-31\") { totalCount } }").body("data.actions.totalCount", equalTo(0));
        data("{ actions(to: \"-999999999-01-01\") { totalCount } }").body("data.actions.totalCount", equalTo(0));
        data("{ actions(from: \"-999999999-01-01\", to: \"+999999999-12-31\") { totalCount } }")
                .body("data.actions.totalCount", equalTo(data("{ actions(from: \"0001-01-01\", to: \"9999-12-31\") { totalCount } }")
                        .extract().path("data.actions.totalCount")));
        String china = data("{ partyByName(name: \"China\") { id } }").extract().path("data.partyByName.id");
        String source = data("{ sources { id } }").extract().path("data.sources[0].id");
        refusedUnchanged(VALIDATION, "occurredOn must be a date from 4713 BC",
                "mutation($a: ActionInput!) { recordAction(action: $a) { id } }",
                Map.of("a", Map.of("kind", "STATEMENT", "title", "Far future", "occurredOn", "+9999999-01-01",
                        "actorIds", List.of(china), "citations", List.of(Map.of("sourceId", source)))));
    }

    @Test
    void anExplicitNullMaxDepthIsTheDefault() {
        data("{ actions(first: 1) { edges { node { thread(maxDepth: null) { depth } } } } }")
                .body("data.actions.edges[0].node.thread", equalTo(data("{ actions(first: 1) { edges { node { thread { depth } } } } }")
                        .extract().path("data.actions.edges[0].node.thread")));
    }
}
