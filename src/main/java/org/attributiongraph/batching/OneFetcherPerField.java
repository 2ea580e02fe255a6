package org.attributiongraph.batching;

import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.execution.datafetcher.DefaultDataFetcher;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/**
 * Gives SmallRye one data fetcher per operation for as long as the schema lives. For every request, SmallRye builds a
 * data loader for each batched field of the schema, whether the request asks for it or not, and each of those comes
 * with a new data fetcher that looks up its Java method by reflection again. A fetcher keeps no state of a request
 * (SmallRye shares one across all requests for every field that is not batched, and finds the API bean at each call),
 * so the first one made for an operation serves every later request. The fetcher itself is made by the services
 * SmallRye would otherwise ask (Quarkus's), in SmallRye's order.
 * <p>
 * SmallRye finds this through java.util.ServiceLoader (META-INF/services), and asks it before Quarkus's service
 * (lower priority first); the native build keeps that file and this class (application.properties,
 * {@link RegisterForReflection}).
 */
@RegisterForReflection
public class OneFetcherPerField implements DataFetcherService {

    /** Keyed by the operation itself: SmallRye's model compares fields by name, and a name recurs across types. */
    private final Map<Operation, PlugableBatchableDataFetcher<?, ?>> fetchers =
            Collections.synchronizedMap(new IdentityHashMap<>());
    private final Supplier<List<DataFetcherService>> found;
    private volatile List<DataFetcherService> makers;

    /**
     * As SmallRye makes it. The other services are found when the first fetcher is asked for, not here: SmallRye's
     * ServiceLoader is making this one, and a ServiceLoader started here would make another, which would start one.
     */
    public OneFetcherPerField() {
        this(() -> StreamSupport.stream(ServiceLoader.load(DataFetcherService.class).spliterator(), false).toList());
    }

    OneFetcherPerField(Supplier<List<DataFetcherService>> services) {
        this.found = services;
    }

    /** Before Quarkus's service (1), which would make a new fetcher at every call. */
    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableBatchableDataFetcher<?, ?> getDefaultDataFetcher(Operation operation, Type type) {
        return fetchers.computeIfAbsent(operation, key -> made(key, type));
    }

    private PlugableBatchableDataFetcher<?, ?> made(Operation operation, Type type) {
        for (DataFetcherService maker : makers()) {
            PlugableBatchableDataFetcher<?, ?> fetcher = maker.getDefaultDataFetcher(operation, type);
            if (fetcher != null) {
                return fetcher;
            }
        }
        // what SmallRye makes when no service does
        return new DefaultDataFetcher<>(operation, type);
    }

    /** The other services SmallRye knows, in its order. */
    private List<DataFetcherService> makers() {
        List<DataFetcherService> others = makers;
        if (others == null) {
            others = makers = found.get().stream().filter(service -> !(service instanceof OneFetcherPerField))
                    .sorted(Comparator.comparing(DataFetcherService::getPriority)).toList();
        }
        return others;
    }
}
