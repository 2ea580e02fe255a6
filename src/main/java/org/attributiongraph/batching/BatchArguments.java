package org.attributiongraph.batching;

import java.util.List;
import java.util.Map;

import org.attributiongraph.errors.InvalidInputException;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import io.smallrye.graphql.api.Context;

/**
 * SmallRye runs all calls of a batched field in one request through one loader, keyed by the parent object, and
 * hands the batch the arguments of the first call. A batched field asked for with different arguments in one
 * request (two aliases, or under two parents) would silently get the first arguments' answer everywhere. Such a
 * request is refused with a clear error instead; the top-level queries, which are not batched, take any mix.
 */
public final class BatchArguments {

    /** Where the request's normalized operation is kept, once built. */
    private static final String OPERATION = BatchArguments.class.getName() + ".operation";

    private BatchArguments() {
    }

    /** Hands over the request's operation, normalized already by whoever ran first, so that it is built once. */
    public static void useOperation(GraphQLContext request, ExecutableNormalizedOperation operation) {
        request.put(OPERATION, operation);
    }

    public static void requireSameEverywhere(Context context, String type, String field) {
        DataFetchingEnvironment env = context.unwrap(DataFetchingEnvironment.class);
        ExecutableNormalizedOperation operation = env.getGraphQlContext().computeIfAbsent(OPERATION,
                key -> ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(env.getGraphQLSchema(),
                        env.getOperationDefinition(), env.getFragmentsByName(), CoercedVariables.of(env.getVariables())));
        List<ExecutableNormalizedField> uses = operation.getCoordinatesToNormalizedFields()
                .get(FieldCoordinates.coordinates(type, field));
        List<? extends Map<String, Object>> argumentSets = uses.stream()
                .map(ExecutableNormalizedField::getResolvedArguments).distinct().toList();
        if (argumentSets.size() > 1) {
            throw new InvalidInputException(type + "." + field + " is asked for with different arguments in one request "
                    + argumentSets + "; ask for each set in its own request, or use the top-level query with aliases");
        }
    }
}
