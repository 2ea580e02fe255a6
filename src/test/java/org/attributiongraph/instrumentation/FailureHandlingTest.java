package org.attributiongraph.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.attributiongraph.errors.RequestTimeoutException;
import org.attributiongraph.errors.ServerFailure;
import org.attributiongraph.limits.Limits;
import org.junit.jupiter.api.Test;

import graphql.ExceptionWhileDataFetching;
import graphql.GraphQLError;
import graphql.Scalars;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.ExecutionStepInfo;
import graphql.execution.MergedField;
import graphql.execution.ResultPath;
import graphql.language.Field;
import graphql.schema.DataFetchingEnvironmentImpl;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Failures that are ours, not the client's: a slow statement is cut off by the database statement timeout and
 * answered as TIMEOUT; anything unexpected is logged with its cause and answered as "System error", nothing more.
 */
@QuarkusTest
class FailureHandlingTest {

    @Inject
    EntityManager entityManager;

    @Inject
    Limits limits;

    @Test
    @Transactional
    void aStatementRunningPastItsTimeoutIsCancelled() {
        long started = System.nanoTime();
        // ten billion rows to sum: minutes of work unless the timeout (1 s in tests) cancels it
        RuntimeException cancelled = assertThrows(RuntimeException.class, () -> entityManager.createNativeQuery(
                "SELECT SUM(a.X * b.X) FROM SYSTEM_RANGE(1, 100000) a, SYSTEM_RANGE(1, 100000) b").getSingleResult());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(ClientAwareExceptionHandler.Fault.TIMEOUT, ClientAwareExceptionHandler.judge(cancelled, 1000).fault(),
                () -> "not a statement timeout: " + cancelled);
        // a bound far above the timeout, far below the minutes the sum would take: cancelled, on however busy a machine
        assertTrue(tookMs < 30_000, () -> "cancelled only after " + tookMs + " ms");
    }

    @Test
    void aCancelledStatementIsAnsweredAsTimeout() {
        GraphQLError error = handle(new RuntimeException(new SQLException("Statement was canceled", "57014")));
        assertInstanceOf(RequestTimeoutException.class, ((ExceptionWhileDataFetching) error).getException());
        assertEquals("a database statement of this field ran past its time limit of 1000 ms and was cancelled",
                error.getMessage());
    }

    @Test
    void anUnexpectedFailureIsLoggedWithItsCauseAndAnsweredAsSystemError() {
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        IllegalStateException failure = new IllegalStateException("select secret from vault");
        GraphQLError error;
        try {
            error = handle(failure);
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
        assertEquals("System error", error.getMessage()); // quarkus.smallrye-graphql.default-error-message
        assertInstanceOf(ServerFailure.class, ((ExceptionWhileDataFetching) error).getException());
        assertEquals(1, logged.size());
        assertEquals(failure, logged.get(0).getThrown());
    }

    private GraphQLError handle(Throwable failure) {
        var environment = DataFetchingEnvironmentImpl.newDataFetchingEnvironment()
                .mergedField(MergedField.newMergedField(Field.newField("sources").build()).build())
                .executionStepInfo(ExecutionStepInfo.newExecutionStepInfo().type(Scalars.GraphQLString)
                        .path(ResultPath.rootPath().segment("sources")).build())
                .build();
        return new ClientAwareExceptionHandler(limits.statementTimeoutMs())
                .handleException(DataFetcherExceptionHandlerParameters.newExceptionParameters()
                        .dataFetchingEnvironment(environment).exception(failure).build())
                .join().getErrors().get(0);
    }
}
