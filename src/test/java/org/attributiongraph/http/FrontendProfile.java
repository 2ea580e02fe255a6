package org.attributiongraph.http;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The HTTP door as frontends meet it in production: the record's version read often (a write of another replica
 * shows in tags soon), a small persisted-query store (so that its bound shows in a few requests). One profile for
 * the tests that need it, so that Quarkus starts once for all of them.
 */
public class FrontendProfile implements QuarkusTestProfile {

    static final long POLL_MS = 100;
    /** A few dozen of the tests' queries. */
    static final String PERSISTED_MAX_SIZE = "8K";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("attribution-graph.response-cache.poll-interval", POLL_MS + "ms",
                "attribution-graph.persisted-queries.max-size", PERSISTED_MAX_SIZE,
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:frontend-http;DB_CLOSE_DELAY=-1");
    }
}
