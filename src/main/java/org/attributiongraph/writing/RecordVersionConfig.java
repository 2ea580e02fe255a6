package org.attributiongraph.writing;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How this replica learns of the others' writes, under attribution-graph.record-version (docs/response-cache.md). */
@ConfigMapping(prefix = "attribution-graph.record-version")
public interface RecordVersionConfig {

    /**
     * How often this replica reads the record's shared version, where its response cache or HTTP caching needs it,
     * and so how long a read here may trail a write made through another replica. Deployments that set it under its
     * earlier name, attribution-graph.response-cache.poll-interval, keep their setting.
     */
    @WithDefault("${attribution-graph.response-cache.poll-interval:1s}")
    Duration pollInterval();
}
