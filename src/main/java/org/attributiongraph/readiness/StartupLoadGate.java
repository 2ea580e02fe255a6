package org.attributiongraph.readiness;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.dataset.StartupConfig;
import org.attributiongraph.dataset.StartupLoader;
import org.attributiongraph.errors.ErrorCodes;
import org.attributiongraph.http.GraphQLEndpoint;
import org.attributiongraph.http.GraphQLHttpGuard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds GraphQL requests that arrive while the start-up load is still writing, so that nobody reads a half-loaded
 * record: each waits for the load up to attribution-graph.startup.request-wait, then is answered 503 UNAVAILABLE
 * with Retry-After. Load balancers keep away meanwhile by the readiness probe; this covers whoever comes anyway.
 */
@ApplicationScoped
public class StartupLoadGate {

    /** Right before the HTTP guard: after the security filters, before SmallRye's route. */
    private static final int ORDER = GraphQLHttpGuard.ORDER - 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    StartupLoader loader;

    @Inject
    GraphQLEndpoint endpoint;

    @Inject
    StartupConfig startup;

    void install(@Observes Router router) {
        router.route(endpoint.path()).order(ORDER).handler(this::gate);
    }

    private void gate(RoutingContext ctx) {
        var loaded = loader.loaded().toCompletableFuture();
        if (loaded.isDone() && !loaded.isCompletedExceptionally()) {
            ctx.next();
            return;
        }
        // the body is read later, by the HTTP guard's body handler: keep it buffered meanwhile
        ctx.request().pause();
        AtomicBoolean answered = new AtomicBoolean();
        // the request goes on on its own event loop, not on the thread that finished the load
        Context requestContext = Vertx.currentContext();
        long timer = ctx.vertx().setTimer(Math.max(1, startup.requestWait().toMillis()), expired -> {
            if (answered.compareAndSet(false, true)) {
                unavailable(ctx);
            }
        });
        loaded.whenComplete((done, failed) -> requestContext.runOnContext(onContext -> {
            if (answered.compareAndSet(false, true)) {
                ctx.vertx().cancelTimer(timer);
                if (failed == null) {
                    ctx.request().resume();
                    ctx.next();
                } else {
                    unavailable(ctx);
                }
            }
        }));
    }

    private static void unavailable(RoutingContext ctx) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putArray("errors").addObject();
        error.put("message", "the service is still loading its record at start; retry shortly");
        error.putObject("extensions").put("code", ErrorCodes.UNAVAILABLE);
        ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "5")
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=UTF-8").end(body.toString());
    }
}
