package org.attributiongraph.http;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.cancellation.RequestCancellation;
import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Watches the connection of a GraphQL request while the engine works on it, and owns the request's CDI request
 * context (and with it the Hibernate session). SmallRye's own handler ends that context the moment the connection
 * closes, even while fields are still being fetched on worker threads, which then fail on a closed session, each
 * failure logged. Here a connection that closes before the answer is written cancels the request
 * ({@link RequestCancellation}), and the context ends only once the engine is done with it. It runs just before
 * SmallRye's handler, which starts the execution and returns: the handlers SmallRye put on the response are then
 * replaced by these. A WebSocket's operations all run in one request context, which Quarkus keeps for the connection
 * and nothing ends: the one opened here at the handshake, ended once the socket has closed and its operations are over.
 */
@ApplicationScoped
public class ConnectionWatch {

    /** After the response cache (HttpCaching.ORDER + 1): an answer it gives is written at once. */
    public static final int ORDER = HttpCaching.ORDER + 2;
    /** Just before SmallRye's WebSocket handler, which Quarkus puts at -99 and which answers the handshake itself. */
    private static final int SOCKET_ORDER = -100;
    private static final Logger LOG = Logger.getLogger(ConnectionWatch.class);

    @Inject
    GraphQLEndpoint endpoint;

    void install(@Observes Router router) {
        router.route(endpoint.path()).order(SOCKET_ORDER).handler(ConnectionWatch::watchSocket);
        router.route(endpoint.path()).order(ORDER).handler(this::watch);
    }

    /**
     * The cancellation of the request being served: the one this watch made for an HTTP request, or, for an operation
     * over a WebSocket (a subscription, or a query sent over it), one of its own that ends when the socket closes: it
     * asks the socket before each fetch, and the socket's closing cancels the statement it has running. It stops
     * listening to the socket once the operation is over, so that a long-lived connection does not collect listeners.
     */
    public static RequestCancellation of(RoutingContext ctx) {
        RequestCancellation watched = ctx.get(RequestCancellation.KEY);
        if (watched != null) {
            return watched;
        }
        HttpConnection connection = ctx.request().connection();
        if (isWebSocket(ctx) && connection instanceof ConnectionBase base) {
            Channel socket = base.channel();
            RequestCancellation operation = new RequestCancellation(socket::isActive);
            ChannelFutureListener hangUp = closed -> operation.clientGone();
            socket.closeFuture().addListener(hangUp);
            // it runs from now until the engine is done with it, or, for a subscription, until its events end
            operation.executionStarted();
            SocketOperations operations = ctx.get(SocketOperations.KEY);
            if (operations != null) {
                operations.started();
            }
            operation.afterExecution(() -> {
                socket.closeFuture().removeListener(hangUp);
                if (operations != null) {
                    operations.ended();
                }
            });
            return operation;
        }
        return new RequestCancellation();
    }

    private void watch(RoutingContext ctx) {
        if (isWebSocket(ctx)) {
            ctx.next(); // a handshake SmallRye did not take
            return;
        }
        if (ctx.response().closed()) {
            // gone while the body was read: nobody would hear of it any more, so the request would run in full
            LOG.debugf("The client of %s %s hung up before its request started; it was not run", ctx.request().method(),
                    ctx.request().path());
            return;
        }
        RequestCancellation cancellation = new RequestCancellation();
        ctx.put(RequestCancellation.KEY, cancellation);
        // SmallRye uses a request context already active, and leaves it to be ended: this one, whose state is kept
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            requestContext.activate();
        }
        ContextState state = requestContext.getState();
        ctx.next();
        HttpServerResponse response = ctx.response();
        if (response.ended()) {
            return; // answered at once, and SmallRye ended the request context with the answer
        }
        AtomicBoolean finished = new AtomicBoolean();
        // Vert.x calls all three when the connection closes first, the end handler alone after an answer
        response.endHandler(ignored -> finish(response, cancellation, state, finished))
                .exceptionHandler(ignored -> finish(response, cancellation, state, finished))
                .closeHandler(ignored -> finish(response, cancellation, state, finished));
    }

    /**
     * Opens the request context that SmallRye then keeps for the connection (its operations run in it, an event of a
     * subscription in one of its own), and ends it once the socket has closed and every operation on it is over.
     */
    private static void watchSocket(RoutingContext ctx) {
        if (!isWebSocket(ctx)) {
            ctx.next();
            return;
        }
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            requestContext.activate();
        }
        SocketOperations operations = new SocketOperations(requestContext.getState());
        ctx.put(SocketOperations.KEY, operations);
        ctx.next();
        if (ctx.request().connection() instanceof ConnectionBase base) {
            base.channel().closeFuture().addListener(closed -> operations.socketClosed());
        }
    }

    private static boolean isWebSocket(RoutingContext ctx) {
        return ctx.request().headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true);
    }

    private static void finish(HttpServerResponse response, RequestCancellation cancellation, ContextState state,
            AtomicBoolean finished) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        if (!response.ended()) {
            cancellation.clientGone();
        }
        cancellation.afterExecution(() -> Arc.container().requestContext().destroy(state));
    }

    /** The operations running over one WebSocket, and the request context they share, ended when both are over. */
    private static final class SocketOperations {
        static final String KEY = SocketOperations.class.getName();
        private final ContextState state;
        private int running;
        private boolean closed;
        private boolean over;

        SocketOperations(ContextState state) {
            this.state = state;
        }

        synchronized void started() {
            running++;
        }

        void ended() {
            endIf(() -> running--);
        }

        void socketClosed() {
            endIf(() -> closed = true);
        }

        private void endIf(Runnable change) {
            boolean end;
            synchronized (this) {
                change.run();
                end = closed && running == 0 && !over;
                over |= end;
            }
            if (end) {
                Arc.container().requestContext().destroy(state);
            }
        }
    }
}
