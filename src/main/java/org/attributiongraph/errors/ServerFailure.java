package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/**
 * Stands in, towards the client, for a failure that is ours and not the client's. Its message is not listed in
 * show-runtime-exception-message, so the client sees only the default error message ("System error") and the
 * code; the log has the cause.
 */
@ErrorCode("INTERNAL_SERVER_ERROR")
public class ServerFailure extends RuntimeException {
    public ServerFailure(Throwable cause) {
        super(cause);
    }
}
