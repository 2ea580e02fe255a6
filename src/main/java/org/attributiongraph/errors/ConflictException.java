package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The request is well formed but clashes with the record as it stands (a taken name, a stale version, a dependant). */
@ErrorCode("CONFLICT")
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
