package org.attributiongraph.instrumentation;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * Runs a query's fields, and the building of its answer, on a worker thread rather than on the Vert.x event loop
 * that received it. SmallRye runs each field on a worker but hands its value back to the event loop, where
 * graphql-java completes it: for a deep thread that is most of the request's work, and an event loop busy with it
 * reads its connections late, so that on a busy machine a client's hang-up was noticed seconds after it happened and
 * the work went on for nobody. Here the whole execution runs on one worker, each field in line (SmallRye's fetchers
 * do so when the request says "runBlocking"), and the event loop only reads and writes. The worker runs in a Vert.x
 * context of its own holding a copy of the request's context data (its CDI request context, trace and log context):
 * SmallRye deactivates the request context on the event loop as soon as the execution has been handed over, which
 * must not reach the worker.
 */
public class OffEventLoopQueries extends AsyncExecutionStrategy {

    /** The key SmallRye's Quarkus fetchers read: true runs the field on the calling thread. */
    private static final String RUN_BLOCKING = "runBlocking";

    public OffEventLoopQueries(DataFetcherExceptionHandler exceptionHandler) {
        super(exceptionHandler);
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(ExecutionContext executionContext, ExecutionStrategyParameters parameters) {
        if (!Context.isOnEventLoopThread() || !(Vertx.currentContext() instanceof ContextInternal received)) {
            return super.execute(executionContext, parameters);
        }
        ContextInternal worker = received.duplicate();
        worker.localContextData().putAll(received.localContextData());
        executionContext.getGraphQLContext().put(RUN_BLOCKING, true);
        CompletableFuture<ExecutionResult> answer = new CompletableFuture<>();
        // once the handlers on the event loop are done: the HTTP door watches the response only after SmallRye's
        // handler has returned, and an answer written before that would go by unwatched
        received.runOnContext(handedOver -> worker.executeBlocking(() -> {
            try {
                super.execute(executionContext, parameters).whenComplete((result, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(result);
                    }
                });
            } catch (RuntimeException | Error failure) {
                answer.completeExceptionally(failure);
            }
            return null;
        }, false));
        return answer;
    }
}
