package org.attributiongraph.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Automatic persisted queries in the shapes Apollo Client's persisted-query link sends: the hash alone (POST, or GET
 * with useGETForHashedQueries), told PERSISTED_QUERY_NOT_FOUND when unknown; the retry with the text, by POST, which
 * registers it; the hash alone again, answered. The store is bounded, and a registered query meets every limit.
 */
@QuarkusTest
@TestProfile(FrontendProfile.class)
class PersistedQueriesTest {

    /** What Apollo Client sends as Accept. */
    private static final String APOLLO_ACCEPT = "application/graphql-response+json,application/json;q=0.9";

    static String sha256(String query) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, Object> extensions(String hash) {
        return Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
    }

    /** The link's first try: operationName, variables, extensions, no query. */
    private static ValidatableResponse hashOnlyPost(String hash, Map<String, Object> variables, String accept) {
        Map<String, Object> body = new HashMap<>(Map.of("variables", variables, "extensions", extensions(hash)));
        return given().contentType(ContentType.JSON).accept(accept).body(body).post("/graphql").then();
    }

    private static ValidatableResponse hashOnlyGet(String hash, String variablesJson) throws Exception {
        return given().accept(APOLLO_ACCEPT).queryParam("variables", variablesJson)
                .queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}")
                .get("/graphql").then();
    }

    /** The link's retry: the query with the same extensions. */
    private static ValidatableResponse withText(String query, String hash, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).accept(APOLLO_ACCEPT)
                .body(Map.of("query", query, "variables", variables, "extensions", extensions(hash))).post("/graphql").then();
    }

    private static void notFound(ValidatableResponse response, int status) {
        response.statusCode(status).body("data", nullValue())
                .body("errors[0].message", equalTo("PersistedQueryNotFound"))
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_FOUND"));
    }

    /** A query no other test sends, so that its hash is new to the store. */
    private static String freshQuery() {
        return "query Party" + UUID.randomUUID().toString().replace("-", "")
                + "($name: String!) {\n  partyByName(name: $name) {\n    name\n  }\n}";
    }

    @Test
    void theLinksRoundTripOverPostThenGet() throws Exception {
        String query = freshQuery();
        String hash = sha256(query);
        Map<String, Object> mss = Map.of("name", "MSS");
        notFound(hashOnlyPost(hash, mss, APOLLO_ACCEPT), 400);
        notFound(hashOnlyPost(hash, mss, "application/json"), 200);
        notFound(hashOnlyGet(hash, "{\"name\":\"MSS\"}"), 400);
        withText(query, hash, mss).statusCode(200)
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"));
        hashOnlyPost(hash, Map.of("name", "Microsoft"), APOLLO_ACCEPT).statusCode(200)
                .body("errors", nullValue()).body("data.partyByName.name", equalTo("Microsoft"));
        hashOnlyGet(hash, "{\"name\":\"Microsoft\"}").statusCode(200).header("ETag", org.hamcrest.Matchers.notNullValue())
                .body("errors", nullValue()).body("data.partyByName.name", equalTo("Microsoft"));
        // the hash in upper case is the same hash
        hashOnlyPost(hash.toUpperCase(), Map.of("name", "MSS"), APOLLO_ACCEPT).statusCode(200)
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }

    @Test
    void aGetWithTheTextRegistersItToo() throws Exception {
        String query = freshQuery();
        String hash = sha256(query);
        given().accept(APOLLO_ACCEPT).queryParam("query", query).queryParam("variables", "{\"name\":\"MSS\"}")
                .queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}")
                .get("/graphql").then().statusCode(200).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
        hashOnlyGet(hash, "{\"name\":\"MSS\"}").statusCode(200).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }

    @Test
    void aWrongHashIsRefusedAndRegistersNothing() throws Exception {
        String query = freshQuery();
        String otherHash = sha256(query + " ");
        withText(query, otherHash, Map.of("name", "MSS")).statusCode(400).body("data", nullValue())
                .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_HASH_MISMATCH"));
        notFound(hashOnlyPost(otherHash, Map.of("name", "MSS"), APOLLO_ACCEPT), 400);
        notFound(hashOnlyPost(sha256(query), Map.of("name", "MSS"), APOLLO_ACCEPT), 400);
    }

    @Test
    void anotherVersionOrShapeIsRefusedWithACode() {
        for (Object persisted : new Object[] { Map.of("version", 2, "sha256Hash", "ab"), Map.of("version", 1), "abc" }) {
            given().contentType(ContentType.JSON).body(Map.of("extensions", Map.of("persistedQuery", persisted)))
                    .post("/graphql").then().statusCode(400)
                    .body("errors[0].extensions.code", equalTo("PERSISTED_QUERY_NOT_SUPPORTED"));
        }
    }

    @Test
    void aRegisteredQueryStillMeetsEveryLimit() throws Exception {
        // deeper than the depth limit: refused when registered and when named by its hash alone
        String deep = "query Deep { partyByName(name: \"MSS\") { actions(first: 1) { edges { node { responses { responses {"
                + " responses { responses { responses { responses { responses { responses { title } } } } } } } } } } } } }";
        withText(deep, sha256(deep), Map.of()).statusCode(400).body("errors[0].extensions.code", equalTo("QUERY_TOO_DEEP"));
        hashOnlyPost(sha256(deep), Map.of(), APOLLO_ACCEPT).statusCode(400)
                .body("errors[0].extensions.code", equalTo("QUERY_TOO_DEEP"));
        // more aliases than allowed, checked by the HTTP door
        StringBuilder aliases = new StringBuilder("query Aliases {");
        for (int i = 0; i < 31; i++) {
            aliases.append(" a").append(i).append(": sources { id }");
        }
        String tooManyAliases = aliases.append(" }").toString();
        withText(tooManyAliases, sha256(tooManyAliases), Map.of()).statusCode(400)
                .body("errors[0].extensions.code", equalTo("TOO_MANY_ALIASES"));
        hashOnlyPost(sha256(tooManyAliases), Map.of(), APOLLO_ACCEPT).statusCode(400)
                .body("errors[0].extensions.code", equalTo("TOO_MANY_ALIASES"));
        // a mutation is still refused over GET
        String mutation = "mutation { deleteAction(id: 1) }";
        withText(mutation, sha256(mutation), Map.of());
        given().accept(APOLLO_ACCEPT)
                .queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + sha256(mutation) + "\"}}")
                .get("/graphql").then().statusCode(405).body("errors[0].extensions.code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void theStoreIsBounded() throws Exception {
        int queries = 300; // about 100 characters each, about 390 bytes in the store: over the profile's 64K
        String[] hashes = new String[queries];
        for (int i = 0; i < queries; i++) {
            String query = freshQuery();
            hashes[i] = sha256(query);
            withText(query, hashes[i], Map.of("name", "MSS")).statusCode(200);
        }
        int kept = 0;
        for (String hash : hashes) {
            int status = hashOnlyPost(hash, Map.of("name", "MSS"), "application/json").statusCode(200).extract()
                    .path("errors") == null ? 1 : 0;
            kept += status;
        }
        assertTrue(kept > 0, "the most recent queries are kept");
        assertTrue(kept < queries && kept * 390L <= FrontendProfile.PERSISTED_MAX_BYTES,
                kept + " of " + queries + " queries kept in a store of " + FrontendProfile.PERSISTED_MAX_BYTES + " bytes");
    }
}
