package org.attributiongraph.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import org.attributiongraph.cancellation.RequestCancellation;
import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/**
 * The per-request time limit, on a bare graphql-java engine whose every step takes 20 ms: forty steps in a row, far
 * more than fit in the limit, so that many fields are still to be fetched when the time is up.
 */
class RequestCancellationInstrumentationTest {

    private static final int STEPS = 40;

    private static GraphQL engineWithTimeout(Duration timeout) {
        var schema = new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse("type Query { steps: [Step!]! } type Step { next: String! }"),
                RuntimeWiring.newRuntimeWiring()
                        .type("Query", type -> type.dataFetcher("steps",
                                env -> IntStream.range(0, STEPS).mapToObj(i -> new HashMap<>()).toList()))
                        .type("Step", type -> type.dataFetcher("next", env -> {
                            Thread.sleep(20);
                            return "fetched";
                        }))
                        .build());
        return GraphQL.newGraphQL(schema).instrumentation(new RequestCancellationInstrumentation(timeout)).build();
    }

    @Test
    void aRequestPastItsTimeIsAnsweredWithOneTimeoutErrorAndLogsOneWarning() {
        List<LogRecord> warnings = Collections.synchronizedList(new ArrayList<>());
        Logger log = Logger.getLogger(RequestCancellation.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try {
            ExecutionResult result = engineWithTimeout(Duration.ofMillis(100)).execute("{ steps { next } }");
            assertNull(result.getData(), "no data: the fields given nothing would read as empty");
            assertEquals(1, result.getErrors().size(), () -> "one error for the request: " + result.getErrors());
            assertEquals("TIMEOUT", result.getErrors().get(0).getExtensions().get("code"));
            assertTrue(result.getErrors().get(0).getMessage().contains("100 ms"), result.getErrors().get(0).getMessage());
            assertEquals(1, warnings.size(), () -> "one WARN line: " + warnings.stream().map(LogRecord::getMessage).toList());
        } finally {
            log.removeHandler(capture);
        }
    }

    @Test
    void aRequestWithinItsTimeIsAnsweredWhole() {
        ExecutionResult result = engineWithTimeout(Duration.ofSeconds(10)).execute("{ steps { next } }");
        assertTrue(result.getErrors().isEmpty(), () -> result.getErrors().toString());
        assertEquals(Map.of("steps", Collections.nCopies(STEPS, Map.of("next", "fetched"))), result.getData());
    }
}
