package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * What an operator deploys, checked against what ./mvnw package produced: the JVM Dockerfile's files exist and its
 * entrypoint, run exactly as written, starts the app (with JSON logs carrying the trace id, and spans sent to an
 * OTLP endpoint); the native Dockerfile takes the binary a native build makes; the Kubernetes manifests have the
 * probes, the resources that fit the JVM's settings, the port, the Secret and both database variants.
 */
class DeploymentIT {

    private static final Path DOCKER = Path.of("src/main/docker");
    private static final Path MANIFESTS = Path.of("target/kubernetes");
    private static final Pattern INSTRUCTION = Pattern.compile("^([A-Z]+)\\s+(.*)$");
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A Dockerfile's instructions, continuation lines joined, comments dropped. */
    private static List<String[]> instructions(Path dockerfile) throws IOException {
        String joined = String.join("\n", Files.readAllLines(dockerfile).stream()
                .filter(line -> !line.startsWith("#")).toList()).replace("\\\n", " ");
        List<String[]> instructions = new ArrayList<>();
        for (String line : joined.split("\n")) {
            Matcher instruction = INSTRUCTION.matcher(line.trim());
            if (instruction.matches()) {
                instructions.add(new String[] { instruction.group(1), instruction.group(2).trim() });
            }
        }
        return instructions;
    }

    private static List<String> all(List<String[]> instructions, String keyword) {
        return instructions.stream().filter(i -> i[0].equals(keyword)).map(i -> i[1]).toList();
    }

    /** COPY's sources and destination, options left out. */
    private static List<String> copyOperands(String copy) {
        return Stream.of(copy.split("\\s+")).filter(word -> !word.startsWith("--")).toList();
    }

    private static List<Path> matching(String source) throws IOException {
        Path parent = Path.of(source).getParent();
        var glob = FileSystems.getDefault().getPathMatcher("glob:" + source.replaceAll("/$", ""));
        try (Stream<Path> files = Files.list(parent)) {
            return files.filter(glob::matches).toList();
        }
    }

