package org.attributiongraph.errors;

import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;

/**
 * The extensions.code values of errors that do not come from our own exceptions (those name theirs with
 * {@link io.smallrye.graphql.api.ErrorCode}: VALIDATION, NOT_FOUND, CONFLICT, TIMEOUT, INTERNAL_SERVER_ERROR).
 */
public final class ErrorCodes {

    /** The HTTP request itself is malformed: not JSON, no query, variables that are not an object. */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** The request body is larger than the caller may send. */
    public static final String REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE";
    /** The request body is neither application/json nor application/graphql. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    /** A mutation sent over GET. */
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    /** The query is not valid GraphQL syntax. */
    public static final String GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
    /** The query does not fit the schema, or a value does not fit its type. */
    public static final String GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
    /** The query has more tokens than the parser accepts. */
    public static final String QUERY_TOO_LARGE = "QUERY_TOO_LARGE";
    public static final String TOO_MANY_ALIASES = "TOO_MANY_ALIASES";
    public static final String QUERY_TOO_DEEP = "QUERY_TOO_DEEP";
    /** The query could fetch more objects than allowed. */
    public static final String QUERY_TOO_COMPLEX = "QUERY_TOO_COMPLEX";
    public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";
    /** An automatic persisted query's hash this replica does not know: send the query with it (Apollo's link does). */
    public static final String PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
    /** extensions.persistedQuery in a version, or a shape, not served; or persisted queries are turned off. */
    public static final String PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";
    /** A query sent with a sha256Hash that is not its hash. */
    public static final String PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH";
    /** The service is still loading its record at start (or failed to): retry later. */
    public static final String UNAVAILABLE = "UNAVAILABLE";

    private ErrorCodes() {
    }

    public static GraphQLError error(String code, String message, ErrorClassification classification) {
        return GraphqlErrorBuilder.newError().message(message).errorType(classification)
                .extensions(Map.of("code", code)).build();
    }
}
