package org.attributiongraph.dataset;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.action.Action;
import org.attributiongraph.party.Party;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/** Loads the bundled dataset into an empty database at start, through the same importer every import uses. */
@ApplicationScoped
public class SeedLoader {

    private static final Logger LOG = Logger.getLogger(SeedLoader.class);

    @ConfigProperty(name = "attribution-graph.seed.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "attribution-graph.seed.resource", defaultValue = "dataset/exchange-hafnium-2021.json")
    String resource;

    @Inject
    DatasetReader reader;

    @Inject
    DatasetImporter importer;

    void onStart(@Observes StartupEvent start) throws IOException {
        if (!enabled || Party.count() > 0 || Action.count() > 0) {
            return;
        }
        try (InputStream json = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (json == null) {
                throw new IllegalStateException("seed dataset " + resource + " is not on the classpath");
            }
            DatasetImporter.Outcome outcome = importer.importDataset(reader.read(json));
            LOG.infof("Loaded the seed dataset %s into the empty database: %d sources, %d parties, %d actions",
                    resource, outcome.sourcesAdded(), outcome.partiesAdded(), outcome.actionsAdded());
        }
    }
}
