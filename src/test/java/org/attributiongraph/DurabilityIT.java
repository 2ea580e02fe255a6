package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged app on its file database loses no acknowledged write: actions are written one by one, the process
 * is killed with SIGKILL while writes are still arriving, and after a restart every write that was answered is
 * there. Runs the real jar on loopback with a data directory of its own.
 */
class DurabilityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RECORDED_ID = Pattern.compile("\"recordAction\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"(\\d+)\"");
    private static final int WRITES_BEFORE_KILL = 40;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String token = Tokens.editor("durability-test");

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "durability-data-");
        App first = App.start(dataDir);
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        Thread writer;
        try {
            JsonNode ids = graphql(first, "{ partyByName(name: \"China\") { id } sources { id } }", null).path("data");
            String china = ids.path("partyByName").path("id").asText();
            String source = ids.path("sources").path(0).path("id").asText();
            writer = new Thread(() -> writeUntilRefused(first, china, source, acknowledged));
            writer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (acknowledged.size() < WRITES_BEFORE_KILL && System.nanoTime() < deadline && writer.isAlive()) {
                Thread.sleep(5);
            }
        } finally {
            first.kill();
        }
        writer.join(Duration.ofSeconds(30).toMillis());
        assertTrue(acknowledged.size() >= WRITES_BEFORE_KILL, "writes acknowledged before the kill: " + acknowledged.size());

        App second = App.start(dataDir);
        try {
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, String> write : acknowledged.entrySet()) {
                JsonNode action = graphql(second, "query($id: ID!) { action(id: $id) { title } }", Map.of("id", write.getKey()))
                        .path("data").path("action");
                if (!write.getValue().equals(action.path("title").asText())) {
                    lost.add(write.getKey());
                }
            }
            assertEquals(List.of(), lost, "acknowledged writes missing after the restart, of " + acknowledged.size());
            assertEquals(1, graphql(second, "{ parties(search: \"China's Ministry of State Security\") { totalCount } }", null)
                    .path("data").path("parties").path("totalCount").asInt(), "the seed was not loaded twice");
        } finally {
            second.kill();
        }
    }

    private void writeUntilRefused(App app, String actor, String source, Map<String, String> acknowledged) {
        String mutation = "mutation($a: ActionInput!) { recordAction(action: $a) { id } }";
        for (int i = 0; i < 10_000; i++) {
            String title = "Durable write " + i;
            Map<String, Object> action = Map.of("kind", "STATEMENT", "title", title, "actorIds", List.of(actor),
                    "citations", List.of(Map.of("sourceId", source)));
            try {
                String body = post(app, mutation, Map.of("a", action));
                Matcher id = RECORDED_ID.matcher(body);
                if (id.find()) {
                    acknowledged.put(id.group(1), title);
                }
            } catch (IOException | InterruptedException killed) {
                return;
            }
        }
    }

    private JsonNode graphql(App app, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        return JSON.readTree(post(app, query, variables));
    }

    private String post(App app, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        Map<String, Object> body = variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables);
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.base() + "/graphql"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The packaged jar, run as users run it, on loopback and a free port. */
    private record App(Process process, int port) {

        static App start(Path dataDir) throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Path log = dataDir.resolve("app-" + port + ".log");
            Process process = new ProcessBuilder(java,
                    "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port,
                    "-Dattribution-graph.data-dir=" + dataDir.toAbsolutePath(),
                    "-Dmp.jwt.verify.publickey.location=" + Path.of("src/test/resources/jwt/public-key.pem").toAbsolutePath(),
                    "-Dmp.jwt.verify.issuer=" + Tokens.ISSUER,
                    "-jar", "target/quarkus-app/quarkus-run.jar")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            App app = new App(process, port);
            app.awaitHealthy(log);
            return app;
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        void awaitHealthy(Path log) throws InterruptedException, IOException {
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<Void> health = client.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (health.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(200);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the app did not become healthy; its log:\n" + Files.readString(log));
        }

        /** SIGKILL: no shutdown hooks, no chance to flush anything. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
