package org.attributiongraph.caching;

import java.util.concurrent.CompletableFuture;

import org.attributiongraph.http.GraphQLRequest;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;

/**
 * Hands each query's answer to the {@link ResponseCache}, with the record's generation from before the query read
 * anything. Last in the chain, so that it sees the answer as it is written.
 */
public class ResponseCacheInstrumentation extends SimplePerformantInstrumentation {

    private final ResponseCache cache;

    public ResponseCacheInstrumentation(ResponseCache cache) {
        this.cache = cache;
    }

    /** What the cache needs to know of one execution. */
    private static final class Execution implements InstrumentationState {
        final long startedAt;
        volatile boolean query;
        volatile String operationName;

        Execution(long startedAt) {
            this.startedAt = startedAt;
        }
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Execution(cache.generation());
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
        ((Execution) state).query = operation.getOperation() == OperationDefinition.Operation.QUERY;
        ((Execution) state).operationName = operation.getName();
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Execution execution = (Execution) state;
        if (execution.query) {
            cache.keep(GraphQLRequest.of(parameters.getExecutionInput()), execution.operationName, execution.startedAt, result);
        }
        return CompletableFuture.completedFuture(result);
    }
}
