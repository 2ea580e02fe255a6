package org.attributiongraph.http;

import java.util.concurrent.CompletableFuture;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reports each execution's answer to the {@link RequestOutcome} of the HTTP request it serves. Last in the chain, so
 * that it sees the answer as it is written. SmallRye starts the execution within the request (its request context
 * active, the routing context current); the answer may complete on another thread, hence the state.
 */
public class RequestOutcomeInstrumentation extends SimplePerformantInstrumentation {

    /** The outcome of the request being executed; empty outside an HTTP request (a WebSocket subscription). */
    private static final class Watched implements InstrumentationState {
        final RequestOutcome outcome;

        Watched(RequestOutcome outcome) {
            this.outcome = outcome;
        }
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        RequestOutcome outcome = null;
        if (Arc.container().requestContext().isActive()) {
            RoutingContext ctx = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
            outcome = ctx == null ? null : RequestOutcome.watched(ctx);
        }
        return new Watched(outcome);
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        RequestOutcome outcome = ((Watched) state).outcome;
        if (outcome != null) {
            outcome.executed(result);
        }
        return CompletableFuture.completedFuture(result);
    }
}
