package org.attributiongraph.tracing;

import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Unremovable;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * A span for each GraphQL operation ("query RecentActions"), under the HTTP request's span, with the operation's
 * name and type as attributes and an error status when the response has errors. The data fetches that reach the
 * database are spans of their own ({@link FetchSpanInterceptor}).
 */
@Singleton
@Unremovable // looked up by the engine customizer, which CDI cannot see
public class GraphQLTracing extends SimplePerformantInstrumentation {

    static final String OPERATION_NAME = "graphql.operation.name";
    static final String OPERATION_TYPE = "graphql.operation.type";

    @Inject
    Tracer tracer;

    @ConfigProperty(name = TracingSwitch.SDK_DISABLED)
    boolean disabled;

    /** The operation's span, once it has begun. */
    private static final class Execution implements InstrumentationState {
        volatile Span operation = Span.getInvalid();
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return disabled ? null : new Execution();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (state == null) {
            return SimpleInstrumentationContext.noOp();
        }
        Execution execution = (Execution) state;
        Span span = tracer.spanBuilder("graphql").startSpan();
        execution.operation = span;
        // current for the request (Quarkus keeps it with the request's Vert.x context): the fetches are its children
        Scope current = span.makeCurrent();
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            if (failure != null || result != null && !result.getErrors().isEmpty()) {
                span.setStatus(StatusCode.ERROR);
            }
            current.close();
            span.end();
        });
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        if (state != null) {
            OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
            String type = operation.getOperation().name().toLowerCase(Locale.ROOT);
            Span span = ((Execution) state).operation.setAttribute(OPERATION_TYPE, type);
            if (operation.getName() != null) {
                span.setAttribute(OPERATION_NAME, operation.getName());
            }
            span.updateName(operation.getName() == null ? type : type + " " + operation.getName());
        }
        return SimpleInstrumentationContext.noOp();
    }
}
