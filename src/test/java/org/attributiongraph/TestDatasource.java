package org.attributiongraph;

import java.util.HashMap;
import java.util.Map;

/**
 * The datasource of a test that has a database of its own: the in-memory H2 database given, or PostgreSQL where a
 * system property names one (with -Dpostgresql.username and -Dpostgresql.password), as the PostgreSQL stage of
 * .ci/run does.
 */
public final class TestDatasource {

    private TestDatasource() {
    }

    /** Quarkus settings for a test profile, to add the test's own to. */
    public static Map<String, String> ownDatabase(String h2Url, String postgresqlUrlProperty) {
        Map<String, String> settings = new HashMap<>(Map.of("quarkus.datasource.jdbc.url", h2Url));
        String postgresql = System.getProperty(postgresqlUrlProperty, "");
        if (!postgresql.isBlank()) {
            settings.putAll(Map.of("quarkus.datasource.jdbc.url", postgresql,
                    "quarkus.datasource.username", System.getProperty("postgresql.username", ""),
                    "quarkus.datasource.password", System.getProperty("postgresql.password", "")));
        }
        return settings;
    }
}
