package org.attributiongraph.action;

import static org.attributiongraph.GraphQL.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.attributiongraph.GraphQL;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Counts the SQL statements a query costs (Hibernate statistics): a query over every action must cost what the
 * same query over one action costs, or some field is loading row by row (N+1).
 */
@QuarkusTest
class SqlStatementCountTest {

    private static final String EVERYTHING_ABOUT = """
            edges { node {
              id kind title
              actors { name aliases partOf { name } parts { name } members { name } memberOf { name } }
              targets { name aliases }
              respondsTo { title actors { name } }
              responses { title targets { name } }
              quotes { text speaker { name aliases } }
              citations { excerpt source { publisher } }
              thread(maxDepth: 3) { depth action { title actors { name } } }
            } }""";

    @Inject
    SessionFactory sessionFactory;

    // The small pages start where every nested level has rows (the first three recorded actions, the first three
    // parties by name), so they need every statement the full pages need; a level with no rows runs none. The
    // full page may need fewer: the data loaders may gather more of a level into one dispatch.

    @Test
    void allActionsCostNoMoreStatementsThanAFew() {
        long few = statementsFor("{ actions(first: 3) { " + EVERYTHING_ABOUT + " } }");
        long all = statementsFor("{ actions(first: 100) { " + EVERYTHING_ABOUT + " } }");
        assertTrue(few > 0, "the statistics count something");
        assertTrue(all <= few, "statements for three actions: " + few + ", for all: " + all);
    }

    @Test
    void totalCountIsOneStatementAndOnlyWhenAskedFor() {
        long without = statementsFor("{ actions(first: 100) { edges { node { id } } } }");
        long with = statementsFor("{ actions(first: 100) { totalCount edges { node { id } } } }");
        assertEquals(without + 1, with);
    }

    @Test
    void partiesWithTheirActionsCostNoMoreStatementsThanAFew() {
        String partiesAndActions = "{ parties(first: %d) { edges { node { name aliases partOf { name } "
                + "members { name aliases } memberOf { name aliases } "
                + "actions(first: 5) { totalCount edges { node { title actors { name } } } } } } } }";
        long few = statementsFor(partiesAndActions.formatted(3));
        long all = statementsFor(partiesAndActions.formatted(100));
        assertTrue(all <= few, "statements for three parties: " + few + ", for all: " + all);
    }

    @Test
    void aThreadCostsOneStatementWhateverItsSize() {
        String intrusion = ActionGraphQLApiTest.intrusionId();
        long threadAlone = statementsFor("{ action(id: " + intrusion + ") { thread { depth action { title } } } }");
        long actionAlone = statementsFor("{ action(id: " + intrusion + ") { title } }");
        assertEquals(1, threadAlone - actionAlone, "the recursive statement reads the actions with the tree");
        // and their parties, when the query asks for them
        assertEquals(threadAlone, statementsFor("{ action(id: " + intrusion + ") { thread { depth action { title "
                + "actors { name } } } } }"));
        assertEquals(threadAlone, statementsFor("{ action(id: " + intrusion + ") { thread { depth action { title "
                + "actors { name } targets { name kind } } } } }"));
    }

    @Test
    void aPartyLookupReadsItsAliasesAndParentInItsOneStatement() {
        assertEquals(1, statementsFor("{ partyByName(name: \"MSS\") { name aliases partOf { name } } }"));
        assertEquals(1, statementsFor("{ partyByName(name: \"Microsoft\") { name aliases partOf { name } } }"));
        String spokesperson = GraphQL.partyId("Zhao Lijian");
        assertEquals(1, statementsFor("{ party(id: " + spokesperson + ") { aliases partOf { name } } }"));
        // the parent comes without its own aliases and parent: asking for them costs a statement each
        assertEquals(3, statementsFor("{ party(id: " + spokesperson + ") { partOf { aliases partOf { name } } } }"));
    }

    @Test
    void aLevelsActorsAndTargetsComeInItsStatement() {
        String chain = "{ partyByName(name: \"" + ActionGraphQLApiTest.ALLIANCE + "\") { actions(first: 20) { edges { node {"
                + " title %1$s responses { title %1$s responses { title %1$s } } } } } } }";
        long without = statementsFor(chain.formatted(""));
        assertEquals(3, without, "the party, its page, and two levels of responses in one");
        assertEquals(without, statementsFor(chain.formatted("actors { name }")));
        assertEquals(without, statementsFor(chain.formatted("actors { name } targets { name kind }")));
        // as frontends write them: in fragments
        assertEquals(without, statementsFor(chain.formatted("... on Action { actors { name } }")));
        assertEquals(without, statementsFor(chain.formatted("...parties") + " fragment parties on Action { actors { name } targets { name } }"));
    }

    @Test
    void aLevelOfResponsesBringsItsOwnResponsesOfEveryKindInItsStatement() {
        String intrusion = ActionGraphQLApiTest.intrusionId();
        long oneLevel = statementsFor("{ action(id: " + intrusion + ") { responses { title } } }");
        String twoLevels = "{ action(id: " + intrusion + ") { responses { title %s } } }";
        assertEquals(oneLevel, statementsFor(twoLevels.formatted("responses { title }")));
        assertEquals(oneLevel, statementsFor(twoLevels.formatted("responses { title actors { name } }")));
        assertEquals(oneLevel, statementsFor(twoLevels.formatted("... on Action { responses { title } }")));
        // of one kind, the level below is a statement of its own
        assertEquals(oneLevel + 1, statementsFor(twoLevels.formatted("responses(kind: DENIAL) { title }")));
    }

    private long statementsFor(String query) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        data(query, Map.of());
        return statistics.getPrepareStatementCount();
    }
}
