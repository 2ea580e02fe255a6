package org.attributiongraph.caching;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The response cache on (the tests' default has it off), learning of writes behind its back every POLL_MS. */
public class ResponseCacheOn implements QuarkusTestProfile {

    static final long POLL_MS = 100;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("attribution-graph.response-cache.enabled", "true",
                "attribution-graph.record-version.poll-interval", POLL_MS + "ms");
    }
}
