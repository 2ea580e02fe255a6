package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The request asked for something that can never succeed as written: fix the input and retry. */
@ErrorCode("VALIDATION")
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
