package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * One packaged app, either database, chosen when it starts: the embedded H2 file by default, PostgreSQL when its
 * JDBC URL is configured; Flyway migrates and Hibernate writes to whichever it is. Each half writes a party through
 * the API and finds it in that database with plain JDBC. The PostgreSQL half also has Hibernate check its mappings
 * against the tables Flyway made there, which the packaged app skips at start and the other tests do on H2 alone.
 * The PostgreSQL half runs where a database is given (-Dpostgresql.jdbc-url, -Dpostgresql.username,
 * -Dpostgresql.password), as in .ci/run; both halves then start the same jar in one run.
 */
class EitherDatabaseIT {

    private static final String CREATE = "mutation($n: String!) { createParty(party: {name: $n, kind: THREAT_GROUP}) { id } }";

    @Test
    void theEmbeddedH2FileByDefault() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "either-h2-");
        String name = "Embedded " + UUID.randomUUID();
        PackagedApp app = PackagedApp.launchEmbedded(dataDir).awaitReady();
        try {
            write(app, name);
        } finally {
            app.stop();
        }
        assertTrue(Files.exists(dataDir.resolve("attribution-graph.mv.db")), "the H2 file under the data directory");
        assertEquals(1, partiesNamed("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("attribution-graph"), "sa", "", name));
    }

    @Test
    void postgresqlByConfigurationAlone() throws Exception {
        String url = System.getProperty("postgresql.jdbc-url", "");
        String user = System.getProperty("postgresql.username", "");
        String password = System.getProperty("postgresql.password", "");
        assumeTrue(!url.isBlank(), "no PostgreSQL database given");
        Path dataDir = Files.createTempDirectory(Path.of("target"), "either-pg-");
        String name = "On PostgreSQL " + UUID.randomUUID();
        PackagedApp app = PackagedApp.start(dataDir, "quarkus.datasource.jdbc.url=" + url,
                "quarkus.datasource.username=" + user, "quarkus.datasource.password=" + password,
                "quarkus.hibernate-orm.schema-management.strategy=validate");
        try {
            write(app, name);
        } finally {
            app.stop();
        }
        assertTrue(Files.notExists(dataDir.resolve("attribution-graph.mv.db")), "no H2 file: the embedded database is not used");
        assertEquals(1, partiesNamed(url, user, password, name));
    }

    private static void write(PackagedApp app, String name) throws Exception {
        String id = app.graphql(Tokens.editor("either-database"), CREATE, java.util.Map.of("n", name))
                .path("data").path("createParty").path("id").asText();
        assertTrue(!id.isBlank(), "the party was created");
        assertTrue(app.graphql(null, "{ actions { totalCount } }", null).path("data").path("actions").path("totalCount").asInt() >= 14,
                "the seed is there");
    }

    private static int partiesNamed(String url, String user, String password, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM party WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getInt(1);
            }
        }
    }
}
