package org.attributiongraph.batching;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import org.attributiongraph.cancellation.RequestCancellation;
import org.dataloader.BatchLoaderWithContext;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderOptions;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.DelegatingDataLoader;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;

/**
 * Gives every batched field one data loader per argument set in a request, so that each alias gets exactly the
 * answer it would get alone. SmallRye keeps one loader per field and hands a batch the arguments of its first call:
 * `accused: actions(role: TARGET)` and `accusing: actions(role: ACTOR)` would both get the targets. Here each
 * argument set gets its own loader running SmallRye's batch function, so a level costs one batch per argument set,
 * whatever the number of parents. Past the first parent at a place in the answer, a parent joins the batch directly
 * ({@link ArgumentSet}), without SmallRye's per-fetch context. A parent that holds the field's value already
 * ({@link Preloaded}) answers it without any of that.
 */
public final class LoaderPerArguments implements DataFetcher<Object> {

    /** Where a request keeps the argument sets it has met. */
    private static final String SETS = LoaderPerArguments.class.getName() + ".sets";

    private final FieldCoordinates field;
    private final DataFetcher<?> smallRyes;
    /**
     * What a parent holds of the field already for the arguments given, or null where it holds nothing; null for
     * fields none can hold.
     */
    private final BiFunction<Object, Map<String, Object>, Object> preloaded;

    private LoaderPerArguments(FieldCoordinates field, DataFetcher<?> smallRyes,
            BiFunction<Object, Map<String, Object>, Object> preloaded) {
        this.field = field;
        this.smallRyes = smallRyes;
        this.preloaded = preloaded;
    }

    /**
     * The schema with every field SmallRye batches fetched through a loader per argument set, and the preloaded
     * fields given answered from the parents that hold them. A preloaded field must be a batched field, with
     * arguments if and only if its value reads them: anything else is a mistake in the code, refused as the engine
     * is built.
     */
    public static GraphQLSchema everyBatchedField(GraphQLSchema schema, List<Preloaded> preloaded) {
        preloaded.forEach(field -> requireBatched(schema, field));
        Map<FieldCoordinates, BiFunction<Object, Map<String, Object>, Object>> holders = preloaded.stream()
                .collect(Collectors.toMap(Preloaded::field, Preloaded::valueOf));
        return Fetchers.replaced(schema, (field, fetcher) -> fetcher instanceof BatchDataFetcher<?>
                ? new LoaderPerArguments(field, fetcher, holders.get(field))
                : null);
    }

    private static void requireBatched(GraphQLSchema schema, Preloaded preloaded) {
        FieldCoordinates field = preloaded.field();
        GraphQLObjectType type = schema.getObjectType(field.getTypeName());
        GraphQLFieldDefinition definition = type == null ? null : type.getFieldDefinition(field.getFieldName());
        if (definition == null || !(schema.getCodeRegistry().getDataFetcher(field, definition) instanceof BatchDataFetcher<?>)) {
            throw new IllegalArgumentException(field + " is not a batched field, so it cannot be preloaded");
        }
        if (definition.getArguments().isEmpty() == preloaded.takesArguments()) {
            throw new IllegalArgumentException(field + (preloaded.takesArguments() ? " has no arguments" : " has arguments")
                    + ", so it cannot be preloaded " + (preloaded.takesArguments() ? "with" : "without") + " them");
        }
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
        Object held = preloaded == null ? null : preloaded.apply(env.getSource(), env.getArguments());
        if (held != null) {
            return held;
        }
        ArgumentSets sets = env.getGraphQlContext().computeIfAbsent(SETS, key -> new ArgumentSets());
        ArgumentSet set = sets.of(field, env.getArguments());
        List<String> position = env.getExecutionStepInfo().getPath().getKeysOnly();
        FirstLoad first = set.firstLoads.get(position);
        if (first != null) {
            return first.loader().load(env.getSource(), first.keyContext());
        }
        DataLoaderRegistry request = env.getDataLoaderRegistry();
        RequestCancellation cancellation = RequestCancellation.of(env.getGraphQlContext());
        DataLoaderRegistry oneSet = new DataLoaderRegistry() {
            @Override
            public <K, V> DataLoader<K, V> getDataLoader(String smallRyesName) {
                DataLoader<K, V> loader = request.computeIfAbsent(smallRyesName + set.suffix,
                        name -> copyOf(request.getDataLoader(smallRyesName), cancellation));
                return new FirstLoadKept<>(loader, set, position);
            }
        };
        return smallRyes.get(SmallRyeEnvironments.withoutSelection(env).dataLoaderRegistry(oneSet).build());
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
        private final ConcurrentMap<List<Object>, ArgumentSet> sets = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        /** Equal argument maps are one set: defaults are filled in, so `actions` and `actions(role: ANY)` are one. */
        ArgumentSet of(FieldCoordinates field, Map<String, Object> arguments) {
            return sets.computeIfAbsent(List.of(field, arguments), set -> new ArgumentSet("#" + field + "#" + count.incrementAndGet()));
        }
    }

    /**
     * One argument set's loader, and where in the answer it was first asked for. SmallRye's batch function reads the
     * arguments and the fetching environment from the first key of a batch only, and those are the same for every
     * parent at one place in the answer (the same field, arguments and selection): so only the first parent there goes
     * through SmallRye's fetcher, and the others join its loader with the same key context.
     */
    private static final class ArgumentSet {
        private final String suffix;
        private final ConcurrentMap<List<String>, FirstLoad> firstLoads = new ConcurrentHashMap<>();

        ArgumentSet(String suffix) {
            this.suffix = suffix;
        }
    }

    private record FirstLoad(DataLoader<Object, Object> loader, Object keyContext) {
    }

    /** The loader SmallRye's fetcher gets for the first parent at a place: it keeps what that parent loads with. */
    private static final class FirstLoadKept<K, V> extends DelegatingDataLoader<K, V> {
        private final ArgumentSet set;
        private final List<String> position;

        FirstLoadKept(DataLoader<K, V> loader, ArgumentSet set, List<String> position) {
            super(loader);
            this.set = set;
            this.position = position;
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletableFuture<V> load(K key, Object keyContext) {
            set.firstLoads.putIfAbsent(position, new FirstLoad((DataLoader<Object, Object>) delegate, keyContext));
            return delegate.load(key, keyContext);
        }
    }
}
