package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The caller is known but not allowed to do this. */
@ErrorCode("FORBIDDEN")
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
