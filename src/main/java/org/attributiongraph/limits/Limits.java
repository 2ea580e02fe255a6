package org.attributiongraph.limits;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one request may ask of the service, so that no single request can take it down. Each limit is a property
 * under attribution-graph.limits (docs/operations.md explains them); limits that Quarkus or SmallRye GraphQL
 * already own (body size, tokens per document, introspection) are set under their own names.
 */
@ConfigMapping(prefix = "attribution-graph.limits")
public interface Limits {

    /** The largest page a connection serves; `first` above it is refused. */
    @WithDefault("100")
    int maxFirst();

    /** The deepest Action.thread(maxDepth) walk one request may ask for. */
    @WithDefault("50")
    int maxThreadDepth();

    /** How many fields deep a query may nest; the README's chain queries need 8. */
    @WithDefault("12")
    int maxDepth();

    /**
     * The most objects a query could fetch, counted before it runs: a connection may return `first` items (20
     * when omitted) for each of its parents, a plain list {@link #listSizeEstimate()} items for each of its parents.
     */
    @WithDefault("100000")
    int maxNodes();

    /** How many items a list field without `first` (actors, responses, thread ...) is counted as when costing a query. */
    @WithDefault("10")
    int listSizeEstimate();

    /**
     * The largest request body anyone but an editor may send; editors may send up to quarkus.http.limits.max-body-size,
     * for the dataset files they import.
     */
    @WithDefault("64K")
    MemorySize maxBodySize();

    /** How many aliases one request may use. */
    @WithDefault("30")
    int maxAliases();

    /** How long one request may run; fields not yet fetched when it is over fail with TIMEOUT. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * How long one database statement may run before the database cancels it, in milliseconds. Set in
     * application.properties, not here: the datasource's driver takes it from there too, and sets it once on each
     * new connection (database/DriverByUrl).
     */
    int statementTimeoutMs();
}
