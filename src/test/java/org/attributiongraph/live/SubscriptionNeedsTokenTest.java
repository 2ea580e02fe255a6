package org.attributiongraph.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.attributiongraph.GraphQLWebSocket;
import org.attributiongraph.Tokens;
import org.attributiongraph.LockedDown;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** When reading needs a token, so does subscribing: the WebSocket handshake is refused without one. */
@QuarkusTest
@TestProfile(LockedDown.class)
class SubscriptionNeedsTokenTest {

    @TestHTTPResource("/graphql")
    URI graphql;

    @Test
    void aHandshakeWithoutATokenIsRefused() {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> GraphQLWebSocket.open(graphql, null));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException handshake
                && handshake.getResponse().statusCode() == 401, refused.toString());
        assertThrows(ExecutionException.class, () -> GraphQLWebSocket.open(graphql, Tokens.strangerSignedEditor("x")));
    }

    @Test
    void aReadersTokenSubscribes() throws Exception {
        try (GraphQLWebSocket client = GraphQLWebSocket.open(graphql, Tokens.reader("reader-live"))) {
            client.subscribe("all", "subscription { actionRecorded { id } }", Map.of());
            client.subscribe("deep", "subscription { actionRecorded { respondsTo { respondsTo { respondsTo { respondsTo {"
                    + " respondsTo { respondsTo { respondsTo { respondsTo { respondsTo { respondsTo { respondsTo {"
                    + " respondsTo { id } } } } } } } } } } } } } }", Map.of());
            JsonNode refused = client.next(Duration.ofSeconds(5));
            assertEquals("deep", refused.path("id").asText(), "an authenticated subscription is checked as any: " + refused);
        }
    }
}
