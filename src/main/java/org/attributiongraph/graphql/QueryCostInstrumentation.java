package org.attributiongraph.graphql;

import java.util.List;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

/**
 * Refuses, before anything is fetched, a query nested deeper than {@link Limits#maxDepth()} or one that could fetch
 * more than {@link Limits#maxNodes()} objects. The count works like GitHub's node limit: every list of objects a
 * query asks for counts as many items as it may hold, times the items of the lists it sits in. A connection's
 * edges hold `first` items (20 when omitted); any other list counts as {@link Limits#listSizeEstimate()} items.
 * Introspection fields are left out: the console's own schema query is deep but cheap, and graphql-java's good
 * faith introspection check bounds it.
 */
public class QueryCostInstrumentation extends SimplePerformantInstrumentation {

    private static final String FIRST = "first";
    private static final int DEFAULT_FIRST = PageRequest.DEFAULT_FIRST;

    private final Limits limits;

    public QueryCostInstrumentation(Limits limits) {
        this.limits = limits;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        ExecutableNormalizedOperation operation = normalize(execution);
        // the batched fields check their arguments against the same normalized operation: build it once
        execution.getGraphQLContext().put(BatchArguments.OPERATION, operation);
        GraphQLSchema schema = execution.getGraphQLSchema();
        Cost cost = new Cost();
        for (ExecutableNormalizedField root : operation.getTopLevelFields()) {
            add(root, 1, schema, cost);
        }
        if (cost.depth > limits.maxDepth()) {
            throw refusal(ErrorCodes.QUERY_TOO_DEEP, "the query nests " + cost.depth + " fields deep, more than the "
                    + limits.maxDepth() + " allowed; walk a response tree with Action.thread(maxDepth) instead of nesting responses");
        }
        if (cost.nodes > limits.maxNodes()) {
            throw refusal(ErrorCodes.QUERY_TOO_COMPLEX, "the query could fetch " + cost.nodes + " objects, more than the "
                    + limits.maxNodes() + " allowed; ask for smaller pages (first) or fewer nested lists");
        }
        return super.beginExecuteOperation(parameters, state);
    }

    private ExecutableNormalizedOperation normalize(ExecutionContext execution) {
        // graphql-java stops normalizing past its field count limit with an AbortExecutionException of its own
        try {
            return ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(execution.getGraphQLSchema(),
                    execution.getOperationDefinition(), execution.getFragmentsByName(), execution.getCoercedVariables());
        } catch (AbortExecutionException tooBig) {
            throw refusal(ErrorCodes.QUERY_TOO_COMPLEX, "the query asks for too many fields");
        }
    }

    /** Adds a field, asked for once per item of its parent's lists (parentItems), and everything below it. */
    private void add(ExecutableNormalizedField field, long parentItems, GraphQLSchema schema, Cost cost) {
        if (field.getFieldName().startsWith("__")) {
            return;
        }
        cost.depth = Math.max(cost.depth, field.getLevel());
        GraphQLOutputType type = field.getType(schema);
        long items = parentItems;
        if (GraphQLTypeUtil.unwrapNonNull(type) instanceof GraphQLList) {
            items = saturatedMultiply(parentItems, listSize(field));
            cost.nodes = saturatedAdd(cost.nodes, items);
        }
        for (ExecutableNormalizedField child : field.getChildren()) {
            add(child, items, schema, cost);
        }
    }

    /** A connection's edges hold its `first` items; other lists are estimated. */
    private long listSize(ExecutableNormalizedField field) {
        ExecutableNormalizedField parent = field.getParent();
        if (parent != null && parent.getResolvedArguments().containsKey(FIRST)) {
            Object first = parent.getResolvedArguments().get(FIRST);
            return first instanceof Number number ? Math.max(0, number.longValue()) : DEFAULT_FIRST;
        }
        return limits.listSizeEstimate();
    }

    private static long saturatedMultiply(long a, long b) {
        long product = a * b;
        return a != 0 && (product / a != b || product < 0) ? Long.MAX_VALUE : product;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static AbortExecutionException refusal(String code, String message) {
        return new AbortExecutionException(List.of(ErrorCodes.error(code, message, ErrorType.ExecutionAborted)));
    }

    private static final class Cost {
        int depth;
        long nodes;
    }
}
