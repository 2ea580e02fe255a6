package org.attributiongraph.instrumentation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.attributiongraph.errors.RequestTimeoutException;
import org.attributiongraph.limits.Limits;
import org.jboss.logging.Logger;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

/**
 * Gives every request {@link Limits#requestTimeout()}: once it is over, each field still to be fetched fails with
 * TIMEOUT instead of running, so the request ends with what it has. A statement already running is cut off by the
 * database statement timeout, not here. Plain property reads (trivial fetchers) are not checked: they cost nothing.
 */
public class RequestDeadlineInstrumentation extends SimplePerformantInstrumentation {

    private static final Logger LOG = Logger.getLogger(RequestDeadlineInstrumentation.class);

    private final Duration timeout;

    public RequestDeadlineInstrumentation(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        if (parameters.isTrivialDataFetcher()) {
            return dataFetcher;
        }
        Deadline deadline = (Deadline) state;
        return environment -> {
            if (deadline.isPast()) {
                if (deadline.firstMiss()) {
                    LOG.warnf("A request ran past its time limit of %s; its remaining fields fail with TIMEOUT", timeout);
                }
                throw new RequestTimeoutException("the request ran past its time limit of " + timeout.toMillis()
                        + " ms; this field was not fetched");
            }
            return dataFetcher.get(environment);
        };
    }

    private static final class Deadline implements InstrumentationState {
        private final long nanos;
        private final AtomicBoolean missed = new AtomicBoolean();

        Deadline(long nanos) {
            this.nanos = nanos;
        }

        boolean isPast() {
            return System.nanoTime() - nanos > 0;
        }

        boolean firstMiss() {
            return missed.compareAndSet(false, true);
        }
    }
}
