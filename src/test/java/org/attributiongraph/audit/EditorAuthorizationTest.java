package org.attributiongraph.audit;

import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.export;
import static org.attributiongraph.GraphQL.query;
import static org.attributiongraph.GraphQL.withToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.attributiongraph.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Reading is open; writing takes a real signed token with the editor role, and the record says who wrote. */
@QuarkusTest
class EditorAuthorizationTest {

    private static final String CREATE = "mutation($p: PartyInput!) { createParty(party: $p) { id name createdBy createdAt updatedBy } }";

    private static Map<String, Object> newParty() {
        return Map.of("p", Map.of("name", "Auth test party " + UUID.randomUUID(), "kind", "OTHER"));
    }

    @Test
    void readingNeedsNoToken() {
        data("{ partyByName(name: \"Hafnium\") { name } }").body("data.partyByName.name", equalTo("Hafnium"));
    }

    @Test
    void writingWithoutATokenIsUnauthorizedAndChangesNothing() {
        String before = export();
        query(CREATE, newParty())
                .body("errors[0].extensions.code", equalTo("UNAUTHORIZED"))
                .body("errors[0].message", equalTo("writing needs a bearer token (JWT) with the role 'editor'"));
        assertEquals(before, export());
    }

    @Test
    void aTokenWithoutTheEditorRoleIsForbidden() {
        String before = export();
        withToken(Tokens.reader("reader-1"), CREATE, newParty()).statusCode(200)
                .body("errors[0].extensions.code", equalTo("FORBIDDEN"))
                .body("errors[0].message", equalTo("'reader-1' may read but not write: the token lacks the role 'editor'"));
        assertEquals(before, export());
    }

    @Test
    void anExpiredTokenIsRejected() {
        withToken(Tokens.expiredEditor("late-editor"), CREATE, newParty()).statusCode(401);
    }

    @Test
    void aTokenSignedWithAnUntrustedKeyIsRejected() {
        String before = export();
        withToken(Tokens.strangerSignedEditor("forger"), CREATE, newParty()).statusCode(401);
        assertEquals(before, export());
    }

    @Test
    void anEditorWritesAndIsRecordedAsItsAuthor() {
        withToken(Tokens.editor("analyst-7"), CREATE, newParty()).statusCode(200)
                .body("errors", org.hamcrest.Matchers.nullValue())
                .body("data.createParty.createdBy", equalTo("analyst-7"))
                .body("data.createParty.updatedBy", equalTo("analyst-7"))
                .body("data.createParty.createdAt", notNullValue());
    }

    @Test
    void theSeedIsRecordedAsWrittenBySystem() {
        data("{ partyByName(name: \"Hafnium\") { createdBy } }").body("data.partyByName.createdBy", equalTo("system"));
    }
}
