package org.attributiongraph.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.dataloader.BatchLoader;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** An execution dispatches the loaders it made, and finds SmallRye's where they are. */
class LoadersInUseTest {

    private static final BatchLoader<String, String> ECHO = keys -> CompletableFuture.completedFuture(keys);

    @Test
    void anExecutionsRegistryHoldsTheLoadersItMadeAndFindsSmallRyes() {
        DataLoader<String, String> smallRyes = DataLoaderFactory.newDataLoader(ECHO);
        DataLoaderRegistry smallRyesRegistry = DataLoaderRegistry.newRegistry().register("Action.actors", smallRyes).build();
        AtomicReference<DataLoaderRegistry> seen = new AtomicReference<>();
        AtomicReference<DataLoader<?, ?>> foundThere = new AtomicReference<>();
        DataFetcher<?> loadsThroughItsOwn = env -> {
            DataLoaderRegistry registry = env.getDataLoaderRegistry();
            seen.set(registry);
            foundThere.set(registry.getDataLoader("Action.actors"));
            DataLoader<String, String> made = registry.computeIfAbsent("Action.actors#1",
                    name -> DataLoaderFactory.newDataLoader(ECHO));
            return made.load("loaded");
        };

        ExecutionResult result = engine(loadsThroughItsOwn).execute(ExecutionInput.newExecutionInput("{ item }")
                .dataLoaderRegistry(smallRyesRegistry).build());

        assertEquals(List.of(), result.getErrors());
        assertEquals(Map.of("item", "loaded"), result.getData(), "the level's dispatch ran the loader made");
        assertEquals(Set.of("Action.actors#1"), seen.get().getKeys(), "only the loader made is dispatched");
        assertSame(smallRyes, foundThere.get());
        assertEquals(Set.of("Action.actors"), smallRyesRegistry.getKeys(), "SmallRye's registry is left as it was");
    }

    private static GraphQL engine(DataFetcher<?> item) {
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse("type Query { item: String }"),
                RuntimeWiring.newRuntimeWiring().type("Query", type -> type.dataFetcher("item", item)).build());
        return GraphQL.newGraphQL(schema).instrumentation(new LoadersInUse()).build();
    }
}
