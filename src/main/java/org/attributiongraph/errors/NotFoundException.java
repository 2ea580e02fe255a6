package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** An id the request refers to names nothing that exists. */
@ErrorCode("NOT_FOUND")
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
