package org.attributiongraph.batching;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.DataFetchingEnvironmentImpl;
import graphql.schema.DataFetchingFieldSelectionSet;
import graphql.schema.GraphQLSchema;
import graphql.schema.SelectedField;
import io.smallrye.graphql.execution.datafetcher.AbstractDataFetcher;

/**
 * The fetching environment SmallRye's fetchers of our API methods get: graphql-java's, with no fields selected. Before
 * each call of an API method and each batch, SmallRye copies the whole selection below the field into its request
 * context, written out as JSON twice (with and without the source fields), so that in a query of nested levels each
 * level copies everything below it again. Nothing in this service reads that copy: the look-ahead reads the query
 * itself ({@link Selection}). So here SmallRye's {@code Context.getSelectedFields()} is empty; read the query instead.
 */
public final class SmallRyeEnvironments {

    /** Selects nothing. */
    private static final DataFetchingFieldSelectionSet NO_FIELDS = new DataFetchingFieldSelectionSet() {
        @Override
        public boolean contains(String fieldGlobPattern) {
            return false;
        }

        @Override
        public boolean containsAnyOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public boolean containsAllOf(String fieldGlobPattern, String... fieldGlobPatterns) {
            return false;
        }

        @Override
        public List<SelectedField> getFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getImmediateFields() {
            return List.of();
        }

        @Override
        public List<SelectedField> getFields(String fieldGlobPattern, String... fieldGlobPatterns) {
            return List.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey() {
            return Map.of();
        }

        @Override
        public Map<String, List<SelectedField>> getFieldsGroupedByResultKey(String fieldGlobPattern, String... fieldGlobPatterns) {
            return Map.of();
        }
    };

    private SmallRyeEnvironments() {
    }

    /** A copy of graphql-java's environment with no fields selected, for the caller to change further and build. */
    static DataFetchingEnvironmentImpl.Builder withoutSelection(DataFetchingEnvironment env) {
        return DataFetchingEnvironmentImpl.newDataFetchingEnvironment(env).selectionSet(NO_FIELDS);
    }

    /**
     * The schema with SmallRye's fetchers of API methods given environments without a selection. Its batched fields
     * are {@link LoaderPerArguments}' by now, which does the same for the fetcher it calls.
     */
    public static GraphQLSchema everyApiMethod(GraphQLSchema schema) {
        return Fetchers.replaced(schema, (field, fetcher) -> fetcher instanceof AbstractDataFetcher<?, ?> smallRyes
                ? (DataFetcher<Object>) env -> smallRyes.get(withoutSelection(env).build())
                : null);
    }
}
