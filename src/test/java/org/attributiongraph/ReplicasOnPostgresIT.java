package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Stateless replicas on one PostgreSQL database, as behind a load balancer: started together on an empty database
 * they load the seed once, and what one writes the others read. Runs where a database is given
 * (-Dpostgresql.jdbc-url, -Dpostgresql.username, -Dpostgresql.password), with the one build that also runs on H2;
 * .ci/run gives one where it can install PostgreSQL. It empties the
 * database's public schema first.
 */
class ReplicasOnPostgresIT {

    private static final int REPLICAS = 3;

    @Test
    void replicasStartedTogetherShareOneRecord() throws Exception {
        String url = System.getProperty("postgresql.jdbc-url", "");
        String user = System.getProperty("postgresql.username", "");
        String password = System.getProperty("postgresql.password", "");
        assumeTrue(!url.isBlank(), "no PostgreSQL database given");
        try (Connection connection = DriverManager.getConnection(url, user, password); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA public CASCADE");
            sql.execute("CREATE SCHEMA public");
        }

        Path workDir = Files.createTempDirectory(Path.of("target"), "replicas-");
        List<PackagedApp> replicas = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            replicas.add(PackagedApp.launch(workDir, "quarkus.datasource.jdbc.url=" + url,
                    "quarkus.datasource.username=" + user, "quarkus.datasource.password=" + password));
        }
        try {
            for (PackagedApp replica : replicas) {
                replica.awaitReady();
            }
            for (PackagedApp replica : replicas) {
                JsonNode counts = replica.graphql(null, "{ actions { totalCount } parties(search: \"Hafnium\") { totalCount } }", null)
                        .path("data");
                assertEquals(15, counts.path("actions").path("totalCount").asInt(), "the seed (15 actions), loaded once");
                assertEquals(1, counts.path("parties").path("totalCount").asInt());
            }

            String editor = Tokens.editor("replica-editor");
            String id = replicas.get(0).graphql(editor, "mutation { createParty(party: {name: \"Replica test group\", "
                    + "kind: THREAT_GROUP, aliases: [\"RTG\"]}) { id } }", null).path("data").path("createParty").path("id").asText();
            assertEquals("Replica test group", replicas.get(1).graphql(null, "{ partyByName(name: \"rtg\") { name } }", null)
                    .path("data").path("partyByName").path("name").asText(), "a write on one replica is read on another");

            String update = "mutation($id: ID!, $c: String) { updateParty(id: $id, party: {name: \"Replica test group\", "
                    + "kind: THREAT_GROUP, country: $c, version: 0}) { version } }";
            // replicas 0 and 2 keep the answer in their response caches; the update through replica 1 must reach them
            String country = "{ partyByName(name: \"Replica test group\") { country } }";
            for (PackagedApp replica : replicas) {
                assertTrue(replica.graphql(null, country, null).path("data").path("partyByName").path("country").isNull());
            }
            assertEquals(1, replicas.get(1).graphql(editor, update, Map.of("id", id, "c", "RU"))
                    .path("data").path("updateParty").path("version").asInt());
            JsonNode written = replicas.get(1).graphql(null, country, null);
            assertEquals("RU", written.path("data").path("partyByName").path("country").asText(),
                    "the replica that wrote reads its write at once: " + written);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (int other : new int[] { 0, 2 }) {
                String seen;
                while (!(seen = replicas.get(other).graphql(null, country, null).path("data").path("partyByName")
                        .path("country").asText()).equals("RU") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertEquals("RU", seen, "replica " + other + " still answers from its cache after the poll interval");
            }
            // HTTP caches: once each replica has read the record's version in the database (every poll-interval; an
            // answer read straight from the database can come sooner), every replica tags the same answer alike
            Set<String> tags = new HashSet<>();
            long tagDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                if (!tags.isEmpty()) {
                    Thread.sleep(100);
                }
                tags.clear();
                for (PackagedApp replica : replicas) {
                    tags.add(replica.get(country).headers().firstValue("ETag").orElse("no tag"));
                }
            } while (tags.size() > 1 && System.nanoTime() < tagDeadline);
            assertEquals(1, tags.size(), "one ETag for one answer on every replica after the poll interval: " + tags);
            assertEquals("CONFLICT", replicas.get(2).graphql(editor, update, Map.of("id", id, "c", "KP"))
                    .path("errors").path(0).path("extensions").path("code").asText(), "a stale update through another replica");

            JsonNode thread = replicas.get(2).graphql(null, "{ actions(kind: INTRUSION) { edges { node { thread { depth } } } } "
                    + "parties(first: 5) { edges { node { actions(first: 2) { totalCount edges { node { id } } } } } } }", null);
            // the intrusion's tree: Microsoft's naming, the investigators' link, the Western sources' assessment, the
            // alliance's accusation with China's denial and counter-accusation, the UK Foreign Office's and Biden's words
            assertEquals(8, thread.path("data").path("actions").path("edges").path(0).path("node").path("thread").size(),
                    "the recursive thread query on PostgreSQL: " + thread);
            assertTrue(thread.path("errors").isMissingNode(), "per-party pages on PostgreSQL: " + thread);
        } finally {
            for (PackagedApp replica : replicas) {
                replica.stop();
            }
        }
    }
}
