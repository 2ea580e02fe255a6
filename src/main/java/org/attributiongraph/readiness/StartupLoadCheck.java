package org.attributiongraph.readiness;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.attributiongraph.dataset.StartupLoader;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the seed and the start-up import are in the database (Flyway's migrations ran before the start).
 * Whether the database can be reached is the datasource's own readiness check, which Quarkus adds.
 */
@Readiness
@ApplicationScoped
public class StartupLoadCheck implements HealthCheck {

    static final String NAME = "start-up load";

    @Inject
    StartupLoader loader;

    @Override
    public HealthCheckResponse call() {
        var state = loader.loaded().toCompletableFuture();
        if (!state.isDone()) {
            return HealthCheckResponse.named(NAME).down().withData("state", "loading the seed and the start-up import").build();
        }
        if (state.isCompletedExceptionally()) {
            return HealthCheckResponse.named(NAME).down().withData("state", "failed; the app is stopping").build();
        }
        return HealthCheckResponse.named(NAME).up().build();
    }
}
