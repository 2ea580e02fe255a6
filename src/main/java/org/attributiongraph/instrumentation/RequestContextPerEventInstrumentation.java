package org.attributiongraph.instrumentation;

import org.attributiongraph.cancellation.RequestCancellation;
import org.attributiongraph.live.Subscribers;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs each event of a subscription in a CDI request context of its own, as an HTTP request runs, so that the fields
 * below it read the database through a session that lives exactly as long as the event: from the moment it is
 * produced until its answer is complete, when the context is destroyed and the session closed. Left alone, Quarkus
 * would run every fetch of a WebSocket's operations in the connection's one context, opened at the handshake.
 * {@link Subscribers} gives each event a Vert.x context of its own, on which all of the event's fetches run, whatever
 * the thread; the event's request context is kept there, and made current around each fetch, since Quarkus's fetchers
 * end the current one when they are done. The event's statements are the subscription's, cancelled when its WebSocket
 * closes.
 */
public class RequestContextPerEventInstrumentation extends SimplePerformantInstrumentation {

    /** Where the event's request context is kept on the event's Vert.x context. */
    private static final String EVENT_STATE = RequestContextPerEventInstrumentation.class.getName() + ".state";

    @Override
    public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        Context vertx = Vertx.currentContext();
        if (!Subscribers.isEventsOwn(vertx)) {
            // not an event that Subscribers let in: it runs in the context it was given
            return SimpleInstrumentationContext.noOp();
        }
        ManagedContext request = Arc.container().requestContext();
        ContextState event = request.activate();
        vertx.putLocal(EVENT_STATE, event);
        RequestCancellation subscription = RequestCancellation.of(parameters.getExecutionContext().getGraphQLContext());
        if (subscription != null) {
            subscription.takesCurrentContext();
        }
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> request.destroy(event));
    }

    /**
     * Each fetch of an event runs in the event's context, and leaves it current: the batches the engine dispatches
     * right after a fetch capture the context current then.
     */
    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (parameters.isTrivialDataFetcher() || parameters.getExecutionContext().getOperationDefinition()
                .getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            return dataFetcher;
        }
        return environment -> {
            ContextState event = eventState();
            if (event == null) {
                return dataFetcher.get(environment);
            }
            ManagedContext request = Arc.container().requestContext();
            makeCurrent(request, event);
            try {
                return dataFetcher.get(environment);
            } finally {
                makeCurrent(request, event);
            }
        };
    }

    /** The request context of the event whose Vert.x context this is, or null elsewhere. */
    private static ContextState eventState() {
        Context vertx = Vertx.currentContext();
        return vertx == null ? null : vertx.getLocal(EVENT_STATE);
    }

    private static void makeCurrent(ManagedContext request, ContextState event) {
        if (event.isValid() && (!request.isActive() || request.getState() != event)) {
            request.activate(event);
        }
    }
}
