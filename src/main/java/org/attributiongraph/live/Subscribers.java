package org.attributiongraph.live;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.attributiongraph.cancellation.RequestCancellation;
import org.attributiongraph.errors.TooManySubscriptionsException;
import org.jboss.logging.Logger;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.AttributeKey;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets subscriptions in within {@link SubscriptionLimits}, and keeps each from holding more than its share: a
 * subscriber whose connection cannot take more (its socket's send buffer is full, or its events pile up past
 * max-queued) is dropped, its WebSocket closed with {@link #TOO_SLOW}, rather than buffered without bound.
 */
@ApplicationScoped
public class Subscribers {

    /** WebSocket close code for a subscriber that did not keep up: 1008, policy violation. */
    public static final int TOO_SLOW = 1008;
    /** How long a dropped subscriber's connection may take to read the close frame before it is cut. */
    private static final long CLOSE_GRACE_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(Subscribers.class);
    private static final AttributeKey<Boolean> DROPPED = AttributeKey.valueOf(Subscribers.class.getName() + ".dropped");
    /** Marks the Vert.x context made for one event. */
    private static final String EVENT = Subscribers.class.getName() + ".event";

    @Inject
    SubscriptionLimits limits;

    @Inject
    CurrentVertxRequest currentRequest;

    @Inject
    Vertx vertx;

    private final AtomicInteger open = new AtomicInteger();
    /** Subscriptions whose feed is connected: an action recorded from now on reaches them. */
    private final AtomicInteger listening = new AtomicInteger();
    private final ConcurrentMap<HttpConnection, AtomicInteger> perConnection = new ConcurrentHashMap<>();

    /**
     * The items news of which comes in ids, each loaded in a request context of its own (null: not for this
     * subscriber); the fields the subscriber selects below it are read in the event's own context (see
     * RequestContextPerEventInstrumentation). The statements of both are the subscription's: its WebSocket closing
     * cancels the one running.
     */
    public <T> Multi<T> admit(Multi<Long> ids, Function<Long, T> load) {
        RoutingContext handshake = currentRequest.getCurrent();
        HttpConnection connection = handshake == null ? null : handshake.request().connection();
        Optional<RequestCancellation> subscription = RequestCancellation.current();
        reserve(connection);
        // Quarkus runs the batched fields below the event through the Vert.x context of the thread they are on, and
        // finds the request context there: each event gets a Vert.x context of its own, not the connection's, so that
        // its request context (and session) is its own. Events are loaded and sent one at a time, in order, on a worker
        Context subscriptionContext = Optional.ofNullable(Vertx.currentContext()).orElseGet(vertx::getOrCreateContext);
        Multi<Long> queued = ids.onOverflow().buffer(limits.maxQueued())
                .emitOn(event -> eventContext(subscriptionContext).executeBlocking(() -> {
                    event.run();
                    return null;
                }, true));
        return Multi.createFrom().<T>emitter(emitter -> {
            var upstream = queued.subscribe().with(id -> {
                if (!keepsUp(connection)) {
                    return;
                }
                T item;
                ManagedContext request = Arc.container().requestContext();
                request.activate();
                try {
                    subscription.ifPresent(RequestCancellation::takesCurrentContext);
                    item = load.apply(id);
                } catch (RuntimeException failure) {
                    if (subscription.isPresent() && subscription.get().ended() != null) {
                        // its WebSocket closed and the statement was cancelled: nobody to tell, nothing to log
                        emitter.complete();
                        return;
                    }
                    throw failure;
                } finally {
                    request.terminate();
                }
                if (item != null) {
                    emitter.emit(item);
                }
            }, fellBehind -> {
                drop(connection);
                emitter.complete();
            }, emitter::complete);
            listening.incrementAndGet();
            emitter.onTermination(() -> {
                listening.decrementAndGet();
                upstream.cancel();
            });
        }, BackPressureStrategy.ERROR)
                .onFailure().invoke(() -> drop(connection))
                .onFailure().recoverWithCompletion()
                .onTermination().invoke(() -> release(connection));
    }

    /**
     * Whether this Vert.x context was made for one event alone: what is kept in it lasts as long as the event
     * (RequestContextPerEventInstrumentation keeps the event's request context there).
     */
    public static boolean isEventsOwn(Context context) {
        return context != null && Boolean.TRUE.equals(context.getLocal(EVENT));
    }

    /** A new Vert.x context for one event; its ordered blocking work still queues with the subscription's. */
    private static Context eventContext(Context subscription) {
        Context event = VertxContext.createNewDuplicatedContext(subscription);
        event.putLocal(EVENT, Boolean.TRUE);
        return event;
    }

    /** How many subscriptions on this replica are connected to the feed now. */
    public int listening() {
        return listening.get();
    }

    private void reserve(HttpConnection connection) {
        if (open.incrementAndGet() > limits.maxTotal()) {
            open.decrementAndGet();
            throw new TooManySubscriptionsException("this server holds its limit of " + limits.maxTotal()
                    + " subscriptions; try again later");
        }
        if (connection != null && perConnection.computeIfAbsent(connection, key -> new AtomicInteger())
                .incrementAndGet() > limits.maxPerConnection()) {
            release(connection);
            throw new TooManySubscriptionsException("a connection may hold " + limits.maxPerConnection()
                    + " subscriptions at once; complete one first, or open another connection");
        }
    }

    private void release(HttpConnection connection) {
        open.decrementAndGet();
        if (connection != null) {
            perConnection.computeIfPresent(connection, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /**
     * Whether the connection takes another event: not if it was dropped, and not if its socket's send buffer is full
     * (what Vert.x's writeQueueFull asks of the same channel), in which case it is dropped now. SmallRye writes to
     * the socket without waiting, so the socket is where a slow reader shows.
     */
    private static boolean keepsUp(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return true;
        }
        Channel channel = base.channel();
        if (channel.hasAttr(DROPPED)) {
            return false;
        }
        if (!channel.isWritable()) {
            drop(connection);
            return false;
        }
        return true;
    }

    /**
     * Sends the close frame behind what the socket still holds, and cuts the connection if the client has not read
     * up to it within the grace; the connection's subscriptions end as it closes.
     */
    private static void drop(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            if (channel.isOpen() && channel.attr(DROPPED).setIfAbsent(Boolean.TRUE) == null) {
                LOG.debugf("dropping a subscriber that does not keep up: %s", channel.remoteAddress());
                channel.writeAndFlush(new CloseWebSocketFrame(TOO_SLOW, "subscriber too slow"));
                channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        }
    }
}
