package org.attributiongraph.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;


import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a request that failed before execution (its answer has no data: the query did not validate, a variable did
 * not fit its type, the depth or cost limit refused it) with 400 where the answer is
 * application/graphql-response+json, as the GraphQL over HTTP specification has it; application/json answers keep 200.
 * Requests that fail earlier still, in the {@link GraphQLHttpGuard}, get their status there.
 */
@ApplicationScoped
public class FailedRequestStatus {

    /** Right after the guard, before anything that may answer. */
    public static final int ORDER = GraphQLHttpGuard.ORDER + 1;

    @Inject
    GraphQLEndpoint endpoint;

    void install(@Observes Router router) {
        router.route(endpoint.path()).order(ORDER).handler(this::watch);
    }

    private void watch(RoutingContext ctx) {
        if (GraphQLRequest.checked(ctx) != null) {
            RequestOutcome outcome = RequestOutcome.of(ctx);
            ctx.addHeadersEndHandler(headEnds -> {
                HttpServerResponse response = ctx.response();
                if (response.getStatusCode() == 200 && outcome.failedBeforeExecution()
                        && mediaType(response.headers().get(HttpHeaders.CONTENT_TYPE)).startsWith("application/graphql")) {
                    response.setStatusCode(400).setStatusMessage("Bad Request");
                }
            });
        }
        ctx.next();
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";", 2)[0].strip();
    }
}
