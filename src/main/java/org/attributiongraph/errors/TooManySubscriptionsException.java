package org.attributiongraph.errors;

import io.smallrye.graphql.api.ErrorCode;

/** A subscription beyond what one connection, or the whole replica, may hold open. */
@ErrorCode("TOO_MANY_SUBSCRIPTIONS")
public class TooManySubscriptionsException extends RuntimeException {
    public TooManySubscriptionsException(String message) {
        super(message);
    }
}
