package org.attributiongraph.scale;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs the app on its own in-memory database, without the seed, so a generated graph can be loaded into it
 * while the suites over the bundled seed keep theirs. One profile per size: each gets a fresh database.
 */
public abstract class GeneratedGraphProfile implements QuarkusTestProfile {

    private final String database;

    GeneratedGraphProfile(String database) {
        this.database = database;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                "attribution-graph.seed.enabled", "false");
    }

    public static class Small extends GeneratedGraphProfile {
        public Small() {
            super("generated-small");
        }
    }

    public static class Large extends GeneratedGraphProfile {
        public Large() {
            super("generated-large");
        }
    }

    /** For tests that import more than one graph. */
    public static class Imports extends GeneratedGraphProfile {
        public Imports() {
            super("generated-imports");
        }
    }
}
