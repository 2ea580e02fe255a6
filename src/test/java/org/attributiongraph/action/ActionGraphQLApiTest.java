package org.attributiongraph.action;

import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Walks the bundled Exchange/Hafnium graph through real GraphQL requests. */
@QuarkusTest
class ActionGraphQLApiTest {

    static final String ALLIANCE = "Cybersecurity alliance against Chinese state-sponsored cyber attacks";

    private static final String COALITION_ACCUSATION = """
            { partyByName(name: "Ministry of State Security") {
                actions(role: TARGET, kind: ATTRIBUTION) { edges { node {
                  id title occurredOn datePrecision
                  actors { name kind members { name } }
                  targets { name }
                  responses { kind title actors { name } quotes { text speaker { name } } }
                } } }
            } }""";

    @Test
    void theAllianceAccusesChinaAndItsMembersAreThoseEachSourceNames() {
        data(COALITION_ACCUSATION)
                .body("data.partyByName.actions.edges[0].node.actors.name", contains(ALLIANCE))
                .body("data.partyByName.actions.edges[0].node.actors[0].kind", equalTo("COALITION"))
                .body("data.partyByName.actions.edges[0].node.actors[0].members.name", containsInAnyOrder(
                        // the BBC-credited piece: the UK, Australia, the EU and New Zealand joined the US
                        "United States", "United Kingdom", "Australia", "European Union", "New Zealand",
                        // the CNBC-credited piece: member states of NATO, the EU, Australia, New Zealand and Japan
                        "NATO member states", "Japan",
                        // and the member CNBC quotes
                        "Unnamed coalition member"));
        data(COALITION_ACCUSATION)
                .body("data.partyByName.actions.edges[0].node.targets.name",
                        hasItems("China's Ministry of State Security", "China"))
                .body("data.partyByName.actions.edges[0].node.occurredOn", equalTo("2021-07-19"))
                .body("data.partyByName.actions.edges[0].node.datePrecision", equalTo("DAY"));
    }

    @Test
    void chinaAnswersTheAccusationWithADenialAndTheSpokespersonsWords() {
        data(COALITION_ACCUSATION)
                .body("data.partyByName.actions.edges[0].node.responses.kind", contains("DENIAL", "COUNTER_ACCUSATION"))
                .body("data.partyByName.actions.edges[0].node.responses.find { it.kind == 'DENIAL' }.quotes.text",
                        hasItem(containsString("fabricated")))
                .body("data.partyByName.actions.edges[0].node.responses.find { it.kind == 'COUNTER_ACCUSATION' }.quotes",
                        hasItem(Map.of("text", "The US has mustered its allies to carry out unreasonable criticisms "
                                + "against China on the issue of cybersecurity.", "speaker", Map.of("name", "Zhao Lijian"))));
    }

    @Test
    void theDenialStandsInTheIntrusionsThreadUnderTheAccusation() {
        String intrusion = intrusionId();
        List<Map<String, Object>> thread = data("""
                query($id: ID!) { action(id: $id) { thread { depth action { kind title respondsTo { kind }
                  quotes { text speaker { name } } } } } }""", Map.of("id", intrusion))
                .extract().path("data.action.thread");
        Map<String, Object> denial = thread.stream()
                .filter(entry -> "DENIAL".equals(((Map<?, ?>) entry.get("action")).get("kind"))).findFirst().orElseThrow();
        assertEquals(2, denial.get("depth"));
        assertEquals(Map.of("kind", "ATTRIBUTION"), ((Map<?, ?>) denial.get("action")).get("respondsTo"));
        // depth-first: every entry deeper than 1 directly follows its parent's subtree start
        assertEquals(1, thread.get(0).get("depth"));
        for (int i = 1; i < thread.size(); i++) {
            int depth = (int) thread.get(i).get("depth");
            assertTrue(depth <= (int) thread.get(i - 1).get("depth") + 1, "depth-first order at entry " + i);
        }
    }

    @Test
    void threadStopsAtMaxDepth() {
        data("query($id: ID!) { action(id: $id) { thread(maxDepth: 1) { depth } } }", Map.of("id", intrusionId()))
                .body("data.action.thread.depth", everyItem(equalTo(1)))
                .body("data.action.thread", hasSize(greaterThanOrEqualTo(4)));
    }

