package org.attributiongraph.instrumentation;

import org.attributiongraph.cancellation.RequestCancellation;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;

/**
 * Runs each event of a subscription in a CDI request context of its own, as an HTTP request runs, so that the fields
 * below it read the database through a session that lives exactly as long as the event: from the moment it is
 * produced until its answer is complete, on whatever threads the answer's stages run (context propagation carries
 * the context to them). The event's statements are the subscription's, cancelled when its WebSocket closes.
 */
public class RequestContextPerEventInstrumentation extends SimplePerformantInstrumentation {

    @Override
    public InstrumentationContext<ExecutionResult> beginSubscribedFieldEvent(InstrumentationFieldParameters parameters,
            InstrumentationState state) {
        ManagedContext request = Arc.container().requestContext();
        if (request.isActive()) {
            return SimpleInstrumentationContext.noOp();
        }
        request.activate();
        RequestCancellation subscription = RequestCancellation.of(parameters.getExecutionContext().getGraphQLContext());
        if (subscription != null) {
            subscription.takesCurrentContext();
        }
        InjectableContext.ContextState event = request.getState();
        return new InstrumentationContext<>() {
            @Override
            public void onDispatched() {
                request.deactivate();
            }

            @Override
            public void onCompleted(ExecutionResult result, Throwable failure) {
                request.destroy(event);
            }
        };
    }
}
