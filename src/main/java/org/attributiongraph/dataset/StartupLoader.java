package org.attributiongraph.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.action.Action;
import org.attributiongraph.party.Party;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * At start: the bundled seed goes into an empty database, then the configured dataset file, if any, is imported.
 * Both go through the importer every import uses; being idempotent, the file may be imported at every start.
 * A bad file stops the start, saying which record is wrong, rather than serving a record it could not load.
 * Replicas starting together on one database take turns: the first loads, the others then find the work done.
 * A file going into an empty embedded database is bulk-loaded (EmptyDatabaseLoad), which a killed process would
 * leave half done: the next start undoes that first.
 * <p>
 * The load runs in the background once the app has started, so that the HTTP server answers its health probes
 * meanwhile: alive, and not ready until {@link #loaded()} completes. A load that fails stops the app, as a failed
 * start would. With attribution-graph.startup.load-in-background=false it runs before the HTTP server opens.
 */
@ApplicationScoped
public class StartupLoader {

    private static final Logger LOG = Logger.getLogger(StartupLoader.class);

    @Inject
    SeedConfig seed;

    @Inject
    ImportConfig imports;

    @Inject
    StartupConfig startup;

    @Inject
    DatasetReader reader;

    @Inject
    DatasetImporter importer;

    @Inject
    EmptyDatabaseLoad emptyDatabaseLoad;

    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    /** Completes when the seed and the start-up import are in the database; fails with what stopped them. */
    public CompletionStage<Void> loaded() {
        return loaded.minimalCompletionStage();
    }

    void onStart(@Observes StartupEvent start) {
        if (!startup.loadInBackground()) {
            load();
            return;
        }
        Thread loader = new Thread(() -> {
            try {
                load();
            } catch (RuntimeException failed) {
                LOG.error("The start-up load failed; stopping", failed);
                Quarkus.asyncExit(1);
            }
        }, "startup-load");
        loader.start();
    }

    private void load() {
        try {
            QuarkusTransaction.requiringNew().timeout(imports.transactionTimeout()).run(this::loadInTransaction);
            loaded.complete(null);
        } catch (RuntimeException failed) {
            loaded.completeExceptionally(failed);
            throw failed;
        }
    }

    private void loadInTransaction() {
        Party.getEntityManager().createNativeQuery("SELECT id FROM startup_lock WHERE id = 1 FOR UPDATE").getResultList();
        QuarkusTransaction.suspendingExisting().run(emptyDatabaseLoad::restoreIfInterrupted);
        try {
            if (seed.enabled() && Party.count() == 0 && Action.count() == 0) {
                try (InputStream json = Thread.currentThread().getContextClassLoader().getResourceAsStream(seed.resource())) {
                    if (json == null) {
                        throw new IllegalStateException("seed dataset " + seed.resource() + " is not on the classpath");
                    }
                    importTimed("the seed dataset " + seed.resource(), () -> importer.importDataset(reader.read(json)));
                }
            }
            if (imports.file().isPresent()) {
                try (InputStream json = Files.newInputStream(imports.file().get())) {
                    importTimed(imports.file().get().toString(), () -> importer.importAtStart(json));
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Imports a dataset file, saying in the log what it added and how long that took. */
    private void importTimed(String what, Supplier<ImportResult> importing) {
        long start = System.nanoTime();
        ImportResult added = importing.get();
        LOG.infof("Imported %s in %d ms: added %d sources, %d parties, %d actions", what,
                (System.nanoTime() - start) / 1_000_000, added.sourcesAdded(), added.partiesAdded(), added.actionsAdded());
    }
}
