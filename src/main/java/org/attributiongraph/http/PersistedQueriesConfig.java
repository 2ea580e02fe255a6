package org.attributiongraph.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Automatic persisted queries ({@link PersistedQueries}); see docs/frontend.md, "Persisted queries". */
@ConfigMapping(prefix = "attribution-graph.persisted-queries")
public interface PersistedQueriesConfig {

    /** Whether requests may name their query by its SHA-256 hash; when off, they are told PERSISTED_QUERY_NOT_SUPPORTED. */
    @WithDefault("true")
    boolean enabled();

    /** The most memory the registered queries may take; past it, the least used are dropped. */
    @WithDefault("8M")
    MemorySize maxSize();
}
