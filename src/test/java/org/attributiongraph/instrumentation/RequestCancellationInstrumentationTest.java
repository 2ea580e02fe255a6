package org.attributiongraph.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.attributiongraph.errors.RequestTimeoutException;
import org.junit.jupiter.api.Test;

import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** The per-request time limit, on a bare graphql-java engine whose first field takes 200 ms. */
class RequestCancellationInstrumentationTest {

    private static GraphQL engineWithTimeout(Duration timeout) {
        var schema = new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse("type Query { slow: Step } type Step { next: String }"),
                RuntimeWiring.newRuntimeWiring()
                        .type("Query", type -> type.dataFetcher("slow", env -> {
                            Thread.sleep(200);
                            return new HashMap<>();
                        }))
                        .type("Step", type -> type.dataFetcher("next", env -> "fetched"))
                        .build());
        return GraphQL.newGraphQL(schema).instrumentation(new RequestCancellationInstrumentation(timeout)).build();
    }

    @Test
    void fieldsStillToBeFetchedWhenTheTimeIsUpFailWithTimeout() {
        ExecutionResult result = engineWithTimeout(Duration.ofMillis(50)).execute("{ slow { next } }");
        Map<String, Object> slow = new HashMap<>();
        slow.put("next", null);
        assertEquals(Map.of("slow", slow), result.getData());
        assertEquals(1, result.getErrors().size());
        assertInstanceOf(RequestTimeoutException.class, ((ExceptionWhileDataFetching) result.getErrors().get(0)).getException());
    }

    @Test
    void aRequestWithinItsTimeIsAnsweredWhole() {
        ExecutionResult result = engineWithTimeout(Duration.ofSeconds(10)).execute("{ slow { next } }");
        assertEquals(Map.of("slow", Map.of("next", "fetched")), result.getData());
    }
}
