package org.attributiongraph.instrumentation;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.errors.RequestTimeoutException;
import org.attributiongraph.errors.ServerFailure;
import org.jboss.logging.Logger;

import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import io.smallrye.graphql.api.ErrorCode;
import io.smallrye.graphql.execution.error.ExceptionHandler;

/**
 * Turns an exception thrown while fetching a field into an error, as SmallRye does (messages shown only for the
 * exceptions listed in show-runtime-exception-message), but logs by whose fault it was: a client's mistake (our
 * exceptions with an {@link ErrorCode}, and variables that do not fit their type) at DEBUG without a stack trace, a statement cut off by its timeout as a
 * one-line WARN, and anything else at ERROR with its stack trace, answered as INTERNAL_SERVER_ERROR "System error".
 * SmallRye's own logging of these (print-data-fetcher-exception) is off, so each failure is logged once.
 */
public class ClientAwareExceptionHandler implements DataFetcherExceptionHandler {

    private static final Logger LOG = Logger.getLogger(ClientAwareExceptionHandler.class);
    /** The SQL state of a statement cancelled by its timeout, on H2 and PostgreSQL alike. */
    private static final String QUERY_CANCELED = "57014";

    private final ExceptionHandler smallRye = new ExceptionHandler();
    private final int statementTimeoutMs;

    public ClientAwareExceptionHandler(int statementTimeoutMs) {
        this.statementTimeoutMs = statementTimeoutMs;
    }

    /** Whose fault a failure was: it decides how loudly the failure is logged. */
    enum Fault {
        CLIENT, TIMEOUT, SERVER
    }

    /** Whose fault a failure was, and the exception the client is answered with. */
    record Verdict(Fault fault, Throwable failure, Throwable answered) {
    }

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
            DataFetcherExceptionHandlerParameters parameters) {
        Verdict verdict = judge(parameters.getException(), statementTimeoutMs);
        switch (verdict.fault()) {
            case CLIENT -> LOG.debugf("Refused %s: %s", parameters.getPath(), verdict.failure().getMessage());
            case TIMEOUT -> LOG.warnf("A statement of %s ran past its timeout of %d ms and was cancelled",
                    parameters.getPath(), statementTimeoutMs);
            case SERVER -> LOG.errorf(verdict.failure(), "Failed to fetch %s", parameters.getPath());
        }
        return smallRye.handleException(DataFetcherExceptionHandlerParameters.newExceptionParameters()
                .dataFetchingEnvironment(parameters.getDataFetchingEnvironment()).exception(verdict.answered()).build());
    }

    /** Decides, from the exception alone, whose fault a failure was and what the client is told. */
    static Verdict judge(Throwable thrown, int statementTimeoutMs) {
        Throwable failure = thrown;
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure.getClass().isAnnotationPresent(ErrorCode.class)) {
            return new Verdict(Fault.CLIENT, failure, failure);
        }
        if (failure instanceof CoercingParseValueException || failure instanceof CoercingParseLiteralException) {
            // a variable that does not fit its type, found only when the field reads it; the message names Java types
            return new Verdict(Fault.CLIENT, failure,
                    new InvalidInputException("an argument of this field has a value that does not fit its type"));
        }
        if (isStatementTimeout(failure)) {
            return new Verdict(Fault.TIMEOUT, failure, new RequestTimeoutException("a database statement of this field ran"
                    + " past its time limit of " + statementTimeoutMs + " ms and was cancelled"));
        }
        return new Verdict(Fault.SERVER, failure, new ServerFailure(failure));
    }

    private static boolean isStatementTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.QueryTimeoutException || cause instanceof java.sql.SQLTimeoutException
                    || cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