    @Test
    void threadDepthOutOfBoundsIsRefused() {
        query("query($id: ID!) { action(id: $id) { thread(maxDepth: 51) { depth } } }", Map.of("id", intrusionId()))
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("maxDepth must be between 1 and 50"));
    }

    @Test
    void microsoftNamesHafnium() {
        data("""
                { partyByName(name: "Hafnium") {
                    actions(role: TARGET, kind: ATTRIBUTION) { edges { node { kind actors { name } respondsTo { kind targets { name } } } } }
                } }""")
                .body("data.partyByName.actions.edges.node.kind", contains("ATTRIBUTION", "ATTRIBUTION"))
                .body("data.partyByName.actions.edges[0].node.actors.name", hasItem("Microsoft Threat Intelligence Center"))
                .body("data.partyByName.actions.edges[0].node.respondsTo.kind", equalTo("INTRUSION"));
        data("{ partyByName(name: \"Hafnium\") { actions(role: ACTOR) { edges { node { kind targets { name } } } } } }")
                .body("data.partyByName.actions.edges.node.kind", contains("INTRUSION"))
                .body("data.partyByName.actions.edges[0].node.targets.name", contains("Microsoft Exchange victims"));
    }

    @Test
    void theJusticeDepartmentChargesFourMssLinkedHackers() {
        data("{ actions(kind: INDICTMENT) { totalCount edges { node { actors { name } targets { name kind } } } } }")
                .body("data.actions.totalCount", equalTo(1))
                .body("data.actions.edges[0].node.actors.name", contains("US Department of Justice"))
                .body("data.actions.edges[0].node.targets.name",
                        hasItems(containsString("Four MSS-linked hackers"), equalTo("China's Ministry of State Security")));
    }

    @Test
    void everyActionIsCitedAndBothPublishersArePresent() {
        List<List<String>> publishers = data("{ actions(first: 100) { totalCount edges { node { citations { source { publisher } } } } } }")
                .body("data.actions.totalCount", greaterThanOrEqualTo(12))
                .extract().path("data.actions.edges.node.citations.source.publisher");
        publishers.forEach(cited -> assertTrue(!cited.isEmpty(), "an action without a citation"));
        data("{ sources { publisher title publishedOn } }")
                .body("data.sources.publisher", containsInAnyOrder("BBC", "CNBC"));
    }

    @Test
    void sourcesThatDisagreeKeepTheirOwnAccounts() {
        List<Map<String, Object>> citations = data("query($id: ID!) { action(id: $id) { citations { source { publisher } excerpt } } }",
                Map.of("id", intrusionId())).extract().path("data.action.citations");
        Map<Object, Object> byPublisher = new java.util.HashMap<>();
        citations.forEach(c -> byPublisher.put(((Map<?, ?>) c.get("source")).get("publisher"), c.get("excerpt")));
        assertTrue(byPublisher.get("BBC").toString().contains("30,000 companies"), byPublisher.toString());
        assertTrue(byPublisher.get("CNBC").toString().matches(".*30,000 organi[sz]ations in the US.*"), byPublisher.toString());
        assertTrue(byPublisher.get("CNBC").toString().contains("hundreds of thousands"), byPublisher.toString());
    }

    @Test
    void filtersActionsByActorTargetAndDate() {
        String china = data("{ partyByName(name: \"China\") { id } }").extract().path("data.partyByName.id");
        data("query($c: ID!) { actions(actor: $c) { edges { node { kind } } } }", Map.of("c", china))
                .body("data.actions.edges.node.kind", hasItem("DENIAL"));
        data("query($c: ID!) { actions(target: $c, from: \"2021-07-19\", to: \"2021-07-19\") { edges { node { kind occurredOn } } } }",
                Map.of("c", china))
                .body("data.actions.edges.node.occurredOn", everyItem(equalTo("2021-07-19")))
                .body("data.actions.edges.node.kind", hasItem("ATTRIBUTION"));
        query("{ actions(from: \"2021-08-01\", to: \"2021-07-01\") { totalCount } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void responsesFilterByKind() {
        data(COALITION_ACCUSATION.replace("responses {", "responses(kind: DENIAL) {"))
                .body("data.partyByName.actions.edges[0].node.responses.kind", everyItem(equalTo("DENIAL")))
                .body("data.partyByName.actions.edges[0].node.responses", not(hasSize(0)));
    }

    @Test
    void anUnknownActionIsNull() {
        data("{ action(id: 999999999) { title } }").body("data.action", nullValue());
    }

    @Test
    void aLevelsPartiesReadWithItAreThoseReadAfterIt() {
        // an action by id reads its actors and targets on their own; a party's page of actions and a level of
        // responses read them with the actions when the query asks for them
        List<Map<String, Object>> inPages = data("""
                { parties(first: 30) { edges { node { actions(first: 10) { edges { node {
                    id actors { name } targets { name } responses { id actors { name } targets { name } } } } } } } } }""")
                .extract().path("data.parties.edges.node.actions.edges.node.flatten()");
        int compared = 0;
        List<Map<String, Object>> toCompare = new ArrayList<>(inPages);
        while (!toCompare.isEmpty()) {
            Map<String, Object> action = toCompare.remove(0);
            Map<String, Object> expected = data("query($id: ID!) { action(id: $id) { actors { name } targets { name } } }",
                    Map.of("id", action.get("id"))).extract().path("data.action");
            if (action.containsKey("actors")) {
                assertEquals(expected.get("actors"), action.get("actors"), "actors of " + action.get("id"));
            }
            assertEquals(expected.get("targets"), action.get("targets"), "targets of " + action.get("id"));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> responses = (List<Map<String, Object>>) action.getOrDefault("responses", List.of());
            toCompare.addAll(responses);
            compared++;
        }
        assertTrue(compared > 30, "each party's actions and their responses: " + compared);
    }

    static String intrusionId() {
        return data("{ actions(kind: INTRUSION) { edges { node { id } } } }").extract().path("data.actions.edges[0].node.id");
    }
}
