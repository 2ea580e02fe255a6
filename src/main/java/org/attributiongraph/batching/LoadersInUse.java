package org.attributiongraph.batching;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;

import graphql.ExecutionInput;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;

/**
 * Gives each execution a data loader registry that holds only the loaders it loads through. SmallRye registers a
 * loader for every batched field of the schema at every request, and graphql-java dispatches every loader of the
 * registry at the end of each level of every query, used or not. {@link LoaderPerArguments} never loads through
 * SmallRye's loaders, it only reads their batch functions: so the registry an execution runs with starts empty, keeps
 * the loaders {@link LoaderPerArguments} makes, and looks SmallRye's up in SmallRye's registry.
 */
public final class LoadersInUse extends SimplePerformantInstrumentation {

    @Override
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        DataLoaderRegistry smallRyes = input.getDataLoaderRegistry();
        return input.transform(builder -> builder.dataLoaderRegistry(new Registry(smallRyes)));
    }

    /** The loaders an execution made; any other name is looked up in SmallRye's registry. */
    private static final class Registry extends DataLoaderRegistry {
        private final DataLoaderRegistry smallRyes;

        Registry(DataLoaderRegistry smallRyes) {
            this.smallRyes = smallRyes;
        }

        @Override
        public <K, V> DataLoader<K, V> getDataLoader(String key) {
            DataLoader<K, V> made = super.getDataLoader(key);
            return made != null ? made : smallRyes.getDataLoader(key);
        }
    }
}
