package org.attributiongraph.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.Unremovable;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationValidationParameters;
import graphql.language.NodeUtil;
import graphql.language.OperationDefinition;
import graphql.validation.ValidationError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.graphql.api.ErrorCode;

/**
 * Counts and times every GraphQL execution by operation name and type, and counts its errors by extensions.code:
 * {@code graphql_requests_seconds} (a histogram, with outcome ok or error) and {@code graphql_errors_total}.
 * Names become labels through {@link OperationNames}, so clients cannot grow the series without bound. Answers
 * the response cache gives without running the query are counted too, with outcome "cached". Must come after the
 * instrumentation that gives every error its code.
 */
@Singleton
@Unremovable // looked up by the engine customizer, which CDI cannot see
public class GraphQLOperationMetrics extends SimplePerformantInstrumentation {

    static final String REQUESTS = "graphql.requests";
    static final String ERRORS = "graphql.errors";
    /** Latency buckets, from a cached-plan lookup to the request timeout. */
    private static final Duration[] BUCKETS = List.of(1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
            .stream().map(Duration::ofMillis).toArray(Duration[]::new);
    private static final String UNKNOWN_TYPE = "unknown";

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "attribution-graph.metrics.max-operation-names")
    int maxOperationNames;

    private OperationNames names;

    @PostConstruct
    void create() {
        names = new OperationNames(maxOperationNames);
    }

    /** What is known of one execution by the time its result is out. */
    private static final class Execution implements InstrumentationState {
        final long startedAt = System.nanoTime();
        volatile String type = UNKNOWN_TYPE;
        volatile String name;
        volatile boolean ran;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Execution();
    }

    @Override
    public InstrumentationContext<List<ValidationError>> beginValidation(InstrumentationValidationParameters parameters,
            InstrumentationState state) {
        // a refused operation has a type too, if the document names it
        Execution execution = (Execution) state;
        try {
            NodeUtil.GetOperationResult operation = NodeUtil.getOperation(parameters.getDocument(),
                    parameters.getExecutionInput().getOperationName());
            execution.type = typeOf(operation.operationDefinition.getOperation());
        } catch (RuntimeException noSuchOperation) {
            // the type stays unknown; validation reports the mistake
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        Execution execution = (Execution) state;
        var operation = parameters.getExecutionContext().getOperationDefinition();
        execution.type = typeOf(operation.getOperation());
        execution.name = operation.getName();
        execution.ran = true;
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        Execution execution = (Execution) state;
        String operation = execution.ran ? names.ofExecuted(execution.name)
                : names.ofKnown(parameters.getExecutionInput().getOperationName());
        record(operation, execution.type, result.getErrors().isEmpty() ? "ok" : "error", System.nanoTime() - execution.startedAt);
        for (GraphQLError error : result.getErrors()) {
            Counter.builder(ERRORS)
                    .description("Errors in GraphQL responses by extensions.code")
                    .tags("operation", operation, "type", execution.type, "code", codeOf(error))
                    .register(registry)
                    .increment();
        }
        return CompletableFuture.completedFuture(result);
    }

    /** A query answered by the response cache without running: counted and timed with outcome "cached". */
    public void answeredFromCache(String operationName, long nanos) {
        record(names.ofKnown(operationName), "query", "cached", nanos);
    }

    private void record(String operation, String type, String outcome, long nanos) {
        Timer.builder(REQUESTS)
                .description("GraphQL requests by operation name and type; outcome ok, error or cached")
                .tags("operation", operation, "type", type, "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String typeOf(OperationDefinition.Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT);
    }

    /** The code the client reads in extensions.code; SmallRye adds it to field errors from the exception's annotation. */
    static String codeOf(GraphQLError error) {
        if (error.getExtensions() != null && error.getExtensions().get("code") instanceof String code) {
            return code;
        }
        if (error instanceof ExceptionWhileDataFetching fetching) {
            ErrorCode code = fetching.getException().getClass().getAnnotation(ErrorCode.class);
            if (code != null) {
                return code.value();
            }
        }
        return "INTERNAL_SERVER_ERROR";
    }
}