    private static Map<String, String> env(List<String[]> instructions) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : all(instructions, "ENV")) {
            Matcher pair = Pattern.compile("([A-Z_]+)=(\"[^\"]*\"|'[^']*'|\\S+)").matcher(line);
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2).replaceAll("^[\"']|[\"']$", ""));
            }
        }
        return env;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theJvmImageStartsThePackagedAppWithItsOwnOptions(@TempDir Path data) throws Exception {
        List<String[]> dockerfile = instructions(DOCKER.resolve("Dockerfile.jvm"));
        // every COPY takes something ./mvnw package made; remember where each lands
        Map<String, Path> copied = new LinkedHashMap<>();
        for (String copy : all(dockerfile, "COPY")) {
            List<String> operands = copyOperands(copy);
            String destination = operands.get(operands.size() - 1);
            for (String source : operands.subList(0, operands.size() - 1)) {
                List<Path> found = matching(source);
                assertFalse(found.isEmpty(), "COPY " + source + " has nothing to copy");
                for (Path file : found) {
                    copied.put(source.endsWith("/") ? destination : destination + file.getFileName(), file);
                }
            }
        }
        assertEquals("185", all(dockerfile, "USER").get(0), "runs as the image's non-root user");
        Map<String, String> env = env(dockerfile);
        String dataDir = env.get("ATTRIBUTION_GRAPH_DATA_DIR");
        assertTrue(all(dockerfile, "VOLUME").contains(dataDir), "the data directory is a volume");
        String healthCheck = all(dockerfile, "HEALTHCHECK").get(0);
        Matcher healthUrl = Pattern.compile("http://127\\.0\\.0\\.1:8080(/\\S+)").matcher(healthCheck);
        assertTrue(healthUrl.find(), healthCheck);

        List<String> entrypoint = new ArrayList<>();
        JSON.readTree(all(dockerfile, "ENTRYPOINT").get(0)).forEach(word -> entrypoint.add(word.asText()));
        assertEquals("java", entrypoint.get(0));
        int jar = entrypoint.indexOf("-jar") + 1;
        Path localJar = copied.get(entrypoint.get(jar));
        assertTrue(localJar != null && Files.isRegularFile(localJar), "the entrypoint's jar is one COPY brings: " + entrypoint.get(jar));

        // the entrypoint as written, with this machine's java and the jar where the image has it from
        List<String> command = new ArrayList<>(entrypoint);
        command.set(0, ProcessHandle.current().info().command().orElse("java"));
        command.set(jar, localJar.toString());
        List<byte[]> exported = new CopyOnWriteArrayList<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/", exchange -> {
            exported.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("app.log").toFile());
        builder.environment().putAll(env);
        builder.environment().putAll(Map.of("ATTRIBUTION_GRAPH_DATA_DIR", data.toAbsolutePath().toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1", "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true",
                "QUARKUS_LOG_CATEGORY__ORG_ATTRIBUTIONGRAPH__LEVEL", "DEBUG",
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms"));
        Process app = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitStatus(app, base + healthUrl.group(1), 200, data.resolve("app.log"));
            String refused = post(base, "{ parties(first: -1) { totalCount } }");
            assertTrue(refused.contains("VALIDATION"), refused);
            for (int i = 0; i < 200; i++) {
                post(base, "{ actions(first: 20) { edges { node { title actors { name } targets { name } } } } }");
            }
            long rssKiB = Files.readAllLines(Path.of("/proc/" + app.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> line.replaceAll("\\D", ""))
                    .mapToLong(Long::parseLong).findFirst().orElseThrow();
            System.out.printf("DeploymentIT: RSS of the app run with Dockerfile.jvm's options after 200 queries: %d MiB%n",
                    rssKiB / 1024);
            assertTrue(rssKiB * 1024 < parseMemory(containerLimit()), "RSS within the manifests' limit");

            // every log line is one JSON object; the request's line carries its trace id
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(data.resolve("app.log"))) {
                lines.add(JSON.readTree(line));
            }
            JsonNode refusal = lines.stream().filter(line -> line.path("message").asText().startsWith("Refused"))
                    .findFirst().orElseThrow(() -> new AssertionError("no line for the refused request: " + lines));
            assertEquals(TRACE_ID, refusal.path("mdc").path("traceId").asText(), refusal.toString());

            // and its spans went to the configured endpoint
            byte[] traceId = HexFormat.of().parseHex(TRACE_ID);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (exported.stream().noneMatch(body -> contains(body, traceId)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(exported.stream().anyMatch(body -> contains(body, traceId)), "the trace reached the OTLP endpoint");
        } finally {
            app.destroy();
            app.waitFor();
            collector.stop(0);
        }
    }

    @Test
    void withoutAnEndpointNothingIsTracedAndPlainLinesAreWritten(@TempDir Path data) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-jar", "target/quarkus-app/quarkus-run.jar").redirectErrorStream(true)
                .redirectOutput(data.resolve("app.log").toFile());
        builder.environment().putAll(Map.of("ATTRIBUTION_GRAPH_DATA_DIR", data.toAbsolutePath().toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1", "QUARKUS_HTTP_PORT", String.valueOf(port),
                "QUARKUS_LOG_CATEGORY__ORG_ATTRIBUTIONGRAPH__LEVEL", "DEBUG"));
        Process app = builder.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitStatus(app, base + "/q/health/ready", 200, data.resolve("app.log"));
            post(base, "{ parties(first: -1) { totalCount } }");
            String refusal = Files.readAllLines(data.resolve("app.log")).stream().filter(line -> line.contains("Refused"))
                    .findFirst().orElseThrow();
            assertFalse(refusal.startsWith("{"), "plain lines by default: " + refusal);
            assertTrue(refusal.contains("[]") && !refusal.contains(TRACE_ID), "no trace without an endpoint: " + refusal);
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    @Test
    void theNativeImageTakesWhatANativeBuildMakes() throws IOException {
        List<String[]> dockerfile = instructions(DOCKER.resolve("Dockerfile.native-micro"));
        List<String> copy = copyOperands(all(dockerfile, "COPY").get(0));
        // a native build names its binary <finalName>-runner in target/
        assertTrue(FileSystems.getDefault().getPathMatcher("glob:" + copy.get(0))
                .matches(Path.of("target", Path.of(System.getProperty("native.image.path")).getFileName().toString())),
                copy.get(0));
        JsonNode entrypoint = JSON.readTree(all(dockerfile, "ENTRYPOINT").get(0));
        assertEquals(copy.get(1), Path.of(all(dockerfile, "WORKDIR").get(0)).resolve(entrypoint.get(0).asText()).normalize().toString());
        assertEquals("1001", all(dockerfile, "USER").get(0));
        assertTrue(all(dockerfile, "VOLUME").contains(env(dockerfile).get("ATTRIBUTION_GRAPH_DATA_DIR")));
    }

    @Test
    void theManifestsHaveProbesResourcesSecretsAndBothVariants() throws IOException {
        YAMLMapper yaml = new YAMLMapper(new YAMLFactory());
        List<JsonNode> resources = yaml.readValues(yaml.createParser(MANIFESTS.resolve("kubernetes.yml").toFile()), JsonNode.class)
                .readAll().stream().map(JsonNode.class::cast).toList();
        JsonNode deployment = resources.stream().filter(r -> r.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
        JsonNode service = resources.stream().filter(r -> r.path("kind").asText().equals("Service")).findFirst().orElseThrow();
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertTrue(deployment.at("/spec/replicas").asInt() > 1, "PostgreSQL: stateless replicas");
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals(8080, container.at("/ports/0/containerPort").asInt());
        assertEquals(8080, service.at("/spec/ports/0/targetPort").asInt());
        // the app migrates at start: no migration Job, no init container pulling an image from elsewhere, Flyway on
        assertTrue(resources.stream().noneMatch(r -> r.path("kind").asText().equals("Job")), "no migration Job");
        assertTrue(deployment.at("/spec/template/spec/initContainers").isMissingNode(), "no init container");
        assertFalse(container.path("env").toString().contains("QUARKUS_FLYWAY_ACTIVE"), "Flyway left on");

        // the limit holds what Dockerfile.jvm lets the JVM take, with room to spare
        long jvmCeiling = 0;
        for (JsonNode option : JSON.readTree(all(instructions(DOCKER.resolve("Dockerfile.jvm")), "ENTRYPOINT").get(0))) {
            Matcher size = Pattern.compile("-(?:Xmx|XX:MaxMetaspaceSize=|XX:ReservedCodeCacheSize=|XX:MaxDirectMemorySize=)(\\d+[kmg])")
                    .matcher(option.asText());
            if (size.matches()) {
                jvmCeiling += parseMemory(size.group(1));
            }
        }
        long limit = parseMemory(container.at("/resources/limits/memory").asText());
        long request = parseMemory(container.at("/resources/requests/memory").asText());
        assertTrue(jvmCeiling > 0 && jvmCeiling < limit * 0.85, jvmCeiling + " of " + limit);
        assertTrue(request <= limit);
        assertEquals(limit, parseMemory(containerLimit()));

        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
        assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText().startsWith("jdbc:postgresql:"));
        for (String secret : List.of("QUARKUS_DATASOURCE_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION")) {
            JsonNode ref = env.get(secret).at("/valueFrom/secretKeyRef");
            assertEquals("attribution-graph", ref.path("name").asText(), secret + " comes from the Secret");
        }

        // the H2 overlay: one replica, the data directory of the image on a persistent volume, no PostgreSQL settings
        JsonNode kustomization = yaml.readTree(MANIFESTS.resolve("h2/kustomization.yaml").toFile());
        assertEquals("..", kustomization.at("/resources/0").asText());
        assertTrue(Files.isRegularFile(MANIFESTS.resolve("kustomization.yaml")));
        JsonNode claim = yaml.readTree(MANIFESTS.resolve("h2").resolve(kustomization.at("/resources/1").asText()).toFile());
        JsonNode patch = yaml.readTree(MANIFESTS.resolve("h2").resolve(kustomization.at("/patches/0/path").asText()).toFile());
        assertEquals(deployment.at("/metadata/name"), patch.at("/metadata/name"));
        assertEquals(1, patch.at("/spec/replicas").asInt());
        assertEquals("Recreate", patch.at("/spec/strategy/type").asText());
        JsonNode patched = patch.at("/spec/template/spec/containers/0");
        assertEquals(container.path("name"), patched.path("name"));
        assertEquals(env(instructions(DOCKER.resolve("Dockerfile.jvm"))).get("ATTRIBUTION_GRAPH_DATA_DIR"),
                patched.at("/volumeMounts/0/mountPath").asText());
        assertEquals(claim.at("/metadata/name"), patch.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName"));
        List<String> deleted = new ArrayList<>();
        ((ArrayNode) patched.path("env")).forEach(variable -> {
            if ("delete".equals(variable.path("$patch").asText())) {
                deleted.add(variable.path("name").asText());
            }
        });
        assertTrue(deleted.containsAll(List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_PASSWORD")), deleted.toString());
    }

    private static String containerLimit() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        return yaml.readValues(yaml.createParser(MANIFESTS.resolve("kubernetes.yml").toFile()), JsonNode.class).readAll()
                .stream().map(JsonNode.class::cast).filter(r -> r.path("kind").asText().equals("Deployment")).findFirst()
                .orElseThrow().at("/spec/template/spec/containers/0/resources/limits/memory").asText();
    }

    /** Kubernetes (Mi, Gi) and JVM (m, g) sizes in bytes. */
    private static long parseMemory(String size) {
        Matcher amount = Pattern.compile("(\\d+)([kKmMgG])?i?").matcher(size);
        if (!amount.matches()) {
            throw new IllegalArgumentException(size);
        }
        long unit = switch (amount.group(2) == null ? "" : amount.group(2).toLowerCase()) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(amount.group(1)) * unit;
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer: for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String post(String base, String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/graphql")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build();
        return PackagedApp.HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void awaitStatus(Process app, String url, int status, Path log) throws Exception {
        // as long as PackagedApp allows a start, twice: on a loaded machine the second start of the suite is slow
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline && app.isAlive()) {
            try {
                if (PackagedApp.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == status) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " never answered " + status + "; the log:\n" + Files.readString(log));
    }
}
