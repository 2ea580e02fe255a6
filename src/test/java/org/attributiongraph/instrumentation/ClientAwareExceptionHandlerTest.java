package org.attributiongraph.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import jakarta.persistence.PersistenceException;

import org.attributiongraph.errors.ConflictException;
import org.attributiongraph.errors.ForbiddenException;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.errors.NotFoundException;
import org.attributiongraph.errors.RequestTimeoutException;
import org.attributiongraph.errors.ServerFailure;
import org.attributiongraph.errors.TooManySubscriptionsException;
import org.attributiongraph.errors.UnauthenticatedException;
import org.attributiongraph.instrumentation.ClientAwareExceptionHandler.Fault;
import org.attributiongraph.instrumentation.ClientAwareExceptionHandler.Verdict;
import org.junit.jupiter.api.Test;

import graphql.schema.CoercingParseValueException;
import io.smallrye.graphql.api.ErrorCode;

/**
 * Which failure is the client's and what it is told, without booting the app: our refusals pass as they are, a
 * value that does not fit its type and a cancelled statement become refusals of our own, and anything else becomes
 * a ServerFailure, whose message SmallRye does not show (so no class name or SQL reaches the client). Plain JUnit.
 */
class ClientAwareExceptionHandlerTest {

    private static final int TIMEOUT_MS = 1500;

    @Test
    void ourRefusalsPassAsTheyAre() {
        NotFoundException refusal = new NotFoundException("no party with id 7");
        Verdict verdict = ClientAwareExceptionHandler.judge(new CompletionException(refusal), TIMEOUT_MS);
        assertEquals(Fault.CLIENT, verdict.fault());
        assertSame(refusal, verdict.answered());
    }

    @Test
    void aValueThatDoesNotFitItsTypeIsAValidationErrorNamingNoJavaType() {
        Verdict verdict = ClientAwareExceptionHandler.judge(
                new CoercingParseValueException("Expected a value that can be converted to type 'java.lang.Long'"), TIMEOUT_MS);
        assertEquals(Fault.CLIENT, verdict.fault());
        assertInstanceOf(InvalidInputException.class, verdict.answered());
        assertEquals("an argument of this field has a value that does not fit its type", verdict.answered().getMessage());
    }

    @Test
    void aCancelledStatementIsATimeoutNamingTheLimitNotTheSql() {
        SQLException cancelled = new SQLException("Statement was canceled: SELECT * FROM action", "57014");
        Verdict verdict = ClientAwareExceptionHandler.judge(new PersistenceException("could not execute", cancelled),
                TIMEOUT_MS);
        assertEquals(Fault.TIMEOUT, verdict.fault());
        assertInstanceOf(RequestTimeoutException.class, verdict.answered());
        assertEquals("a database statement of this field ran past its time limit of 1500 ms and was cancelled",
                verdict.answered().getMessage());
    }

    @Test
    void anythingElseIsOursAndItsMessageIsNotShown() throws IOException {
        PersistenceException failure = new PersistenceException("could not execute statement [insert into party ...]",
                new SQLException("Unique index or primary key violation: PUBLIC.PARTY", "23505"));
        Verdict verdict = ClientAwareExceptionHandler.judge(new CompletionException(failure), TIMEOUT_MS);
        assertEquals(Fault.SERVER, verdict.fault());
        assertSame(failure, verdict.failure());
        assertInstanceOf(ServerFailure.class, verdict.answered());
        assertEquals("INTERNAL_SERVER_ERROR", ServerFailure.class.getAnnotation(ErrorCode.class).value());
        assertFalse(shownMessages().contains(ServerFailure.class.getName()),
                "a ServerFailure's message holds its cause's: SmallRye must answer it with its default message");
    }

    @Test
    void everyRefusalOfOursShowsItsMessageAndHasACode() throws IOException {
        Set<String> shown = shownMessages();
        for (Class<?> refusal : List.of(InvalidInputException.class, NotFoundException.class, ConflictException.class,
                UnauthenticatedException.class, ForbiddenException.class, RequestTimeoutException.class,
                TooManySubscriptionsException.class)) {
            assertTrue(shown.contains(refusal.getName()), refusal.getSimpleName() + " is shown to the client");
            assertTrue(refusal.isAnnotationPresent(ErrorCode.class), refusal.getSimpleName() + " names its code");
        }
    }

    /** The exceptions whose messages SmallRye shows, as the application configures them. */
    private static Set<String> shownMessages() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ClientAwareExceptionHandlerTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return Arrays.stream(properties.getProperty("quarkus.smallrye-graphql.show-runtime-exception-message").split(","))
                .map(String::strip).collect(Collectors.toSet());
    }
}
