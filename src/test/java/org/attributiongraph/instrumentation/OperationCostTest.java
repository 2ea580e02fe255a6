package org.attributiongraph.instrumentation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import org.attributiongraph.limits.Limits;
import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * The arithmetic of {@link OperationChecksInstrumentation} on a small schema of the same shape as ours, in plain
 * graphql-java (no Quarkus): a connection's edges count `first` items (20 when omitted or null), any other list the estimate,
 * each times the items of the lists it sits in; depth counts fields; introspection counts nothing.
 */
class OperationCostTest {

    private static final int ESTIMATE = 5;

    /** Nullable throughout: no field is fetched here, each answers null. */
    private static final String SDL = """
            type Query { parties(first: Int = 20): PartyConnection sources: [Source] }
            type PartyConnection { edges: [PartyEdge] totalCount: Int }
            type PartyEdge { node: Party }
            type Party { name: String aliases: [String] parts: [Party] actions(first: Int = 20): ActionConnection }
            type ActionConnection { edges: [ActionEdge] }
            type ActionEdge { node: Action }
            type Action { title: String }
            type Source { title: String }
            """;

    @Test
    void aConnectionCountsItsFirstItems() {
        assertCost(10, "{ parties(first: 10) { edges { node { name } } } }");
        assertCost(20, "{ parties { edges { node { name } } } }");
        assertCost(20, "{ parties(first: null) { edges { node { name } } } }");
    }

    @Test
    void otherListsCountTheEstimateTimesTheItemsAboveThem() {
        // 10 edges, 10 x 5 aliases, 10 x 5 parts, 10 x 5 x 5 aliases of parts
        assertCost(10 + 50 + 50 + 250, "{ parties(first: 10) { edges { node { aliases parts { aliases } } } } }");
        assertCost(ESTIMATE, "{ sources { title } }");
    }

    @Test
    void nestedConnectionsMultiply() {
        // 10 parties, 3 actions each
        assertCost(10 + 30, "{ parties(first: 10) { edges { node { actions(first: 3) { edges { node { title } } } } } } }");
    }

    @Test
    void withinTheLimitsTheQueryRuns() {
        ExecutionResult result = run(limits(40, 10), "{ parties(first: 10) { edges { node { actions(first: 3) { edges { node { title } } } } } } }");
        assertTrue(result.getErrors().isEmpty(), () -> result.getErrors().toString());
    }

    @Test
    void depthCountsFieldsAndIntrospectionIsLeftOut() {
        GraphQLError refused = refusal(limits(1_000, 3), "{ parties { edges { node { name } } } }");
        assertEquals("QUERY_TOO_DEEP", refused.getExtensions().get("code"));
        assertTrue(refused.getMessage().startsWith("the query nests 4 fields deep, more than the 3 allowed"), refused.getMessage());
        assertTrue(run(limits(0, 1), "{ __schema { types { fields { name } } } }").getErrors().isEmpty());
    }

    /** With no objects allowed, the refusal names the count. */
    private static void assertCost(long nodes, String query) {
        ExecutionResult result = run(limits(nodes, 100), query);
        assertTrue(result.getErrors().isEmpty(), () -> nodes + " objects are allowed: " + result.getErrors());
        GraphQLError refused = refusal(limits(nodes - 1, 100), query);
        assertEquals("QUERY_TOO_COMPLEX", refused.getExtensions().get("code"));
        assertTrue(refused.getMessage().startsWith("the query could fetch " + nodes + " objects, more than the "
                + (nodes - 1) + " allowed"), refused.getMessage());
    }

    private static GraphQLError refusal(Limits limits, String query) {
        List<GraphQLError> errors = run(limits, query).getErrors();
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    private static ExecutionResult run(Limits limits, String query) {
        var schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
                RuntimeWiring.newRuntimeWiring().build());
        return GraphQL.newGraphQL(schema).instrumentation(new OperationChecksInstrumentation(limits)).build().execute(query);
    }

    private static Limits limits(long maxNodes, int maxDepth) {
        return new Limits() {
            public int maxFirst() {
                return 100;
            }

            public int maxThreadDepth() {
                return 10;
            }

            public int maxDepth() {
                return maxDepth;
            }

            public int maxNodes() {
                return (int) maxNodes;
            }

            public int listSizeEstimate() {
                return ESTIMATE;
            }

            public MemorySize maxBodySize() {
                return new MemorySize(BigInteger.valueOf(1 << 20));
            }

            public int maxAliases() {
                return 30;
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(10);
            }

            public int statementTimeoutMs() {
                return 1000;
            }
        };
    }
}
