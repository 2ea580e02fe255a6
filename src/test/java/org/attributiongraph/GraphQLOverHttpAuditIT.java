package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * The GraphQL over HTTP specification's own server audits (the graphql-http package's serverAudits, pinned in
 * src/test/audit/package-lock.json) run against the packaged app with Node.js: every MUST passes, and the SHOULDs
 * that do not are exactly those docs/frontend.md lists with their reasons. Where node and npm are missing the test
 * is skipped, saying so; under CI=true it fails instead (.ci/run installs them).
 */
@QuarkusIntegrationTest
class GraphQLOverHttpAuditIT {

    private static final Path SUITE = Path.of("src/test/audit");
    private static final Path WORK = Path.of("target/graphql-http-audit");
    /** The SHOULD audits the service does not pass, each with its reason in docs/frontend.md, "GraphQL over HTTP". */
    private static final Set<String> KNOWN_SHOULD_WARNINGS = Set.of("47DE", "80D8");

    @Test
    void everyMustAuditPasses() throws Exception {
        if (!runs("node", "--version") || !runs("npm", "--version")) {
            String missing = "node and npm are not installed: the GraphQL over HTTP audit (graphql-http) cannot run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + "; .ci/run installs them");
            }
            System.out.println("SKIPPED: GraphQLOverHttpAuditIT: " + missing);
            assumeTrue(false, missing);
        }
        install();
        String url = "http://127.0.0.1:" + RestAssured.port + "/graphql";
        Process audit = new ProcessBuilder("node", "audit.mjs", url).directory(WORK.toFile()).redirectErrorStream(true).start();
        String output = new String(audit.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(audit.waitFor(5, TimeUnit.MINUTES), "the audit did not end");
        System.out.println("graphql-http server audits against " + url + ":\n" + output);
        List<String[]> results = Arrays.stream(output.split("\n")).map(line -> line.split("\t"))
                .filter(fields -> fields.length >= 3).toList();
        assertTrue(results.size() > 40, "the audit ran its audits:\n" + output);
        assertEquals(0, audit.exitValue(), "a MUST audit failed:\n" + output);
        Set<String> warned = results.stream().filter(fields -> fields[0].equals("warn")).map(fields -> fields[1])
                .collect(Collectors.toSet());
        assertEquals(KNOWN_SHOULD_WARNINGS, warned, "the SHOULD audits not passed, against those docs/frontend.md lists:\n" + output);
    }

    /** The pinned packages into target/, from the npm registry, once per lock file. */
    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "audit.mjs")) {
            Files.copy(SUITE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = WORK.resolve("node_modules/.package-lock.json");
        if (Files.exists(installed) && Files.getLastModifiedTime(installed).compareTo(
                Files.getLastModifiedTime(SUITE.resolve("package-lock.json"))) > 0) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0, "npm ci failed:\n" + output);
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException notThere) {
            return false;
        }
    }
}
