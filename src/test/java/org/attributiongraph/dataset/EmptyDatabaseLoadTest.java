package org.attributiongraph.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.source.Source;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The start-up import into an empty database goes by bulk load; it must keep every promise the ordinary import makes. */
@QuarkusTest
@TestProfile(EmptyDatabaseLoadTest.EmptyDatabase.class)
class EmptyDatabaseLoadTest {

    public static class EmptyDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // emptying the record after a load of ten thousand actions may take longer than the tests' usual 1 s
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:h2:mem:empty-database-load;DB_CLOSE_DELAY=-1",
                    "attribution-graph.seed.enabled", "false", "attribution-graph.limits.statement-timeout-ms", "30000");
        }
    }

    @Inject
    DatasetImporter importer;

    @Inject
    DatasetExporter exporter;

    @Inject
    DatasetReader reader;

    @Inject
    EmptyDatabaseLoad emptyDatabaseLoad;

    @Inject
    EntityManager entityManager;

    @Inject
    ObjectMapper mapper;

    private List<String> schemaAsLoaded;

    @BeforeEach
    void startEmpty() {
        QuarkusTransaction.requiringNew().run(() -> Records.deleteAll(entityManager));
        schemaAsLoaded = schema();
    }

    private Dataset generated(long seed, int actions) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new GraphGenerator(seed, actions, GraphGenerator.defaultParties(actions)).write(json);
        return reader.read(new ByteArrayInputStream(json.toByteArray()));
    }

    /** As StartupLoader calls it: inside a transaction of its own, with the file as written. */
    private ImportResult importAtStart(Dataset dataset) {
        return QuarkusTransaction.requiringNew().call(() -> {
            assertTrue(emptyDatabaseLoad.applies(), "the database is empty and embedded: the bulk load is used");
            return importer.importAtStart(file(dataset));
        });
    }

    private InputStream file(Dataset dataset) throws IOException {
        return new ByteArrayInputStream(mapper.writeValueAsBytes(dataset));
    }

    /** Every table, index and constraint of the record, as H2 scripts them (not sequences or statistics: they move on). */
    @SuppressWarnings("unchecked")
    private List<String> schema() {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object>) entityManager
                .createNativeQuery("SCRIPT NODATA NOPASSWORDS NOSETTINGS TABLE " + String.join(", ", EmptyDatabaseLoad.TABLES)).getResultList())
                .stream().map(line -> String.valueOf(line).replaceAll(" SELECTIVITY \\d+", ""))
                .filter(line -> !line.startsWith("--") && !line.startsWith("CREATE SEQUENCE")).toList());
    }

    private long rows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "SELECT (SELECT COUNT(*) FROM party) + (SELECT COUNT(*) FROM party_name) + (SELECT COUNT(*) FROM party_member)"
                        + " + (SELECT COUNT(*) FROM source)"
                        + " + (SELECT COUNT(*) FROM action) + (SELECT COUNT(*) FROM action_participant)"
                        + " + (SELECT COUNT(*) FROM quote) + (SELECT COUNT(*) FROM citation)"
                        + " + (SELECT COUNT(*) FROM bulk_load_restore)").getSingleResult()).longValue());
    }

    @Test
    void theBulkLoadRecordsWhatTheOrdinaryImportRecords() throws IOException {
        Dataset graph = generated(11, 400);
        ImportResult bulk = importAtStart(graph);
        assertEquals(400, bulk.actionsAdded());
        assertEquals(schemaAsLoaded, schema(), "every index and constraint is back");
        Dataset bulkExport = exporter.exportAll();

        startEmpty();
        ImportResult ordinary = importer.importDataset(graph);
        assertEquals(ordinary, bulk);
        assertEquals(exporter.exportAll(), bulkExport);
        assertEquals(new ImportResult(0, 0, 0), QuarkusTransaction.requiringNew().call(() -> importer.importAtStart(file(graph))),
                "into a database that is not empty, the start-up import is the ordinary, idempotent one");
    }

    /** The bundled seed has what the generated graphs have not: a coalition and its members. */
    @Test
    void theBulkLoadRecordsTheSeedsMembershipsAsTheOrdinaryImportDoes() throws IOException {
        Dataset seed;
        try (InputStream json = getClass().getClassLoader().getResourceAsStream("dataset/exchange-hafnium-2021.json")) {
            seed = reader.read(json);
        }
        ImportResult bulk = importAtStart(seed);
        assertEquals(schemaAsLoaded, schema(), "every index and constraint is back");
        Dataset bulkExport = QuarkusTransaction.requiringNew().call(() -> exporter.exportAll());
        long memberships = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT COUNT(*) FROM party_member").getSingleResult()).longValue());
        assertEquals(seed.parties().stream().mapToLong(party -> party.memberOf().size()).sum(), memberships);

        startEmpty();
        assertEquals(bulk, importer.importDataset(seed));
        assertEquals(bulkExport, QuarkusTransaction.requiringNew().call(() -> exporter.exportAll()));
    }

    private static Dataset withLastAction(Dataset graph, ActionRecord last) {
        List<ActionRecord> actions = new ArrayList<>(graph.actions());
        actions.set(actions.size() - 1, last);
        return new Dataset(graph.format(), graph.version(), graph.sources(), graph.parties(), actions);
    }

    @Test
    void aBadFileIsRefusedAndLeavesNothingWritten() throws IOException {
        Dataset graph = generated(12, 50);
        ActionRecord last = graph.actions().get(49);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> importAtStart(withLastAction(graph,
                new ActionRecord(last.key(), last.kind(), last.title(), last.summary(), last.occurredOn(),
                        last.datePrecision(), last.actors(), last.targets(), "no-such-action", last.quotes(), last.citations()))));
        assertEquals("actions[49] '" + last.key() + "': respondsTo 'no-such-action' is neither an action in this file nor"
                + " one already recorded", refused.getMessage());
        assertEquals(0, rows());
        assertEquals(schemaAsLoaded, schema());
    }

    /** The details of the actions checked before a bad record are written already when it is found; they go too. */
    @Test
    void aBadRecordFoundAfterRowsWereWrittenLeavesNothingWritten() throws IOException {
        Dataset graph = generated(13, 10_050);
        ActionRecord last = graph.actions().get(10_049);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> importAtStart(withLastAction(graph,
                new ActionRecord(last.key(), last.kind(), last.title(), last.summary(), last.occurredOn(),
                        last.datePrecision(), List.of("No Such Party"), last.targets(), null, last.quotes(), last.citations()))));
        assertEquals("actions[10049] '" + last.key() + "': actor 'No Such Party' is neither a party in this file nor one"
                + " already recorded", refused.getMessage());
        assertEquals(0, rows());
        assertEquals(schemaAsLoaded, schema());

        assertEquals(new ImportResult(graph.sources().size(), graph.parties().size(), graph.actions().size()),
                importAtStart(graph), "the database took the good file afterwards");
    }

    /** Two sources under one key get past no importer; here they stand for any failure once the writing has begun. */
    @Test
    void aLoadThatFailsMidwayLeavesTheDatabaseEmptyAndIndexed() {
        List<Source> clashing = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            Source source = new Source();
            source.key = i == 2_499 ? "source-0" : "source-" + i;
            source.publisher = "Publisher";
            source.title = "Title " + i;
            clashing.add(source);
        }
        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> emptyDatabaseLoad.load((connection, inserter) -> inserter.insertSourcesAndParties(connection, clashing,
                        List.of())));
        assertTrue(failed.getCause().getMessage().contains("SOURCE_DATASET_KEY_UQ"), failed.getCause().getMessage());
        assertEquals(0, rows(), "the rows written before the failure are gone, and nothing waits to be restored");
        assertEquals(schemaAsLoaded, schema(), "every index and constraint is back");
    }

    /** A process killed during a load leaves its restore statements behind; the next start finishes the undoing. */
    @Test
    void aLoadCutShortIsUndoneAtTheNextStart() {
        List<String> creates = schemaAsLoaded.stream().filter(line -> line.startsWith("CREATE INDEX")
                || line.startsWith("ALTER TABLE") && !line.contains("PRIMARY KEY")).toList();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < creates.size(); i++) {
                entityManager.createNativeQuery("INSERT INTO bulk_load_restore (position, statement) VALUES (?1, ?2)")
                        .setParameter(1, i).setParameter(2, creates.get(i)).executeUpdate();
            }
            entityManager.createNativeQuery("INSERT INTO source (id, dataset_key, publisher, title) VALUES (1, 'half', 'P', 'T')")
                    .executeUpdate();
        });
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("DROP INDEX action_kind_idx").executeUpdate());
        emptyDatabaseLoad.restoreIfInterrupted();
        assertEquals(0, rows());
        assertEquals(schemaAsLoaded, schema());
    }
}
