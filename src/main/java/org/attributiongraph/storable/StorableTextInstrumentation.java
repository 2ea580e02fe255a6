package org.attributiongraph.storable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.attributiongraph.errors.ErrorCodes;
import org.attributiongraph.errors.InvalidInputException;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Argument;
import graphql.language.Node;
import graphql.language.ObjectField;
import graphql.language.StringValue;
import graphql.language.VariableDefinition;
import io.smallrye.graphql.api.ErrorCode;

/**
 * Refuses an operation that passes text no database can store ({@link StorableText}) before any field is fetched:
 * in a literal argument, a nested input object, a list, a directive, a variable's default or a variable's value.
 * It sits in the GraphQL engine, so queries, mutations and subscriptions are checked alike however they arrive.
 * The refusal is the client's mistake, VALIDATION, and names the argument or variable.
 */
public class StorableTextInstrumentation extends SimplePerformantInstrumentation {

    /** The code of every input refused as wrong: the one InvalidInputException carries. */
    private static final String VALIDATION = InvalidInputException.class.getAnnotation(ErrorCode.class).value();

    @Override
    public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
            InstrumentationState state) {
        ExecutionContext execution = parameters.getExecutionContext();
        checkLiterals(execution.getOperationDefinition(), null);
        execution.getFragmentsByName().values().forEach(fragment -> checkLiterals(fragment, null));
        execution.getCoercedVariables().toMap().forEach((name, value) -> checkValue(value, "variable $" + name));
        return super.beginExecuteOperation(parameters, state);
    }

    /** Walks the document below node; where names the argument (and input field) a string sits in. */
    private static void checkLiterals(Node<?> node, String where) {
        if (node instanceof StringValue string) {
            refuseIfUnstorable(string.getValue(), where == null ? "a string in the query" : where);
            return;
        }
        String inner = where;
        if (node instanceof Argument argument) {
            inner = "argument '" + argument.getName() + "'";
        } else if (node instanceof VariableDefinition variable) {
            inner = "the default of variable $" + variable.getName();
        } else if (node instanceof ObjectField field && where != null) {
            inner = where + ", field '" + field.getName() + "'";
        }
        for (Node<?> child : node.getChildren()) {
            checkLiterals(child, inner);
        }
    }

    private static void checkValue(Object value, String where) {
        if (value instanceof String text) {
            refuseIfUnstorable(text, where);
        } else if (value instanceof Map<?, ?> fields) {
            fields.forEach((name, field) -> checkValue(field, where + ", field '" + name + "'"));
        } else if (value instanceof List<?> items) {
            items.forEach(item -> checkValue(item, where));
        }
    }

    private static void refuseIfUnstorable(String text, String where) {
        Optional<String> problem = StorableText.problem(text);
        if (problem.isPresent()) {
            throw new AbortExecutionException(List.of(ErrorCodes.error(VALIDATION,
                    "the text of " + where + " " + problem.get() + ": " + StorableText.remedy(), ErrorType.ValidationError)));
        }
    }
}
