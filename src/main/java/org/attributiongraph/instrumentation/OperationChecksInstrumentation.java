package org.attributiongraph.instrumentation;

import java.math.BigDecimal;
import java.util.List;

import org.attributiongraph.errors.ErrorCodes;
import org.attributiongraph.limits.Aliases;
import org.attributiongraph.limits.Limits;
import org.attributiongraph.paging.PageRequest;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.IntValue;
import graphql.normalized.ExecutableNormalizedField;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.normalized.ExecutableNormalizedOperationFactory;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;

/**
 * Refuses, before anything is fetched:
 * <ul>
 * <li>a document with more aliases than {@link Limits#maxAliases()};</li>
 * <li>a query nested deeper than {@link Limits#maxDepth()};</li>
 * <li>a query that could fetch more than {@link Limits#maxNodes()} objects. The count works like GitHub's node
 * limit: every list of objects a query asks for counts as many items as it may hold, times the items of the lists it
 * sits in. A connection's edges hold `first` items (20 when omitted); any other list counts as
 * {@link Limits#listSizeEstimate()} items;</li>
 * <li>an Int argument outside the 32-bit range, literal or variable: SmallRye's Int scalar would silently wrap it
 * (first: 4294967298 would ask for 2 items).</li>
 * </ul>
 * Introspection fields are left out of depth and count: the console's own schema query is deep but cheap, and
 * graphql-java's good faith introspection check bounds it.
 */
public class OperationChecksInstrumentation extends SimplePerformantInstrumentation {

    private static final String FIRST = "first";
    /** By name: SmallRye's Int is its own scalar, not graphql-java's. */
    private static final String INT = "Int";
    private static final int DEFAULT_FIRST = PageRequest.DEFAULT_FIRST;
    /**
     * Fields of the operation once fragments are spread, past which graphql-java stops normalizing it. A document
     * within the token limit names at most about a thousand fields; only fragments spread again and again (each
     * spreading the next twice, say) reach this, and normalizing the 100,000 graphql-java allows would take long.
     */
    private static final int MAX_FIELDS = 10_000;

    private final Limits limits;

    public OperationChecksInstrumentation(Limits limits) {
        this.limits = limits;
    }

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        // the HTTP door counts them before this; subscriptions come over WebSocket, past no door
        int aliases = Aliases.in(execution.getDocument());
        if (aliases > limits.maxAliases()) {
            throw refusal(ErrorCodes.TOO_MANY_ALIASES, "the query uses " + aliases + " aliases, more than the "
                    + limits.maxAliases() + " allowed");
        }
        ExecutableNormalizedOperation operation = normalize(execution);
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
        try {
            return ExecutableNormalizedOperationFactory.createExecutableNormalizedOperation(execution.getGraphQLSchema(),
                    execution.getOperationDefinition(), execution.getFragmentsByName(), execution.getCoercedVariables(),
                    ExecutableNormalizedOperationFactory.Options.defaultOptions().maxFieldsCount(MAX_FIELDS));
        } catch (AbortExecutionException tooMany) {
            throw refusal(ErrorCodes.QUERY_TOO_COMPLEX, "the query asks for more than " + MAX_FIELDS
                    + " fields once its fragments are spread");
        }
    }

    /** Adds a field, asked for once per item of its parent's lists (parentItems), and everything below it. */
    private void add(ExecutableNormalizedField field, long parentItems, GraphQLSchema schema, Cost cost) {
        if (field.getFieldName().startsWith("__")) {
            return;
        }
        // a literal shows its digits only in the document, a variable its value only once resolved
        GraphQLFieldDefinition definition = field.getFieldDefinitions(schema).get(0);
        for (Argument argument : field.getAstArguments()) {
            GraphQLArgument declared = definition.getArgument(argument.getName());
            if (declared != null && INT.equals(GraphQLTypeUtil.unwrapAll(declared.getType()).getName())
                    && (outsideIntRange(argument.getValue()) || outsideIntRange(field.getResolvedArguments().get(argument.getName())))) {
                throw refusal(ErrorCodes.GRAPHQL_VALIDATION_FAILED, "argument '" + argument.getName() + "' of "
                        + field.getFieldName() + " is outside the Int range, -2147483648 to 2147483647");
            }
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

    /** An Int literal or value, or a list of them, that does not fit in 32 bits. */
    private static boolean outsideIntRange(Object value) {
        if (value instanceof IntValue literal) {
            return literal.getValue().bitLength() > 31;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return !Double.isFinite(number) || number < Integer.MIN_VALUE || number > Integer.MAX_VALUE;
        }
        if (value instanceof Number number && !(value instanceof Integer)) {
            BigDecimal exact = new BigDecimal(number.toString());
            return exact.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0 || exact.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0;
        }
        if (value instanceof ArrayValue literals) {
            return literals.getValues().stream().anyMatch(OperationChecksInstrumentation::outsideIntRange);
        }
        return value instanceof List<?> values && values.stream().anyMatch(OperationChecksInstrumentation::outsideIntRange);
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
