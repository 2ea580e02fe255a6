package org.attributiongraph.caching;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The response cache's settings, under attribution-graph.response-cache (docs/response-cache.md explains them). */
@ConfigMapping(prefix = "attribution-graph.response-cache")
public interface ResponseCacheConfig {

    /** Off, every query runs against the database. */
    @WithDefault("true")
    boolean enabled();

    /** The most all kept requests and answers may take together; the least used go first. */
    @WithDefault("64M")
    MemorySize maxSize();

    /** The most one request and its answer may take; an editor's query may carry megabytes of variables. */
    @WithDefault("1M")
    MemorySize maxEntrySize();
}
