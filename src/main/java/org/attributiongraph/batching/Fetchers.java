package org.attributiongraph.batching;

import java.util.function.BiFunction;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;

/** Replaces data fetchers in the schema SmallRye built, field by field. */
final class Fetchers {

    private Fetchers() {
    }

    /**
     * The schema with each field's fetcher replaced by what the function makes of it, or kept where it makes null.
     * Introspection's own fields are left alone.
     */
    static GraphQLSchema replaced(GraphQLSchema schema, BiFunction<FieldCoordinates, DataFetcher<?>, DataFetcher<?>> replacement) {
        GraphQLCodeRegistry registry = schema.getCodeRegistry();
        GraphQLCodeRegistry.Builder changed = GraphQLCodeRegistry.newCodeRegistry(registry);
        schema.getAllTypesAsList().stream()
                .filter(type -> type instanceof GraphQLFieldsContainer && !type.getName().startsWith("__"))
                .map(GraphQLFieldsContainer.class::cast)
                .forEach(type -> {
                    for (GraphQLFieldDefinition definition : type.getFieldDefinitions()) {
                        FieldCoordinates coordinates = FieldCoordinates.coordinates(type.getName(), definition.getName());
                        DataFetcher<?> replaced = replacement.apply(coordinates, registry.getDataFetcher(coordinates, definition));
                        if (replaced != null) {
                            changed.dataFetcher(coordinates, replaced);
                        }
                    }
                });
        return schema.transform(builder -> builder.codeRegistry(changed.build()));
    }
}
