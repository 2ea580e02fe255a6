package org.attributiongraph.writing;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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

    public void start() {
        if (started.compareAndSet(false, true)) {
            vertx.setPeriodic(config.pollInterval().toMillis(),
                    timer -> vertx.executeBlocking(recordVersion::readSharedVersion, false));
        }
    }
}
