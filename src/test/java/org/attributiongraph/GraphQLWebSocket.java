package org.attributiongraph;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A graphql-transport-ws client over the JDK's WebSocket, as a frontend's graphql-ws library speaks it: init, wait
 * for the ack, subscribe, read next/error/complete messages. It reads only while {@link #reading} is on, like a
 * client too busy to take what it is sent.
 */
public final class GraphQLWebSocket implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading = true;
    private WebSocket socket;

    /** Opens a connection to the service's GraphQL path and completes the graphql-transport-ws handshake. */
    public static GraphQLWebSocket open(URI graphql, String token) throws Exception {
        GraphQLWebSocket client = new GraphQLWebSocket();
        URI ws = URI.create(graphql.toString().replaceFirst("^http", "ws"));
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("graphql-transport-ws").connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        client.socket = builder.buildAsync(ws, client).get(10, TimeUnit.SECONDS);
        client.send(Map.of("type", "connection_init", "payload", Map.of()));
        JsonNode ack = client.next();
        if (ack == null || !"connection_ack".equals(ack.path("type").asText())) {
            throw new IllegalStateException("no connection_ack but " + ack);
        }
        return client;
    }

    public void subscribe(String id, String query, Map<String, Object> variables) throws Exception {
        send(Map.of("type", "subscribe", "id", id, "payload", Map.of("query", query, "variables", variables)));
    }

    public void complete(String id) throws Exception {
        send(Map.of("type", "complete", "id", id));
    }

    /** The next message other than a ping, or null if none comes within five seconds. */
    public JsonNode next() throws InterruptedException {
        return next(Duration.ofSeconds(5));
    }

    public JsonNode next(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode message = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null || !message.path("type").asText().matches("ping|pong")) {
                return message;
            }
        }
    }

    /** Stops taking messages off the socket, so that what the server sends piles up in the network buffers. */
    public void stopReading() {
        reading = false;
    }

    public void resumeReading() {
        reading = true;
        socket.request(1);
    }

    /** The close code the server sent, once the connection is closed. */
    public int closeCode(Duration wait) throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(Map<String, Object> message) throws Exception {
        socket.sendText(JSON.writeValueAsString(message), true).get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                messages.add(JSON.readTree(partial.toString()));
            } catch (Exception unreadable) {
                throw new IllegalStateException(unreadable);
            }
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Drops the connection without a close frame, as a client whose network or process goes away. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }
}
