package org.attributiongraph.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.attributiongraph.action.Action;
import org.attributiongraph.party.Party;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;

/**
 * At start: the bundled seed goes into an empty database, then the configured dataset file, if any, is imported.
 * Both go through the importer every import uses; being idempotent, the file may be imported at every start.
 * A bad file stops the start, saying which record is wrong, rather than serving a record it could not load.
 * Replicas starting together on one database take turns: the first loads, the others then find the work done.
 * A file going into an empty embedded database is bulk-loaded (EmptyDatabaseLoad), which a killed process would
 * leave half done: the next start undoes that first.
 */
@ApplicationScoped
public class StartupLoader {

    private static final Logger LOG = Logger.getLogger(StartupLoader.class);

    @ConfigProperty(name = "attribution-graph.seed.enabled", defaultValue = "true")
    boolean seedEnabled;

    @ConfigProperty(name = "attribution-graph.seed.resource", defaultValue = "dataset/exchange-hafnium-2021.json")
    String seedResource;

    @ConfigProperty(name = "attribution-graph.import.file")
    Optional<Path> importFile;

    @Inject
    DatasetReader reader;

    @Inject
    DatasetImporter importer;

    @Inject
    EmptyDatabaseLoad emptyDatabaseLoad;

    @Transactional
    @TransactionConfiguration(timeoutFromConfigProperty = "attribution-graph.import.transaction-timeout")
    void onStart(@Observes StartupEvent start) throws IOException {
        Party.getEntityManager().createNativeQuery("SELECT id FROM startup_lock WHERE id = 1 FOR UPDATE").getResultList();
        QuarkusTransaction.suspendingExisting().run(emptyDatabaseLoad::restoreIfInterrupted);
        if (seedEnabled && Party.count() == 0 && Action.count() == 0) {
            try (InputStream json = Thread.currentThread().getContextClassLoader().getResourceAsStream(seedResource)) {
                if (json == null) {
                    throw new IllegalStateException("seed dataset " + seedResource + " is not on the classpath");
                }
                log("the seed dataset " + seedResource, importer.importDataset(reader.read(json)));
            }
        }
        if (importFile.isPresent()) {
            try (InputStream json = Files.newInputStream(importFile.get())) {
                log(importFile.get().toString(), importer.importAtStart(reader.read(json)));
            }
        }
    }

    private static void log(String what, ImportResult added) {
        LOG.infof("Imported %s: added %d sources, %d parties, %d actions", what, added.sourcesAdded(),
                added.partiesAdded(), added.actionsAdded());
    }
}
