package org.attributiongraph.dataset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bundled dataset loaded into an empty database at start, under attribution-graph.seed. */
@ConfigMapping(prefix = "attribution-graph.seed")
public interface SeedConfig {

    /** Off, an empty database stays empty. A database that already holds a record is left alone either way. */
    @WithDefault("true")
    boolean enabled();

    /** The dataset file on the classpath. */
    @WithDefault("dataset/exchange-hafnium-2021.json")
    String resource();
}
