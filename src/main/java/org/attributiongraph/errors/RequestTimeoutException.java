package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The request ran past its time limit, or one of its database statements did: the rest of it was not fetched. */
@ErrorCode("TIMEOUT")
public class RequestTimeoutException extends RuntimeException {
    public RequestTimeoutException(String message) {
        super(message);
    }
}
