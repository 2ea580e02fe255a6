package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/**
 * The client hung up before the answer was written: the field was not fetched. Nobody reads the answer; thrown for
 * every field not fetched, so it carries no stack trace (there is nothing to debug in it, and none is logged).
 */
@ErrorCode(ClientGoneException.CODE)
public class ClientGoneException extends RuntimeException {

    public static final String CODE = "CANCELLED";

    public ClientGoneException() {
        super("the client closed the connection; this field was not fetched", null, false, false);
    }
}
