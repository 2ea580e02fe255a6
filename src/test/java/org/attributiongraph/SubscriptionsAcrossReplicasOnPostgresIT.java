package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two replicas on one PostgreSQL database: an action recorded through one reaches a subscriber of the other, through
 * PostgreSQL's NOTIFY. Runs where ReplicasOnPostgresIT runs (see there), on the database that test leaves behind or
 * an empty one: the replicas load the seed into an empty database.
 */
class SubscriptionsAcrossReplicasOnPostgresIT {

    @Test
    void aWriteThroughOneReplicaReachesASubscriberOfAnother() throws Exception {
        String url = System.getProperty("postgresql.jdbc-url", "");
        assumeTrue(!url.isBlank(), "no PostgreSQL database given");
        Path workDir = Files.createTempDirectory(Path.of("target"), "live-replicas-");
        String[] database = { "quarkus.datasource.jdbc.url=" + url,
                "quarkus.datasource.username=" + System.getProperty("postgresql.username", ""),
                "quarkus.datasource.password=" + System.getProperty("postgresql.password", "") };
        PackagedApp writer = PackagedApp.launch(workDir, database);
        PackagedApp reader = PackagedApp.launch(workDir, database);
        try {
            writer.awaitReady();
            reader.awaitReady();
            String china = reader.graphql(null, "{ partyByName(name: \"China\") { id } }", null)
                    .path("data").path("partyByName").path("id").asText();
            String target = reader.graphql(null, "{ partyByName(name: \"United States\") { id } }", null)
                    .path("data").path("partyByName").path("id").asText();
            JsonNode seed = reader.graphql(null, "{ sources { id } actions(kind: ATTRIBUTION, first: 1) { edges { node { id title } } } }", null);
            String source = seed.path("data").path("sources").path(0).path("id").asText();
            JsonNode accusation = seed.path("data").path("actions").path("edges").path(0).path("node");

            try (GraphQLWebSocket subscriber = GraphQLWebSocket.open(URI.create(reader.base() + "/graphql"), null)) {
                subscriber.subscribe("china", "subscription($p: ID) { actionRecorded(party: $p) { id title "
                        + "actors { name } respondsTo { title } } }", Map.of("p", china));
                Thread.sleep(300);
                Map<String, Object> action = Map.of("kind", "DENIAL", "title", "Denial written through another replica",
                        "actorIds", List.of(china), "targetIds", List.of(target), "respondsToId", accusation.path("id").asText(),
                        "citations", List.of(Map.of("sourceId", source, "excerpt", "reported")));
                long sent = System.nanoTime();
                String id = writer.graphql(Tokens.editor("live-editor"),
                        "mutation($a: ActionInput!) { recordAction(action: $a) { id } }", Map.of("a", action))
                        .path("data").path("recordAction").path("id").asText();
                JsonNode next = subscriber.next(Duration.ofSeconds(5));
                assertNotNull(next, "nothing reached the other replica's subscriber");
                JsonNode recorded = next.path("payload").path("data").path("actionRecorded");
                assertEquals(id, recorded.path("id").asText(), next.toString());
                assertEquals(accusation.path("title").asText(), recorded.path("respondsTo").path("title").asText());
                long tookMs = (System.nanoTime() - sent) / 1_000_000;
                System.out.println("a write through one replica reached a subscriber of another in " + tookMs + " ms");
            }
        } finally {
            writer.stop();
            reader.stop();
        }
    }
}
