package org.attributiongraph.batching;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.attributiongraph.cancellation.RequestCancellation;
import org.dataloader.BatchLoaderWithContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;

/**
 * Gives every batched field one data loader per argument set in a request, so that each alias gets exactly the
 * answer it would get alone. SmallRye keeps one loader per field and hands a batch the arguments of its first call:
 * `accused: actions(role: TARGET)` and `accusing: actions(role: ACTOR)` would both get the targets. Here each
 * argument set gets its own loader running SmallRye's batch function, so a level costs one batch per argument set,
 * whatever the number of parents.
 */
public final class LoaderPerArguments implements DataFetcher<Object> {

    /** Where a request keeps the argument sets it has met. */
    private static final String SETS = LoaderPerArguments.class.getName() + ".sets";

    private final FieldCoordinates field;
    private final DataFetcher<?> smallRyes;

    private LoaderPerArguments(FieldCoordinates field, DataFetcher<?> smallRyes) {
        this.field = field;
        this.smallRyes = smallRyes;
    }

    /** The schema with every field SmallRye batches fetched through a loader per argument set. */
    public static GraphQLSchema everyBatchedField(GraphQLSchema schema) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry.Builder changed = GraphQLCodeRegistry.newCodeRegistry(registry);
        schema.getAllTypesAsList().stream()
                .filter(type -> type instanceof GraphQLFieldsContainer && !type.getName().startsWith("__"))
                .map(GraphQLFieldsContainer.class::cast)
                .forEach(type -> {
                    for (GraphQLFieldDefinition definition : type.getFieldDefinitions()) {
                        FieldCoordinates coordinates = FieldCoordinates.coordinates(type.getName(), definition.getName());
                        DataFetcher<?> fetcher = registry.getDataFetcher(coordinates, definition);
                        if (fetcher instanceof BatchDataFetcher<?>) {
                            changed.dataFetcher(coordinates, new LoaderPerArguments(coordinates, fetcher));
                        }
                    }
                });
        return schema.transform(builder -> builder.codeRegistry(changed.build()));
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
        ArgumentSets sets = env.getGraphQlContext().computeIfAbsent(SETS, key -> new ArgumentSets());
        String suffix = sets.nameOf(field, env.getArguments());
        DataLoaderRegistry request = env.getDataLoaderRegistry();
        RequestCancellation cancellation = RequestCancellation.of(env.getGraphQlContext());
        DataLoaderRegistry oneSet = new DataLoaderRegistry() {
            @Override
            public <K, V> DataLoader<K, V> getDataLoader(String smallRyesName) {
                return request.computeIfAbsent(smallRyesName + suffix,
                        name -> copyOf(request.getDataLoader(smallRyesName), cancellation));
            }
        };
        return smallRyes.get(DataFetchingEnvironmentImpl.newDataFetchingEnvironment(env).dataLoaderRegistry(oneSet).build());
    }

    /**
     * A loader with SmallRye's batch function and no cache: within one argument set a parent is its own key, and a
     * subscription's loaders live as long as it does, so a cache would only grow. A batch is dispatched after its
     * fields were fetched: it asks the request again whether it has ended (its client left, its time ran out).
     */
    @SuppressWarnings("unchecked")
    private static DataLoader<?, ?> copyOf(DataLoader<?, ?> smallRyes, RequestCancellation cancellation) {
        BatchLoaderWithContext<Object, Object> load = (BatchLoaderWithContext<Object, Object>) smallRyes.getBatchLoadFunction();
        BatchLoaderWithContext<Object, Object> unlessEnded = cancellation == null ? load : (keys, environment) -> {
            try {
                cancellation.check();
            } catch (RuntimeException ended) {
                return CompletableFuture.failedFuture(ended);
            }
            return load.load(keys, environment);
        };
        return DataLoaderFactory.newDataLoader(unlessEnded, DataLoaderOptions.newOptions().setCachingEnabled(false).build());
    }

    /** The argument sets of one request, each field's with a name of its own. */
    private static final class ArgumentSets {
        private final ConcurrentMap<List<Object>, String> names = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        /** Equal argument maps are one set: defaults are filled in, so `actions` and `actions(role: ANY)` are one. */
        String nameOf(FieldCoordinates field, Map<String, Object> arguments) {
            return names.computeIfAbsent(List.of(field, arguments), set -> "#" + field + "#" + count.incrementAndGet());
        }
    }
}
