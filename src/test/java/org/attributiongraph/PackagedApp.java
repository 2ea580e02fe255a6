package org.attributiongraph;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged jar run as users run it, on loopback and a free port, for tests that must stop, kill or multiply
 * the process (what @QuarkusIntegrationTest cannot). It trusts the test key pair, so Tokens work against it.
 */
public final class PackagedApp {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The one HTTP client of the system tests: each request sets its own timeout. */
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar without waiting for it: several can start at once. */
    static PackagedApp launch(Path workDir, String... settings) throws IOException {
        return launch(false, workDir, settings);
    }

    /**
     * Starts the jar on its default, embedded database even where the environment configures another (.ci/run's
     * PostgreSQL stage sets QUARKUS_DATASOURCE_* for every app the tests start).
     */
    static PackagedApp launchEmbedded(Path workDir, String... settings) throws IOException {
        return launch(true, workDir, settings);
    }

    private static PackagedApp launch(boolean embedded, Path workDir, String... settings) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dattribution-graph.data-dir=" + workDir.toAbsolutePath(),
                "-Dmp.jwt.verify.publickey.location=" + Path.of("src/test/resources/jwt/public-key.pem").toAbsolutePath(),
                "-Dmp.jwt.verify.issuer=" + Tokens.ISSUER));
        for (String setting : settings) {
            command.add("-D" + setting);
        }
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = workDir.resolve("app-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (embedded) {
            builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE_"));
        }
        Process process = builder.start();
        return new PackagedApp(process, port, log);
    }

    public static PackagedApp start(Path workDir, String... settings) throws IOException, InterruptedException {
        return launch(workDir, settings).awaitReady();
    }

    PackagedApp awaitReady() throws IOException, InterruptedException {
        // generous: on a busy machine three replicas starting together took more than 90 s
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> health = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the app did not become ready; its log:\n" + Files.readString(log));
    }

    /** Everything the app wrote to stdout and stderr. */
    Path log() {
        return log;
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Posts a GraphQL request with the token (or none) and returns the raw body. */
    String post(String token, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        return post(token, query, variables, Duration.ofSeconds(10));
    }

    /** Posts a GraphQL request, waiting up to the given time for the answer; returns the raw body. */
    String post(String token, String query, Map<String, Object> variables, Duration timeout) throws IOException, InterruptedException {
        Map<String, Object> body = variables == null ? Map.of("query", query) : Map.of("query", query, "variables", variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/graphql"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** A query over GET, as a browser or CDN sends it: the whole response, headers included. */
    HttpResponse<String> get(String query) throws IOException, InterruptedException {
        return fetch("/graphql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    /** A GET of a path of the app (a probe, a page): the whole response. */
    public HttpResponse<String> fetch(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode graphql(String token, String query, Map<String, Object> variables) throws IOException, InterruptedException {
        return JSON.readTree(post(token, query, variables));
    }

    /** SIGKILL: no shutdown hooks, no chance to flush anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** An orderly stop, as an operator's SIGTERM. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
