package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** The client hung up before the answer was written: the field was not fetched. Nobody reads it; it keeps the log quiet. */
@ErrorCode("CANCELLED")
public class ClientGoneException extends RuntimeException {
    public ClientGoneException() {
        super("the client closed the connection; this field was not fetched");
    }
}
