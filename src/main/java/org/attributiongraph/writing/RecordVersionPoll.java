package org.attributiongraph.writing;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;

/**
 * Reads the record's shared version every poll-interval ({@link RecordVersionConfig}), so that what this replica
 * keeps or tags by version follows the other replicas' writes. Started by whoever needs it, once however many do.
 */
@ApplicationScoped
public class RecordVersionPoll {

    @Inject
    RecordVersion recordVersion;

    @Inject
    RecordVersionConfig config;

    @Inject
    Vertx vertx;

    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile long timer = -1;

    /** From a start-up observer: reads the shared version once at once, then every poll-interval. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            // the first reading is where this replica starts from, and it moves the generation on: taken now, before
            // any answer is kept under the generation, not at the first tick, which would drop what was kept by then
            recordVersion.readSharedVersion();
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), tick -> vertx.executeBlocking(() -> {
                if (!stopping) {
                    recordVersion.readSharedVersion();
                }
                return null;
            }, false));
        }
    }

    /** Stops before the connection pool closes, so that a read at shutdown does not fail on a closed pool. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
