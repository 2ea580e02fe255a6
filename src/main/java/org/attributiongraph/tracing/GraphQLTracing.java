package org.attributiongraph.tracing;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.dataloader.BatchLoaderEnvironment;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.dataloader.instrumentation.DataLoaderInstrumentation;
import org.dataloader.instrumentation.DataLoaderInstrumentationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Unremovable;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;

/**
 * Spans for GraphQL work, under the HTTP request's span: one per operation ("query PartyByName"), one per field
 * whose data fetcher may reach the database ("Query.partyByName"), and one per batch a batched field loads for a
 * whole level ("batch Action.participants"), never one per object of the batch nor per plain property. Each data
 * fetch and batch is the current span while it runs, so its SQL statements (the JDBC spans) are its children.
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
    public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        if (state == null) {
            return input;
        }
        DataLoaderRegistry batched = DataLoaderRegistry.newRegistry().registerAll(input.getDataLoaderRegistry())
                .instrumentation(new BatchSpans((Execution) state)).build();
        return input.transform(builder -> builder.dataLoaderRegistry(batched));
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
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            if (failure != null || result != null && !result.getErrors().isEmpty()) {
                span.setStatus(StatusCode.ERROR);
            }
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

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> fetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        // a batched field only asks its batch for a value: the batch's span covers the database work
        if (state == null || parameters.isTrivialDataFetcher() || fetcher instanceof BatchDataFetcher) {
            return fetcher;
        }
        Execution execution = (Execution) state;
        return environment -> {
            String field = ((GraphQLObjectType) environment.getParentType()).getName() + "." + environment.getField().getName();
            Span span = tracer.spanBuilder(field).setParent(Context.current().with(execution.operation)).startSpan();
            Object value;
            try (Scope current = span.makeCurrent()) {
                value = fetcher.get(environment);
            } catch (Exception | Error failure) {
                span.setStatus(StatusCode.ERROR).end();
                throw failure;
            }
            if (value instanceof CompletionStage<?> pending) {
                pending.whenComplete((done, failure) -> end(span, failure));
            } else {
                span.end();
            }
            return value;
        };
    }

    private static void end(Span span, Throwable failure) {
        if (failure != null) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** A span for each batch a data loader runs, current while the batch function is called. */
    private final class BatchSpans implements DataLoaderInstrumentation {
        private final Execution execution;

        BatchSpans(Execution execution) {
            this.execution = execution;
        }

        @Override
        public DataLoaderInstrumentationContext<List<?>> beginBatchLoader(DataLoader<?, ?> loader, List<?> keys,
                BatchLoaderEnvironment environment) {
            Span span = tracer.spanBuilder("batch " + loader.getName())
                    .setParent(Context.current().with(execution.operation))
                    .setAttribute("graphql.batch.size", keys.size())
                    .startSpan();
            Scope current = span.makeCurrent();
            return new DataLoaderInstrumentationContext<>() {
                @Override
                public void onDispatched() {
                    current.close();
                }

                @Override
                public void onCompleted(List<?> values, Throwable failure) {
                    end(span, failure);
                }
            };
        }
    }
}
