package org.attributiongraph.action;

import static org.attributiongraph.database.SameColumns.assertSameColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.transaction.Transactional;

import org.attributiongraph.party.Party;
import org.attributiongraph.source.Source;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The batched reads and the lookup by id build plain actions, quotes and citations holding every column their entities
 * hold, on the bundled seed.
 */
@QuarkusTest
class ActionRowsTest {

    @Test
    @Transactional
    void aPlainActionHoldsWhatItsEntityHolds() {
        List<Action> entities = Action.listAll();
        Map<Long, Action> plain = ActionReads.withIds(entities.stream().map(action -> action.id).toList()).stream()
                .collect(Collectors.toMap(action -> action.id, Function.identity()));
        assertEquals(entities.size(), plain.size());
        assertTrue(entities.stream().anyMatch(action -> action.respondsToId() != null), "the seed has responses");
        entities.forEach(entity -> assertSameColumns(Action.getEntityManager(), entity, plain.get(entity.id)));
        entities.forEach(entity -> assertSameColumns(Action.getEntityManager(), entity, ActionReads.withId(entity.id)));
        assertNull(ActionReads.withId(-1));
    }

    @Test
    @Transactional
    void threadsAndPagesBuildTheSamePlainActions() {
        List<Action> roots = Action.list("respondsTo is null order by id");
        List<ActionReads.ThreadRow> rows = ActionReads.threadRows(roots.stream().map(root -> root.id).toList(), 10,
                EnumSet.noneOf(ActionRole.class));
        assertTrue(!rows.isEmpty(), "the seed has threads");
        rows.forEach(row -> assertSameColumns(Action.getEntityManager(), Action.findById(row.action().id), row.action()));
    }

    @Test
    @Transactional
    void aThreadReadWithItsPartiesHasTheSameRowsAndEachActionsPartiesInOrder() {
        List<Long> roots = Action.<Action>list("respondsTo is null order by id").stream().map(root -> root.id).toList();
        List<ActionReads.ThreadRow> plain = ActionReads.threadRows(roots, 10, EnumSet.noneOf(ActionRole.class));
        for (Set<ActionRole> roles : List.of(EnumSet.of(ActionRole.ACTOR), EnumSet.of(ActionRole.TARGET),
                EnumSet.of(ActionRole.ACTOR, ActionRole.TARGET))) {
            List<ActionReads.ThreadRow> withParties = ActionReads.threadRows(roots, 10, roles);
            assertEquals(plain.stream().map(row -> List.of(row.rootId(), row.action().id, row.depth())).toList(),
                    withParties.stream().map(row -> List.of(row.rootId(), row.action().id, row.depth())).toList(), roles::toString);
            withParties.forEach(row -> roles.forEach(role -> assertEquals(
                    Action.<Action>findById(row.action().id).participants.stream().filter(participant -> participant.role == role)
                            .map(participant -> participant.party.id).toList(),
                    row.action().partiesReadIn(role).stream().map(party -> party.id).toList(), () -> role + " of " + row)));
            assertTrue(withParties.stream().anyMatch(row -> !row.action().partiesReadIn(roles.iterator().next()).isEmpty()),
                    "the seed's responses have parties");
        }
    }

    @Test
    @Transactional
    void twoLevelsOfResponsesReadTogetherAreEachLevelReadAlone() {
        List<Long> ids = Action.<Action>listAll().stream().map(action -> action.id).toList();
        for (ActionKind kind : new ActionKind[] {null, ActionKind.ATTRIBUTION}) {
            for (Set<ActionRole> roles : List.of(EnumSet.noneOf(ActionRole.class), EnumSet.of(ActionRole.ACTOR),
                    EnumSet.of(ActionRole.TARGET), EnumSet.of(ActionRole.ACTOR, ActionRole.TARGET))) {
                List<Action> alone = ActionReads.responsesTo(ids, kind, roles);
                List<Action> together = ActionReads.responsesWithTheirs(ids, kind, roles);
                String asked = kind + " " + roles;
                assertSameResponses(alone, together, roles, asked);
                List<Action> theirs = ActionReads.responsesTo(alone.stream().map(action -> action.id).toList(), null, roles);
                for (Action response : together) {
                    assertSameResponses(theirs.stream().filter(their -> their.respondsToId().equals(response.id)).toList(),
                            response.responsesRead, roles, asked + " under " + response.id);
                }
                assertTrue(together.stream().anyMatch(response -> !response.responsesRead.isEmpty()),
                        "the seed has responses to responses: " + asked);
            }
        }
    }

    /** The same actions in the same order, with every column and the same parties in each role asked. */
    private static void assertSameResponses(List<Action> expected, List<Action> actual, Set<ActionRole> roles, String asked) {
        assertEquals(expected.stream().map(action -> action.id).toList(), actual.stream().map(action -> action.id).toList(), asked);
        for (int i = 0; i < expected.size(); i++) {
            Action action = actual.get(i);
            assertSameColumns(Action.getEntityManager(), Action.findById(action.id), action);
            for (ActionRole role : roles) {
                assertEquals(expected.get(i).partiesReadIn(role).stream().map(party -> party.id).toList(),
                        action.partiesReadIn(role).stream().map(party -> party.id).toList(), () -> asked + ", " + role);
            }
        }
    }

    @Test
    @Transactional
    void quotesAndCitationsComeWithTheirSpeakersAndSources() {
        List<Long> ids = Action.<Action>listAll().stream().map(action -> action.id).toList();
        List<Quote> quotes = ActionReads.quotesOf(ids);
        List<Citation> citations = ActionReads.citationsOf(ids);
        assertEquals(Quote.count(), quotes.size());
        assertEquals(Citation.count(), citations.size());
        assertTrue(quotes.stream().anyMatch(quote -> quote.speaker != null), "the seed has speakers");
        quotes.forEach(quote -> {
            assertSameColumns(Quote.getEntityManager(), Quote.findById(quote.id), quote);
            if (quote.speaker != null) {
                assertSameColumns(Party.getEntityManager(), Party.findById(quote.speaker.id), quote.speaker);
            }
        });
        citations.forEach(citation -> {
            assertSameColumns(Citation.getEntityManager(), Citation.findById(citation.id), citation);
            assertSameColumns(Source.getEntityManager(), Source.findById(citation.source.id), citation.source);
        });
    }
}
