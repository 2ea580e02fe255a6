package org.attributiongraph.cancellation;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.attributiongraph.database.StatementCanceller;
import org.attributiongraph.errors.ClientGoneException;
import org.attributiongraph.errors.RequestTimeoutException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.jboss.logging.Logger;

import graphql.GraphQLContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * One GraphQL request that may end before its answer is written: its client hangs up, or it runs past its time.
 * From then on {@link #check()} refuses every fetch, batch and statement of it, and the statements it has running
 * are cancelled (database/StatementCanceller). It logs one line for it: DEBUG for a hang-up (anyone may hang up,
 * and there is nothing for an operator to do), WARN for a timeout. The request's Hibernate session must live until
 * the engine is done with it ({@link #afterExecution}), so that nothing runs on a closed session. A subscription is
 * one such request from its start until its events end, and its client leaves when its WebSocket closes.
 */
public final class RequestCancellation {

    /** Where the HTTP door leaves it on the request (RoutingContext) and the engine in the GraphQL context. */
    public static final String KEY = RequestCancellation.class.getName();
    private static final Logger LOG = Logger.getLogger(RequestCancellation.class);
    /** Client-chosen operation names are identifiers, but long ones are cut in the log. */
    private static final int MAX_OPERATION_LENGTH = 120;

    public enum Reason {
        CLIENT_GONE, TIMED_OUT
    }

    private final long startedAt = System.nanoTime();
    /** Asked before each fetch where no one tells of a hang-up (a WebSocket): false once the connection is gone. */
    private final BooleanSupplier connected;
    private final AtomicReference<Reason> reason = new AtomicReference<>();
    /** The sessions running a statement of this request, each with what cancels it. */
    private final Map<SharedSessionContractImplementor, StatementCanceller> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger statementsCancelled = new AtomicInteger();
    private final AtomicBoolean statementTimeoutLogged = new AtomicBoolean();
    /** What the log calls the request: described only when a line needs it, since most requests end unlogged. */
    private volatile Supplier<String> operation = () -> "a request";
    private volatile long deadline;
    private volatile Duration timeout;
    private volatile long endedAt;
    private boolean executing;
    private boolean executed;
    private Runnable afterExecution;

    /** A request whose hang-up is reported to {@link #clientGone()}, or one that no client can leave. */
    public RequestCancellation() {
        this(() -> true);
    }

    /** A request whose connection is asked before each fetch whether it is still open. */
    public RequestCancellation(BooleanSupplier connected) {
        this.connected = connected;
    }

    /** The request whose work the current CDI request context does, if one has taken it ({@link #takesCurrentContext}). */
    public static Optional<RequestCancellation> current() {
        return activeContext().map(ContextCancellation::request);
    }

    /**
     * Makes the work done in the active CDI request context this request's, so that its statements end with it: the
     * context of an HTTP request, or one a subscription opens for an event. Nothing without an active context.
     */
    public void takesCurrentContext() {
        activeContext().ifPresent(context -> context.request(this));
    }

    private static Optional<ContextCancellation> activeContext() {
        ArcContainer arc = Arc.container();
        if (arc == null || !arc.requestContext().isActive()) {
            return Optional.empty();
        }
        return Optional.of(arc.instance(ContextCancellation.class).get());
    }

    public static RequestCancellation of(GraphQLContext context) {
        return context == null ? null : context.get(KEY);
    }

    public Reason reason() {
        return reason.get();
    }

    public void operation(Supplier<String> description) {
        operation = description;
    }

    private String operation() {
        String description = operation.get();
        return description.length() > MAX_OPERATION_LENGTH
                ? description.substring(0, MAX_OPERATION_LENGTH) + "..."
                : description;
    }

    /** From now on, {@link #check()} ends the request once the limit has passed. */
    public void limitTo(Duration limit) {
        timeout = limit;
        deadline = startedAt + limit.toNanos();
    }

    /** Why the request has ended, or null while it runs; asks the connection and the clock first. */
    public Reason ended() {
        if (reason.get() == null) {
            if (!connected.getAsBoolean()) {
                clientGone();
            } else if (timeout != null && System.nanoTime() - deadline > 0) {
                timeOut();
            }
        }
        return reason.get();
    }

    /**
     * Whether the request has ended (its client left, or its time is up): then the caller skips its work and says
     * nothing, the request's one error and one line stand for it.
     */
    public boolean skipForEndedRequest() {
        if (ended() != null) {
            refused.incrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Before a batch or a statement of this request: throws, without a stack trace worth logging, if the request has
     * ended (its client left, or its time is up), so that nothing more is started for it.
     */
    public void check() {
        Reason ended = ended();
        if (ended == Reason.CLIENT_GONE) {
            refused.incrementAndGet();
            throw new ClientGoneException();
        }
        if (ended == Reason.TIMED_OUT) {
            refused.incrementAndGet();
            throw timeoutFailure();
        }
    }

    /** What the client of a request that ran past its time limit is told, once for the request. */
    public RequestTimeoutException timeoutFailure() {
        return new RequestTimeoutException("the request ran past its time limit of " + timeout.toMillis()
                + " ms and was stopped; its answer is left out");
    }

    /** The connection closed before the answer was written. */
    public void clientGone() {
        if (reason.compareAndSet(null, Reason.CLIENT_GONE)) {
            endedAt = System.nanoTime();
            cancelStatements();
        }
    }

    /** The request ran past its time limit: logged once, here; its running statements are cancelled. */
    public void timeOut() {
        if (reason.compareAndSet(null, Reason.TIMED_OUT)) {
            endedAt = System.nanoTime();
            LOG.warnf("%s ran past its time limit of %d ms: its running statements are cancelled, it is answered with "
                    + "one TIMEOUT error", operation(), timeout.toMillis());
            cancelStatements();
        }
    }

    /** True for the first statement of this request cut off by the statement timeout: log that one only. */
    public boolean firstStatementTimeout() {
        return statementTimeoutLogged.compareAndSet(false, true);
    }

    /** Called by Hibernate as a session starts a statement for this request: none starts once it has ended. */
    void statementStarting(SharedSessionContractImplementor session) {
        sessions.put(session, StatementCanceller.of(session));
        check();
    }

    void statementEnded(SharedSessionContractImplementor session) {
        sessions.remove(session);
    }

    /** Statement.cancel may talk to the database (PostgreSQL opens a connection for it): never on the event loop. */
    private void cancelStatements() {
        CompletableFuture.runAsync(() -> {
            for (StatementCanceller running : sessions.values()) {
                try {
                    running.cancel();
                    statementsCancelled.incrementAndGet();
                } catch (RuntimeException alreadyOver) {
                    LOG.debugf("No statement of %s to cancel: %s", operation(), alreadyOver.getMessage());
                }
            }
        }, Infrastructure.getDefaultWorkerPool());
    }

    public synchronized void executionStarted() {
        executing = true;
    }

    /** The engine has finished the request: whatever waited for that runs, and a hang-up gets its one line. */
    public void executionEnded() {
        Runnable then;
        synchronized (this) {
            executed = true;
            then = afterExecution;
            afterExecution = null;
        }
        if (reason.get() == Reason.CLIENT_GONE) {
            LOG.debugf("%s: the client hung up after %d ms; the request ended %d ms later, %d fetches and statements not "
                    + "started, %d sessions' statements cancelled", operation(), nanosToMillis(endedAt - startedAt),
                    nanosToMillis(System.nanoTime() - endedAt), refused.get(), statementsCancelled.get());
        }
        if (then != null) {
            then.run();
        }
    }

    /** Runs the cleanup once the engine is done with the request: now, if it is (or never started). */
    public void afterExecution(Runnable cleanup) {
        synchronized (this) {
            if (executing && !executed) {
                afterExecution = cleanup;
                return;
            }
        }
        cleanup.run();
    }

    private static long nanosToMillis(long nanos) {
        return nanos / 1_000_000;
    }
}
