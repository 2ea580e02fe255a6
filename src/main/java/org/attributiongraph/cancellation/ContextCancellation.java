package org.attributiongraph.cancellation;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.arc.Unremovable;

/**
 * The request whose work a CDI request context does: an HTTP request's own context, or one that a subscription
 * opens for each of its events. {@link RunningStatements} finds through it whose statement a session is running.
 * Looked up, never injected: hence kept.
 */
@RequestScoped
@Unremovable
class ContextCancellation {

    private RequestCancellation request;

    RequestCancellation request() {
        return request;
    }

    void request(RequestCancellation request) {
        this.request = request;
    }
}
