package org.attributiongraph.scale;

import static org.attributiongraph.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.attributiongraph.action.Action;
import org.attributiongraph.dataset.DatasetImporter;
import org.attributiongraph.dataset.DatasetReader;
import org.attributiongraph.dataset.GraphGenerator;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The same queries over a generated graph of two sizes (one subclass each, each on its own database). Every
 * query shape must cost the same number of SQL statements at both sizes: the cost depends on the shape of the
 * query, never on how many rows the graph holds. The expected counts are written once, here, for both sizes.
 */
abstract class GeneratedGraphTest {

    /** The most accused party in every generated graph: accusations are skewed towards the low-numbered groups. */
    static final String POPULAR_ACCUSED = "Threat Group 1";
    static final String ACCUSER = "State 1";

    static final String PARTY_BY_NAME = """
            query($name: String!) { partyByName(name: $name) { id name kind country aliases partOf { name } } }""";
    static final String ACCUSATIONS = """
            query($name: String!) { partyByName(name: $name) { name
              actions(role: TARGET, kind: ATTRIBUTION, first: 20) { edges { node { id title occurredOn
                actors { name } targets { name } } } } } }""";
    static final String ACCUSER_ACCUSED_RESPONSE = """
            query($name: String!) { partyByName(name: $name) { name
              actions(role: ACTOR, kind: ATTRIBUTION, first: 20) { edges { node { id title targets { name }
                responses { id kind title actors { name }
                  responses { id kind title actors { name } } } } } } } }""";
    static final String THREAD = """
            query($id: ID!) { action(id: $id) { title
              thread(maxDepth: 10) { depth action { id kind title actors { name } } } } }""";
    static final String PARTIES_WITH_TOTAL = "{ parties(first: 20) { totalCount edges { cursor node { name kind } } } }";
    static final String ACTIONS_WITH_TOTAL = "{ actions(first: 20) { totalCount edges { cursor node { title actors { name } } } } }";

    @Inject
    SessionFactory sessionFactory;

    @Inject
    DatasetImporter importer;

    @Inject
    DatasetReader reader;

    abstract int actions();

