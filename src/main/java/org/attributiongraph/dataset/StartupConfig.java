package org.attributiongraph.dataset;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the seed and the start-up import are loaded, under attribution-graph.startup. */
@ConfigMapping(prefix = "attribution-graph.startup")
public interface StartupConfig {

    /**
     * On, the load runs once the app is up, so that the health probes answer meanwhile (alive, not ready). Off, it
     * runs before the HTTP server opens.
     */
    @WithDefault("true")
    boolean loadInBackground();

    /** How long a GraphQL request that arrives during the load waits for it before it is answered 503. */
    @WithDefault("30s")
    Duration requestWait();
}
