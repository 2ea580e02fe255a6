package org.attributiongraph;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A deployment closed by configuration alone: reading needs a token, one frontend may call cross-origin, and
 * introspection and the console are off. The tests of each of these share it, so the app starts once for them.
 */
public class LockedDown implements QuarkusTestProfile {

    public static final String FRONTEND = "https://frontend.example";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("attribution-graph.auth.read-requires-token", "true",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:locked-down;DB_CLOSE_DELAY=-1",
                "quarkus.http.cors.origins", FRONTEND,
                "quarkus.smallrye-graphql.field-visibility", "no-introspection",
                "quarkus.smallrye-graphql.ui.enabled", "false");
    }
}
