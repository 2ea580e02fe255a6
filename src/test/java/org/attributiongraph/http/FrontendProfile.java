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
    /**
     * About 160 of the tests' queries. Not less: the store (Caffeine) admits a new entry through a window of about 1%
     * of its size, which must hold one query, or a query just registered may be dropped at once.
     */
    static final long PERSISTED_MAX_BYTES = 64 * 1024;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("attribution-graph.record-version.poll-interval", POLL_MS + "ms",
                "attribution-graph.persisted-queries.max-size", String.valueOf(PERSISTED_MAX_BYTES),
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:frontend-http;DB_CLOSE_DELAY=-1");
    }
}
