package org.attributiongraph.instrumentation;

import java.util.concurrent.atomic.AtomicBoolean;

import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A subscription's stream of events that says once when it is over: when it completes or fails, or when its subscriber
 * cancels it (the client completed the subscription, or its WebSocket closed). Everything else passes through.
 */
final class EndsWithItsEvents<T> implements Publisher<T> {

    private final Publisher<T> events;
    private final Runnable over;
    private final AtomicBoolean ended = new AtomicBoolean();

    EndsWithItsEvents(Publisher<T> events, Runnable over) {
        this.events = events;
        this.over = over;
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
                        subscription.cancel();
                        end();
                    }
                });
            }

            @Override
            public void onNext(T event) {
                subscriber.onNext(event);
            }

            @Override
            public void onError(Throwable failure) {
                end();
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                end();
                subscriber.onComplete();
            }
        });
    }

    private void end() {
        if (ended.compareAndSet(false, true)) {
            over.run();
        }
    }
}
