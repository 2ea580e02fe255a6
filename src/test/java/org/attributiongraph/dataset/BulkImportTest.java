package org.attributiongraph.dataset;

import static org.attributiongraph.GraphQL.data;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.attributiongraph.action.Action;
import org.attributiongraph.action.ActionKind;
import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.dataset.Dataset.CitationRecord;
import org.attributiongraph.dataset.Dataset.PartyRecord;
import org.attributiongraph.dataset.Dataset.SourceRecord;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.party.Party;
import org.attributiongraph.party.PartyKind;
import org.attributiongraph.scale.GeneratedGraphProfile;
import org.attributiongraph.source.Source;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The importer writes new records in JDBC batches; what it promised before must still hold. */
@QuarkusTest
@TestProfile(GeneratedGraphProfile.Imports.class)
class BulkImportTest {

    @Inject
    DatasetImporter importer;

    @Inject
    DatasetReader reader;

    private Dataset generated(long seed, int actions) throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new GraphGenerator(seed, actions, GraphGenerator.defaultParties(actions)).write(json);
        return reader.read(new ByteArrayInputStream(json.toByteArray()));
    }

    /** The same graph under other source and action keys, so it adds its sources and actions again. */
    private static Dataset rekeyed(Dataset dataset, String prefix) {
        List<SourceRecord> sources = dataset.sources().stream().map(s -> new SourceRecord(prefix + s.key(), s.publisher(),
                s.title(), s.url(), s.publishedOn())).toList();
        List<ActionRecord> actions = dataset.actions().stream().map(a -> new ActionRecord(prefix + a.key(), a.kind(),
                a.title(), a.summary(), a.occurredOn(), a.datePrecision(), a.actors(), a.targets(),
                a.respondsTo() == null ? null : prefix + a.respondsTo(), a.quotes(),
                a.citations().stream().map(c -> new CitationRecord(prefix + c.source(), c.excerpt())).toList())).toList();
        return new Dataset(dataset.format(), dataset.version(), sources, dataset.parties(), actions);
    }

    private static long[] counts() {
        return QuarkusTransaction.requiringNew().call(() -> new long[] { Source.count(), Party.count(), Action.count() });
    }

    @Test
    void importingTheSameGraphAgainAddsNothing() throws IOException {
        Dataset graph = rekeyed(generated(3, 300), "again-");
        ImportResult first = importer.importDataset(graph);
        assertEquals(300, first.actionsAdded());
        assertEquals(graph.sources().size(), first.sourcesAdded());
        long[] before = counts();
        ImportResult second = importer.importDataset(graph);
        assertEquals(new ImportResult(0, 0, 0), second);
        assertEquals(List.of(before[0], before[1], before[2]), List.of(counts()[0], counts()[1], counts()[2]));
    }

    @Test
    void aBadLastRecordLeavesNothingOfTheFileBehind() throws IOException {
        Dataset graph = rekeyed(generated(4, 300), "bad-");
        List<ActionRecord> actions = new ArrayList<>(graph.actions());
        ActionRecord last = actions.remove(actions.size() - 1);
        actions.add(new ActionRecord(last.key(), last.kind(), last.title(), last.summary(), last.occurredOn(),
                last.datePrecision(), List.of("Nobody Anyone Knows"), last.targets(), last.respondsTo(), last.quotes(),
                last.citations()));
        long[] before = counts();
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> importer.importDataset(
                new Dataset(graph.format(), graph.version(), graph.sources(), graph.parties(), actions)));
        assertTrue(refused.getMessage().startsWith("actions[299] '" + last.key() + "': actor 'Nobody Anyone Knows'"),
                refused.getMessage());
        long[] after = counts();
        assertEquals(List.of(before[0], before[1], before[2]), List.of(after[0], after[1], after[2]));
    }

    @Test
    void hibernateInsertsAfterABulkImportTakeIdsOfTheirOwn() throws IOException {
        importer.importDataset(rekeyed(generated(5, 300), "ids-"));
        long highestSource = QuarkusTransaction.requiringNew().call(
                () -> Source.<Source>find("order by id desc").firstResult().id);
        Long added = QuarkusTransaction.requiringNew().call(() -> {
            Source source = new Source();
            source.key = "written-by-hibernate";
            source.publisher = "Hibernate";
            source.title = "A source persisted the ordinary way after a bulk import";
            source.persist();
            return source.id;
        });
        assertTrue(added > highestSource, "the sequence moved past the imported ids: " + added + " vs " + highestSource);
    }

    @Test
    void aPartyThatIsBothActorAndTargetOfAnActionIsPagedThroughItOnce() {
        List<CitationRecord> cites = List.of(new CitationRecord("self-source", null));
        List<ActionRecord> actions = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            actions.add(new ActionRecord("self-" + i, ActionKind.STATEMENT, "Talks about itself " + i, null, null, null,
                    List.of("Self Referent"), List.of("Self Referent"), null, List.of(), cites));
        }
        importer.importDataset(new Dataset(Dataset.FORMAT, Dataset.VERSION,
                List.of(new SourceRecord("self-source", "Somebody", "Something", null, null)),
                List.of(new PartyRecord("Self Referent", PartyKind.COMPANY, List.of(), null, null, List.of())), actions));
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            var page = data("query($after: String) { partyByName(name: \"Self Referent\") { actions(first: 2, after: $after) "
                    + "{ edges { node { title } } pageInfo { hasNextPage endCursor } } } }",
                    after == null ? Map.of() : Map.of("after", after)).extract();
            List<String> titles = page.path("data.partyByName.actions.edges.node.title");
            seen.addAll(titles);
            boolean more = page.path("data.partyByName.actions.pageInfo.hasNextPage");
            assertTrue(!more || titles.size() == 2, "only the last page is short");
            after = more ? page.path("data.partyByName.actions.pageInfo.endCursor") : null;
        } while (after != null);
        assertEquals(List.of("Talks about itself 0", "Talks about itself 1", "Talks about itself 2", "Talks about itself 3",
                "Talks about itself 4"), seen);
    }

    @Test
    void recordsMayReferToRecordsLaterInTheFile() {
        List<PartyRecord> parties = List.of(
                new PartyRecord("Later Child Body", PartyKind.GOVERNMENT_BODY, List.of(), "ZZ", "Later Parent State", List.of()),
                new PartyRecord("Later Parent State", PartyKind.STATE, List.of(), "ZZ", null, List.of()));
        List<CitationRecord> cites = List.of(new CitationRecord("order-source", null));
        List<ActionRecord> actions = List.of(
                new ActionRecord("order-reply", ActionKind.DENIAL, "The reply, listed first", null, LocalDate.of(2020, 2, 2),
                        null, List.of("Later Parent State"), List.of(), "order-root", List.of(), cites),
                new ActionRecord("order-root", ActionKind.ATTRIBUTION, "The accusation, listed second", null,
                        LocalDate.of(2020, 2, 1), null, List.of("Later Child Body"), List.of("Later Parent State"), null,
                        List.of(), cites));
        importer.importDataset(new Dataset(Dataset.FORMAT, Dataset.VERSION,
                List.of(new SourceRecord("order-source", "Somebody", "Something", null, null)), parties, actions));

        data("{ partyByName(name: \"Later Child Body\") { partOf { name } } }")
                .body("data.partyByName.partOf.name", equalTo("Later Parent State"));
        data("{ partyByName(name: \"Later Child Body\") { actions { edges { node { title thread { depth action { title } } } } } } }",
                Map.of())
                .body("data.partyByName.actions.edges[0].node.thread.action.title", contains("The reply, listed first"));
    }
}
