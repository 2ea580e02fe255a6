package org.attributiongraph.http;

import graphql.ExecutionResult;
import io.vertx.ext.web.RoutingContext;

/**
 * What one HTTP request to the GraphQL endpoint was answered, as far as the status and caching headers depend on it:
 * the engine reports it ({@link RequestOutcomeInstrumentation}), the response cache when it answers instead, and the
 * handlers that write the response's head read it just before the head goes out.
 */
public final class RequestOutcome {

    private static final String KEY = RequestOutcome.class.getName();

    private volatile boolean answered;
    private volatile boolean errors;
    private volatile boolean dataAbsent;

    private RequestOutcome() {
    }

    /** The request's outcome, made by the first handler that asks; handlers run on the request's event loop, one at a time. */
    static RequestOutcome of(RoutingContext ctx) {
        RequestOutcome outcome = ctx.get(KEY);
        if (outcome == null) {
            outcome = new RequestOutcome();
            ctx.put(KEY, outcome);
        }
        return outcome;
    }

    /** The outcome a handler made for this request, or null if none watches it. */
    static RequestOutcome watched(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /** The response cache answered with a whole answer, without errors, that it kept. */
    public static void answeredFromCache(RoutingContext ctx) {
        RequestOutcome outcome = watched(ctx);
        if (outcome != null) {
            outcome.answered = true;
        }
    }

    void executed(ExecutionResult result) {
        errors = !result.getErrors().isEmpty();
        dataAbsent = !result.isDataPresent();
        answered = true;
    }

    /**
     * The request failed before execution (it did not parse or validate, its variables did not fit, a limit refused
     * it): the answer has no data entry.
     */
    boolean failedBeforeExecution() {
        return answered && dataAbsent;
    }

    /** A whole answer: data and no errors. Only such an answer may be kept by an HTTP cache. */
    boolean whole() {
        return answered && !errors && !dataAbsent;
    }
}
