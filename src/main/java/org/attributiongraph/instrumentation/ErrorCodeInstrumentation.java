package org.attributiongraph.instrumentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.attributiongraph.errors.ErrorCodes;

import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.validation.ValidationError;

/**
 * Gives every error of a response an extensions.code. Errors from our exceptions already have one (their
 * {@link io.smallrye.graphql.api.ErrorCode}); graphql-java's own validation and parse errors get one from their
 * classification here. Two things graphql-java and SmallRye say are mended on the way:
 * <ul>
 * <li>an argument value that does not fit its type is reported with its parser node ("'EnumValue{name='FOO'}' is not
 * a valid 'ActionKind'") and, by SmallRye, with the Java type it was to become ("'StringValue{value='abc'}' is not a
 * valid 'BigInteger'" for an ID): the message names only the argument and, where graphql-java named it, the schema
 * type; an input object that lacks a required field or has an unknown one is named with those fields only;</li>
 * <li>the null such a failed argument leaves in a non-null field is a consequence, not a second error: the
 * "wrongly returned a null value" error at the same path is dropped.</li>
 * </ul>
 */
public class ErrorCodeInstrumentation extends SimplePerformantInstrumentation {

    private static final String CODE = "code";
    /** graphql-java's message names the schema type; SmallRye's, without the "Validation error" prefix, a Java one. */
    private static final Pattern WRONG_ARGUMENT = Pattern.compile(
            "(Validation error \\(WrongType@[^)]*\\) : )?argument '([^']+)' with value .* is not a valid '([^']+)'.*",
            Pattern.DOTALL);
    /** An input object short of a field, or with one too many: graphql-java prints the whole value as parser nodes. */
    private static final Pattern WRONG_INPUT_FIELDS = Pattern.compile(
            "Validation error \\(WrongType@[^)]*\\) : argument '([^']+)' with value .* "
                    + "(is missing required fields '[^']*'|contains a field not in '[^']*': '[^']*')",
            Pattern.DOTALL);

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
            InstrumentationExecutionParameters parameters, InstrumentationState state) {
        if (result.getErrors().isEmpty()) {
            return CompletableFuture.completedFuture(result);
        }
        Set<String> failedArgumentPaths = result.getErrors().stream()
                .filter(ValidationError.class::isInstance)
                .map(error -> String.valueOf(((ValidationError) error).getQueryPath()))
                .collect(Collectors.toSet());
        List<GraphQLError> errors = new ArrayList<>();
        for (GraphQLError error : result.getErrors()) {
            if (error.getErrorType() == ErrorType.NullValueInNonNullableField
                    && failedArgumentPaths.contains(String.valueOf(error.getPath()))) {
                continue;
            }
            errors.add(withCode(error));
        }
        return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(errors)));
    }

    private static GraphQLError withCode(GraphQLError error) {
        if (error instanceof ExceptionWhileDataFetching
                || error.getExtensions() != null && error.getExtensions().containsKey(CODE)) {
            return error;
        }
        Map<String, Object> extensions = new HashMap<>(error.getExtensions() == null ? Map.of() : error.getExtensions());
        extensions.put(CODE, codeOf(error));
        return GraphqlErrorBuilder.newError().message(messageOf(error)).locations(error.getLocations())
                .path(error.getPath()).errorType(error.getErrorType()).extensions(extensions).build();
    }

    private static String codeOf(GraphQLError error) {
        if (error.getErrorType() instanceof ErrorType type) {
            return switch (type) {
                case InvalidSyntax -> ErrorCodes.GRAPHQL_PARSE_FAILED;
                case ValidationError, OperationNotSupported -> ErrorCodes.GRAPHQL_VALIDATION_FAILED;
                case ExecutionAborted -> ErrorCodes.QUERY_TOO_COMPLEX;
                case DataFetchingException, NullValueInNonNullableField -> ErrorCodes.INTERNAL_SERVER_ERROR;
            };
        }
        // graphql-java's good faith check refuses introspection queries that ask for too much
        return "BadFaithIntrospection".equals(error.getErrorType().toString()) ? ErrorCodes.QUERY_TOO_COMPLEX
                : ErrorCodes.INTERNAL_SERVER_ERROR;
    }

    private static String messageOf(GraphQLError error) {
        Matcher wrongFields = WRONG_INPUT_FIELDS.matcher(error.getMessage());
        if (wrongFields.matches()) {
            return "argument '" + wrongFields.group(1) + "' " + wrongFields.group(2);
        }
        Matcher wrongArgument = WRONG_ARGUMENT.matcher(error.getMessage());
        if (!wrongArgument.matches()) {
            return error.getMessage();
        }
        String argument = wrongArgument.group(2);
        return wrongArgument.group(1) != null ? "argument '" + argument + "' is not a valid " + wrongArgument.group(3)
                : "argument '" + argument + "' has a value that does not fit its type (dates are written YYYY-MM-DD, "
                        + "ids as digits, enum values as the schema lists them)";
    }
}