    @BeforeEach
    void loadTheGeneratedGraphOnce() throws IOException {
        if (QuarkusTransaction.requiringNew().call(() -> Action.count()) > 0) {
            return;
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new GraphGenerator(42, actions(), GraphGenerator.defaultParties(actions())).write(json);
        importer.importDataset(reader.read(new ByteArrayInputStream(json.toByteArray())));
    }

    @Test
    void partyByNameWithAliasesAndParentCostsOneStatement() {
        // the party with its aliases and the party it is part of
        assertEquals(1, statementsFor(PARTY_BY_NAME, Map.of("name", POPULAR_ACCUSED)));
    }

    @Test
    void aPartysAccusationsWithActorsAndTargetsCostTheSameAtEverySize() {
        List<?> accusations = data(ACCUSATIONS, Map.of("name", POPULAR_ACCUSED))
                .extract().path("data.partyByName.actions.edges");
        assertTrue(accusations.size() > 1, "the popular accused is accused at every size");
        // the party, then its page of actions with the actions themselves and their actors and targets
        assertEquals(2, statementsFor(ACCUSATIONS, Map.of("name", POPULAR_ACCUSED)));
    }

    @Test
    void accuserAccusedResponseThreeLevelsDeepCostsTheSameAtEverySize() {
        // the party, its page of actions with the actions and their targets, then two levels of responses with their
        // actors in one
        assertEquals(3, statementsFor(ACCUSER_ACCUSED_RESPONSE, Map.of("name", ACCUSER)));
    }

    @Test
    void aThreadOfTenLevelsCostsTheSameAtEverySize() {
        String root = deepestThreadRoot();
        List<?> thread = data(THREAD, Map.of("id", root)).extract().path("data.action.thread");
        assertTrue(thread.size() > 1, "the first thread is a big one: " + thread.size());
        // the action, then its tree with the tree's actions and their actors
        assertEquals(2, statementsFor(THREAD, Map.of("id", root)));
    }

    @Test
    void connectionsWithTotalCountCostTheSameAtEverySize() {
        assertEquals(2, statementsFor(PARTIES_WITH_TOTAL, Map.of()));
        assertEquals(3, statementsFor(ACTIONS_WITH_TOTAL, Map.of()));
    }

    @Test
    void pagingActionsVisitsEveryActionExactlyOnce() {
        List<String> ids = pageThrough("actions", "");
        assertEquals(actions(), ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no action twice");
    }

    @Test
    void pagingPartiesVisitsEveryPartyExactlyOnce() {
        List<String> ids = pageThrough("parties", "");
        assertEquals(GraphGenerator.defaultParties(actions()), ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no party twice");
        List<String> ofKind = pageThrough("parties", "kind: THREAT_GROUP, ");
        assertEquals(ofKind.size(), new HashSet<>(ofKind).size());
        assertEquals(totalCount("parties(kind: THREAT_GROUP)"), ofKind.size());
    }

    @Test
    void pagingAPopularPartysActionsVisitsEachExactlyOnce() {
        String party = data(PARTY_BY_NAME, Map.of("name", POPULAR_ACCUSED)).extract().path("data.partyByName.id");
        List<String> ids = pageThrough("actions", "actor: " + party + ", ");
        assertEquals(ids.size(), new HashSet<>(ids).size());
        List<String> seen = new ArrayList<>();
        String after = null;
        do {
            var page = data("query($id: ID!, $after: String) { party(id: $id) { actions(role: ACTOR, first: 7, after: $after) "
                    + "{ edges { node { id } } pageInfo { hasNextPage endCursor } } } }",
                    after == null ? Map.of("id", party) : Map.of("id", party, "after", after)).extract();
            seen.addAll(page.path("data.party.actions.edges.node.id"));
            boolean more = page.path("data.party.actions.pageInfo.hasNextPage");
            after = more ? page.path("data.party.actions.pageInfo.endCursor") : null;
        } while (after != null);
        assertEquals(ids, seen, "a party's own pages hold what the top-level actions(actor:) pages hold, in order");
    }

    @Test
    void theRecursiveThreadIsTheResponsesWalkedLevelByLevel() {
        String root = deepestThreadRoot();
        List<Map<String, Object>> thread = data("query($id: ID!) { action(id: $id) { thread(maxDepth: 50) { depth action { id } } } }",
                Map.of("id", root)).extract().path("data.action.thread");
        List<String> fromCte = new ArrayList<>();
        thread.forEach(entry -> fromCte.add(entry.get("depth") + ":" + ((Map<?, ?>) entry.get("action")).get("id")));
        List<String> walked = new ArrayList<>();
        walkResponses(root, 1, 50, walked);
        assertTrue(walked.size() > 1, "the thread has responses");
        assertEquals(walked, fromCte);
    }

    /** Depth-first, answers in the order responses gives them (oldest first), as thread promises. */
    private void walkResponses(String id, int depth, int maxDepth, List<String> into) {
        List<String> answers = data("query($id: ID!) { action(id: $id) { responses { id } } }", Map.of("id", id))
                .extract().path("data.action.responses.id");
        for (String answer : answers) {
            into.add(depth + ":" + answer);
            if (depth < maxDepth) {
                walkResponses(answer, depth + 1, maxDepth, into);
            }
        }
    }

    /** Follows endCursor to the end, 100 at a time, and returns the ids seen in order. */
    private static List<String> pageThrough(String connection, String arguments) {
        List<String> ids = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        do {
            var page = data("query($after: String) { " + connection + "(" + arguments + "first: 100, after: $after) "
                    + "{ edges { node { id } } pageInfo { hasNextPage endCursor } } }",
                    after == null ? Map.of() : Map.of("after", after)).extract();
            ids.addAll(page.path("data." + connection + ".edges.node.id"));
            boolean more = page.path("data." + connection + ".pageInfo.hasNextPage");
            after = more ? page.path("data." + connection + ".pageInfo.endCursor") : null;
            assertTrue(after == null || cursors.add(after), "a cursor never repeats");
        } while (after != null);
        return ids;
    }

    private static int totalCount(String connection) {
        return data("{ " + connection + " { totalCount } }").extract()
                .path("data." + connection.substring(0, connection.indexOf('(')) + ".totalCount");
    }

    /** Every thread starts with its only INTRUSION, and the generator writes the big threads first. */
    static String deepestThreadRoot() {
        return data("{ actions(kind: INTRUSION, first: 1) { edges { node { id } } } }").extract()
                .path("data.actions.edges[0].node.id");
    }

    private long statementsFor(String query, Map<String, Object> variables) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        data(query, variables);
        return statistics.getPrepareStatementCount();
    }
}
