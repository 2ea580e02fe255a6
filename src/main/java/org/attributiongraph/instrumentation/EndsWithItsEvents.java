package org.attributiongraph.instrumentation;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A subscription's stream of events that says once when it is over: when it completes or fails, or when its subscriber
 * cancels it (the client completed the subscription, or its WebSocket closed). Once cancelled, or once its client has
 * left, it passes nothing more on: an event being answered at that moment still ends, often failed (its statements
 * were cancelled as the socket closed), and SmallRye would print the failure of a subscription nobody listens to any
 * more. Everything else passes through.
 */
final class EndsWithItsEvents<T> implements Publisher<T> {

    private final Publisher<T> events;
    private final Runnable over;
    private final BooleanSupplier clientLeft;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean cancelled;

    EndsWithItsEvents(Publisher<T> events, Runnable over, BooleanSupplier clientLeft) {
        this.events = events;
        this.over = over;
        this.clientLeft = clientLeft;
    }

    @Override
    public void subscribe(Subscriber<? super T> subscriber) {
        events.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription subscription) {
                subscriber.onSubscribe(new Subscription() {
                    @Override
                    public void request(long n) {
                        subscription.request(n);
                    }

                    @Override
                    public void cancel() {
                        cancelled = true;
                        subscription.cancel();
                        end();
                    }
                });
            }

            @Override
            public void onNext(T event) {
                if (listened()) {
                    subscriber.onNext(event);
                }
            }

            @Override
            public void onError(Throwable failure) {
                end();
                if (listened()) {
                    subscriber.onError(failure);
                }
            }

            @Override
            public void onComplete() {
                end();
                if (listened()) {
                    subscriber.onComplete();
                }
            }
        });
    }

    private boolean listened() {
        return !cancelled && !clientLeft.getAsBoolean();
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            over.run();
        }
    }
}
