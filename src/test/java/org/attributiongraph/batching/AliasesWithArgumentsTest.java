package org.attributiongraph.batching;

import static org.attributiongraph.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A batched field asked for under several aliases with different arguments answers each alias exactly as the same
 * field asked for alone, and a level costs statements per argument set, never per parent.
 */
@QuarkusTest
class AliasesWithArgumentsTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aPartysActionsAsTargetAndAsActorSideBySide() {
        String both = """
                { partyByName(name: "China") {
                    accused: actions(role: TARGET) { totalCount edges { node { id } } }
                    accusing: actions(role: ACTOR) { totalCount edges { node { id } } } } }""";
        String alone = "{ partyByName(name: \"China\") { actions(role: %s) { totalCount edges { node { id } } } } }";
        Map<String, Object> answer = path(data(both).extract().path("data.partyByName"));
        Object accused = data(alone.formatted("TARGET")).extract().path("data.partyByName.actions");
        Object accusing = data(alone.formatted("ACTOR")).extract().path("data.partyByName.actions");
        assertEquals(accused, answer.get("accused"));
        assertEquals(accusing, answer.get("accusing"));
        assertNotEquals(accused, accusing, "China is accused and accuses in the seed record, of different actions");
    }

    @Test
    void allResponsesAndOnlyDenialsUnderEveryAction() {
        String both = "{ actions(first: 100) { edges { node { id all: responses { id kind } "
                + "denials: responses(kind: DENIAL) { id kind } } } } }";
        String alone = "{ actions(first: 100) { edges { node { id responses%s { id kind } } } } }";
        List<Map<String, Object>> nodes = data(both).extract().path("data.actions.edges.node");
        List<Object> all = data(alone.formatted("")).extract().path("data.actions.edges.node.responses");
        List<Object> denials = data(alone.formatted("(kind: DENIAL)")).extract().path("data.actions.edges.node.responses");
        assertEquals(all, nodes.stream().map(node -> node.get("all")).toList());
        assertEquals(denials, nodes.stream().map(node -> node.get("denials")).toList());
        assertTrue(nodes.stream().anyMatch(node -> !((List<?>) node.get("denials")).isEmpty()
                && !node.get("all").equals(node.get("denials"))), "some action is answered by a denial and more");
    }

    @Test
    void aLevelReadWithItsResponsesAnswersEachKindOfTheLevelBelowAsAlone() {
        // all: of every kind, read with the level above (Action.responsesRead); denials: of one kind, loaded; and
        // alone, kind: null asks for every kind as leaving it out does, but a field written with it is loaded
        String both = "{ actions(first: 20) { edges { node { id responses { id all: responses { id kind actors { name } } "
                + "denials: responses(kind: DENIAL) { id kind actors { name } } } } } } }";
        String alone = "{ actions(first: 20) { edges { node { id responses { id responses%s { id kind actors { name } } } } } } }";
        List<Map<String, Object>> level = responses(data(both).extract().path("data.actions.edges.node.responses"));
        List<Map<String, Object>> all = responses(data(alone.formatted("(kind: null)")).extract()
                .path("data.actions.edges.node.responses"));
        List<Map<String, Object>> denials = responses(data(alone.formatted("(kind: DENIAL)")).extract()
                .path("data.actions.edges.node.responses"));
        assertEquals(all.stream().map(response -> response.get("responses")).toList(),
                level.stream().map(response -> response.get("all")).toList());
        assertEquals(denials.stream().map(response -> response.get("responses")).toList(),
                level.stream().map(response -> response.get("denials")).toList());
        assertTrue(level.stream().anyMatch(response -> !((List<?>) response.get("denials")).isEmpty()
                && !response.get("all").equals(response.get("denials"))), "some response is answered by a denial and more");
    }

    /** Each action's responses, one list after another. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> responses(List<Object> perAction) {
        return perAction.stream().flatMap(responses -> ((List<Map<String, Object>>) responses).stream()).toList();
    }

    @Test
    void shallowAndDeepThreadsSideBySide() {
        String both = "{ actions(first: 100) { edges { node { id shallow: thread(maxDepth: 1) { depth action { id } } "
                + "deep: thread(maxDepth: 5) { depth action { id } } } } } }";
        String alone = "{ actions(first: 100) { edges { node { id thread(maxDepth: %d) { depth action { id } } } } } }";
        List<Map<String, Object>> nodes = data(both).extract().path("data.actions.edges.node");
        List<Object> shallow = data(alone.formatted(1)).extract().path("data.actions.edges.node.thread");
        List<Object> deep = data(alone.formatted(5)).extract().path("data.actions.edges.node.thread");
        assertEquals(shallow, nodes.stream().map(node -> node.get("shallow")).toList());
        assertEquals(deep, nodes.stream().map(node -> node.get("deep")).toList());
        assertNotEquals(shallow, deep, "some thread in the seed record is deeper than one");
    }

    @Test
    void everyPartyWithTwoArgumentSetsIsAnsweredPerPartyAsAlone() {
        String both = "{ parties(first: 100) { edges { node { name accused: actions(role: TARGET, first: 3) "
                + "{ totalCount edges { node { id } } } accusing: actions(role: ACTOR, kind: ATTRIBUTION) "
                + "{ totalCount edges { node { id } } } } } } }";
        String alone = "{ parties(first: 100) { edges { node { name actions(%s) { totalCount edges { node { id } } } } } } }";
        List<Map<String, Object>> nodes = data(both).extract().path("data.parties.edges.node");
        List<Object> accused = data(alone.formatted("role: TARGET, first: 3")).extract().path("data.parties.edges.node.actions");
        List<Object> accusing = data(alone.formatted("role: ACTOR, kind: ATTRIBUTION")).extract()
                .path("data.parties.edges.node.actions");
        assertEquals(accused, nodes.stream().map(node -> node.get("accused")).toList());
        assertEquals(accusing, nodes.stream().map(node -> node.get("accusing")).toList());
    }

    @Test
    void statementsGrowWithArgumentSetsNotWithParents() {
        String level = "{ parties(first: %d) { edges { node { name %s } } } }";
        String accused = "accused: actions(role: TARGET) { totalCount edges { node { id } } }";
        String accusing = "accusing: actions(role: ACTOR) { totalCount edges { node { id } } }";
        String sameAgain = "again: actions(role: ACTOR) { totalCount }";
        long base = statementsFor(level.formatted(100, ""));
        long oneSet = statementsFor(level.formatted(100, accused)) - base;
        long twoSets = statementsFor(level.formatted(100, accused + " " + accusing)) - base;
        long twoSetsFewParents = statementsFor(level.formatted(3, accused + " " + accusing))
                - statementsFor(level.formatted(3, ""));
        assertTrue(oneSet > 0, "the statistics count something");
        assertEquals(2 * oneSet, twoSets, "a page and a count per argument set");
        assertEquals(twoSetsFewParents, twoSets, "the same for three parties as for all of them");
        assertEquals(twoSets, statementsFor(level.formatted(100, accused + " " + accusing + " " + sameAgain)) - base,
                "an alias repeating an argument set shares its batch");
    }

    private long statementsFor(String query) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        data(query, Map.of());
        return statistics.getPrepareStatementCount();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> path(Object value) {
        return (Map<String, Object>) value;
    }
}
