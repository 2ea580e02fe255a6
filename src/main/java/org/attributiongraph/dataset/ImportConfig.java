package org.attributiongraph.dataset;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Imports, under attribution-graph.import. */
@ConfigMapping(prefix = "attribution-graph.import")
public interface ImportConfig {

    /** A dataset file (an export) imported at every start; importing is idempotent, so restarts add nothing twice. */
    Optional<Path> file();

    /**
     * Seconds an import's one transaction may take: a graph of a million actions takes minutes on two cores, beyond
     * the default 60 s transaction timeout.
     */
    @WithDefault("1800")
    int transactionTimeout();
}
