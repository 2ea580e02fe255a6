package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The request needs to say who is making it (a bearer token) and did not. */
@ErrorCode("UNAUTHORIZED")
public class UnauthenticatedException extends RuntimeException {
    public UnauthenticatedException(String message) {
        super(message);
    }
}
