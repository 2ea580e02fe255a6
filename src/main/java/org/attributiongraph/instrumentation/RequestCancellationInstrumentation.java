package org.attributiongraph.instrumentation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.attributiongraph.cancellation.RequestCancellation;
import org.attributiongraph.errors.ClientGoneException;
import org.attributiongraph.errors.ErrorCodes;
import org.attributiongraph.http.ConnectionWatch;
import org.attributiongraph.limits.Limits;

import org.reactivestreams.Publisher;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLTypeUtil;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.api.ErrorCode;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends a request early without a cascade of errors: once its client has hung up, or once it is past
 * {@link Limits#requestTimeout()}, no field still to be fetched runs: each gives the cheapest value its type allows, so
 * that the engine winds down at once, and the answer is replaced by one error that stands for the request (CANCELLED
 * for a client that left, which never reads it; TIMEOUT with no data past the time limit, since the fields given
 * nothing would read as empty). The statements it has running are cancelled ({@link RequestCancellation}, which logs
 * the one line; the batched fields check it too, in batching/LoaderPerArguments). At the time limit a timer ends the
 * request even while a statement runs. It tells the request when the engine is done with it. Plain property reads
 * (trivial fetchers) are not checked: they cost nothing.
 */
public class RequestCancellationInstrumentation extends SimplePerformantInstrumentation {

    /** One daemon thread for every request's time limit: it only marks the request, the cancelling runs elsewhere. */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private final Duration timeout;

    public RequestCancellationInstrumentation(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        RequestCancellation cancellation = servedRequest();
        cancellation.executionStarted();
        cancellation.takesCurrentContext();
        parameters.getExecutionInput().getGraphQLContext().put(RequestCancellation.KEY, cancellation);
        return new State(cancellation);
    }

    /** The HTTP request or WebSocket being served; outside one (the engine on its own) nobody can hang up. */
    private static RequestCancellation servedRequest() {
        ArcContainer arc = Arc.container();
        if (arc != null && arc.requestContext().isActive()) {
            RoutingContext ctx = arc.instance(CurrentVertxRequest.class).get().getCurrent();
            if (ctx != null) {
                return ConnectionWatch.of(ctx);
            }
        }
        return new RequestCancellation();
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
            InstrumentationState state) {
        State request = (State) state;
        return SimpleInstrumentationContext.whenCompleted((result, failure) -> {
            ScheduledFuture<?> deadline = request.deadline;
            if (deadline != null) {
                deadline.cancel(false);
            }
            // a subscription's execution ends with its events instead (instrumentExecutionResult)
            if (!isEventStream(result)) {
                request.cancellation.executionEnded();
            }
        });
    }

    /** A subscription's answer: the stream of its events, which SmallRye subscribes to and cancels as its client asks. */
    private static boolean isEventStream(ExecutionResult result) {
        return result != null && result.getData() instanceof Publisher;
    }

    /**
     * One error stands for all the fields a request that ended early was not given, so that the service does not write
     * out an error for each of them (SmallRye turns each into JSON, seconds of work for a deep thread on a busy machine).
     */
    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        RequestCancellation cancellation = ((State) state).cancellation;
        if (isEventStream(result)) {
            Publisher<ExecutionResult> events = result.getData();
            return CompletableFuture.completedFuture(result.transform(
                    stream -> stream.data(new EndsWithItsEvents<>(events, cancellation::executionEnded,
                            () -> cancellation.ended() != null))));
        }
        RequestCancellation.Reason ended = cancellation.reason();
        if (ended == null) {
            return CompletableFuture.completedFuture(result);
        }
        RuntimeException standing = ended == RequestCancellation.Reason.CLIENT_GONE ? new ClientGoneException()
                : cancellation.timeoutFailure();
        String code = standing.getClass().getAnnotation(ErrorCode.class).value();
        result = ExecutionResult.newExecutionResult()
                .addError(ErrorCodes.error(code, standing.getMessage(), ErrorType.DataFetchingException)).build();
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        State request = (State) state;
        OperationDefinition operation = parameters.getExecutionContext().getOperationDefinition();
        request.cancellation.operation(() -> describe(operation));
        // a subscription lives as long as its client wants; each of its events is small
        if (operation.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
            request.cancellation.limitTo(timeout);
            request.deadline = DEADLINES.schedule(request.cancellation::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return super.beginExecuteOperation(parameters, state);
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()) {
            return dataFetcher;
        }
        RequestCancellation cancellation = ((State) state).cancellation;
        return environment -> {
            if (cancellation.skipForEndedRequest()) {
                return nothingFor(environment.getFieldType());
            }
            return dataFetcher.get(environment);
        };
    }

    /**
     * What a field gives once the request has ended: the cheapest value its type allows (an empty list, or null), so
     * that the engine winds the request down without an error, and its cost, for every field still to come; the
     * answer is replaced by one error.
     */
    private static Object nothingFor(GraphQLOutputType type) {
        return GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList ? List.of() : null;
    }

    /** "query Name { action thread }": the kind, the name if any, and the top-level fields, for the log. */
    private static String describe(OperationDefinition operation) {
        String fields = operation.getSelectionSet().getSelectionsOfType(Field.class).stream()
                .map(Field::getName).collect(Collectors.joining(" "));
        return operation.getOperation().name().toLowerCase()
                + (operation.getName() == null ? "" : " " + operation.getName()) + " { " + fields + " }";
    }

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, work -> {
            Thread thread = Executors.defaultThreadFactory().newThread(work);
            thread.setName("request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // a request that ends in time takes its timer out at once, rather than leaving it until it would have fired
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private static final class State implements InstrumentationState {
        private final RequestCancellation cancellation;
        private volatile ScheduledFuture<?> deadline;

        State(RequestCancellation cancellation) {
            this.cancellation = cancellation;
        }
    }
}
