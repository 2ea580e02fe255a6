package org.attributiongraph.action;

import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.export;
import static org.attributiongraph.GraphQL.partyId;
import static org.attributiongraph.GraphQL.refusedForEditor;
import static org.attributiongraph.GraphQL.refusedUnchanged;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Recording actions: a whole new chain, and every refusal with its code, leaving the record as it was. */
@QuarkusTest
class ActionMutationTest {

    private static final String RECORD = "mutation($a: ActionInput!) { recordAction(action: $a) { id version title occurredOn datePrecision createdBy actors { name } targets { name } respondsTo { id } quotes { text speaker { name } } citations { excerpt source { title } } } }";
    private static final String UPDATE = "mutation($id: ID!, $a: ActionInput!) { updateAction(id: $id, action: $a) { id version title actors { name } targets { name } respondsTo { id } } }";
    private static final String DELETE = "mutation($id: ID!) { deleteAction(id: $id) }";

    private String russia;
    private String unitedStates;
    private String china;
    private String source;

    @BeforeEach
    void knownParties() {
        unitedStates = partyId("United States");
        china = partyId("China");
        russia = partyId("Zhao Lijian");
        source = asEditor("mutation { createSource(source: {publisher: \"Test Wire\", title: \"A report\", url: \"https://example.org/report\", publishedOn: \"2021-07-20\"}) { id } }",
                Map.of()).extract().path("data.createSource.id");
    }

    private Map<String, Object> action(String kind, String title, List<String> actors, List<String> targets, Object... more) {
        Map<String, Object> action = new HashMap<>(Map.of("kind", kind, "title", title, "actorIds", actors,
                "targetIds", targets, "citations", List.of(Map.of("sourceId", source, "excerpt", "reported"))));
        for (int i = 0; i < more.length; i += 2) {
            action.put((String) more[i], more[i + 1]);
        }
        return action;
    }

    private static String record(Map<String, Object> action) {
        return asEditor(RECORD, Map.of("a", action)).extract().path("data.recordAction.id");
    }

    @Test
    void aPartyThatBothActsAndSuffersIsNamedOnceInEachRole() {
        String both = record(action("SANCTION", "Test self-sanction", List.of(china, unitedStates), List.of(china, russia)));
        Map<String, Object> alone = data("query($id: ID!) { action(id: $id) { actors { name } targets { name } } }",
                Map.of("id", both)).extract().path("data.action");
        // China's page in any role has two rows for the action; the parties read with it come once each
        List<Map<String, Object>> page = data("query($id: ID!) { party(id: $id) { actions(role: ANY, first: 100) { edges {"
                + " node { id actors { name } targets { name } } } } } }", Map.of("id", china))
                .extract().path("data.party.actions.edges.node");
        Map<String, Object> inPage = page.stream().filter(action -> both.equals(action.get("id"))).findFirst().orElseThrow();
        assertEquals(alone.get("actors"), inPage.get("actors"));
        assertEquals(alone.get("targets"), inPage.get("targets"));
        assertEquals(2, ((List<?>) inPage.get("actors")).size());
        asEditor(DELETE, Map.of("id", both));
    }

    @Test
    void recordsAWholeChainAndItsThread() {
        String intrusion = record(action("INTRUSION", "Test intrusion", List.of(china), List.of(unitedStates),
                "occurredOn", "2024-05-17", "datePrecision", "MONTH"));
        String accusation = record(action("ATTRIBUTION", "Test accusation", List.of(unitedStates), List.of(china),
                "respondsToId", intrusion, "quotes", List.of(Map.of("text", "They did it.", "speakerId", unitedStates))));
        String denial = record(action("DENIAL", "Test denial", List.of(china), List.of(unitedStates), "respondsToId", accusation));
        record(action("SANCTION", "Test sanction", List.of(unitedStates), List.of(china), "respondsToId", accusation));

        data("query($id: ID!) { action(id: $id) { occurredOn datePrecision createdBy thread { depth action { kind } } } }",
                Map.of("id", intrusion))
                .body("data.action.occurredOn", equalTo("2024-05-01"))
                .body("data.action.datePrecision", equalTo("MONTH"))
                .body("data.action.createdBy", equalTo("test-editor"))
                .body("data.action.thread.action.kind", contains("ATTRIBUTION", "DENIAL", "SANCTION"))
                .body("data.action.thread.depth", contains(1, 2, 2));
        data("query($id: ID!) { action(id: $id) { respondsTo { title quotes { text speaker { name } } } } }", Map.of("id", denial))
                .body("data.action.respondsTo.title", equalTo("Test accusation"))
                .body("data.action.respondsTo.quotes[0].speaker.name", equalTo("United States"));
    }

    @Test
    void anActionWithoutAnActorIsInvalid() {
        refusedUnchanged("VALIDATION", "an action needs at least one actor", RECORD,
                Map.of("a", action("STATEMENT", "No one said it", List.of(), List.of())));
    }

    @Test
    void anActionWithoutACitationIsInvalid() {
        Map<String, Object> uncited = action("STATEMENT", "Unsourced", List.of(china), List.of());
        uncited.put("citations", List.of());
        refusedUnchanged("VALIDATION", "an action needs at least one citation", RECORD, Map.of("a", uncited));
    }

    @Test
    void blankOrOverLongTextIsInvalid() {
        refusedUnchanged("VALIDATION", "title must not be blank", RECORD, Map.of("a", action("STATEMENT", " ", List.of(china), List.of())));
        refusedUnchanged("VALIDATION", "title size must be between 0 and 300", RECORD,
                Map.of("a", action("STATEMENT", "t".repeat(301), List.of(china), List.of())));
        refusedUnchanged("VALIDATION", "must not be blank", RECORD, Map.of("a", action("STATEMENT", "Quiet", List.of(china), List.of(),
                "quotes", List.of(Map.of("text", "")))));
    }

    @Test
    void unknownIdsAreNotFoundAndNamed() {
        refusedUnchanged("NOT_FOUND", "no party with id 987654321", RECORD,
                Map.of("a", action("STATEMENT", "Ghost actor", List.of("987654321"), List.of())));
        refusedUnchanged("NOT_FOUND", "no party with id 987654322", RECORD,
                Map.of("a", action("STATEMENT", "Ghost target", List.of(china), List.of("987654322"))));
        refusedUnchanged("NOT_FOUND", "no party with id 987654323", RECORD, Map.of("a", action("STATEMENT", "Ghost speaker",
                List.of(china), List.of(), "quotes", List.of(Map.of("text", "Boo", "speakerId", "987654323")))));
        Map<String, Object> ghostSource = action("STATEMENT", "Ghost source", List.of(china), List.of());
        ghostSource.put("citations", List.of(Map.of("sourceId", "987654324")));
        refusedUnchanged("NOT_FOUND", "no source with id 987654324", RECORD, Map.of("a", ghostSource));
        refusedUnchanged("NOT_FOUND", "respondsToId 987654325 is not an action", RECORD,
                Map.of("a", action("DENIAL", "Answer to nothing", List.of(china), List.of(), "respondsToId", "987654325")));
    }

    @Test
    void aMalformedDateIsRefused() {
        String before = export();
        refusedForEditor("GRAPHQL_VALIDATION_FAILED", RECORD, Map.of("a", action("STATEMENT", "Badly dated", List.of(china),
                List.of(), "occurredOn", "19 July 2021")))
                .body("errors[0].message", containsString("dates are written YYYY-MM-DD"))
                .body("data", org.hamcrest.Matchers.nullValue());
        assertEquals(before, export());
    }

    @Test
    void aPrecisionWithoutADateIsInvalid() {
        refusedUnchanged("VALIDATION", "datePrecision MONTH given without occurredOn", RECORD,
                Map.of("a", action("STATEMENT", "Undated", List.of(china), List.of(), "datePrecision", "MONTH")));
    }

    @Test
    void aRespondsToCycleIsInvalid() {
        String first = record(action("STATEMENT", "First word", List.of(china), List.of()));
        String second = record(action("STATEMENT", "Second word", List.of(unitedStates), List.of(), "respondsToId", first));
        refusedUnchanged("VALIDATION", "respondsTo would make a cycle", UPDATE, Map.of("id", first,
                "a", action("STATEMENT", "First word", List.of(china), List.of(), "respondsToId", second, "version", 0)));
        refusedUnchanged("VALIDATION", "respondsTo would make a cycle", UPDATE, Map.of("id", first,
                "a", action("STATEMENT", "First word", List.of(china), List.of(), "respondsToId", first, "version", 0)));
    }

    @Test
    void updatesReplaceTheActionKeepingPartiesThatStay() {
        String id = record(action("ATTRIBUTION", "Draft", List.of(unitedStates, china), List.of(russia)));
        asEditor(UPDATE, Map.of("id", id, "a", action("ATTRIBUTION", "Final", List.of(china, unitedStates), List.of(unitedStates),
                "version", 0)))
                .body("data.updateAction.title", equalTo("Final"))
                .body("data.updateAction.version", equalTo(1))
                .body("data.updateAction.actors.name", contains("China", "United States"))
                .body("data.updateAction.targets.name", contains("United States"));
    }

    @Test
    void aStaleVersionIsAConflict() {
        String id = record(action("STATEMENT", "Contested", List.of(china), List.of()));
        asEditor(UPDATE, Map.of("id", id, "a", action("STATEMENT", "Edited once", List.of(china), List.of(), "version", 0)));
        refusedUnchanged("CONFLICT", "has changed since you read it", UPDATE,
                Map.of("id", id, "a", action("STATEMENT", "Edited from a stale read", List.of(china), List.of(), "version", 0)));
    }

    @Test
    void anActionOthersRespondToIsNotDeletedAndTheRefusalSaysWhich() {
        String claim = record(action("ATTRIBUTION", "Claim", List.of(unitedStates), List.of(china)));
        String answer = record(action("DENIAL", "Answer", List.of(china), List.of(unitedStates), "respondsToId", claim));
        refusedUnchanged("CONFLICT", "is answered by action " + answer + " 'Answer'", DELETE, Map.of("id", claim));
        asEditor(DELETE, Map.of("id", answer)).body("data.deleteAction", equalTo(answer));
        asEditor(DELETE, Map.of("id", claim)).body("data.deleteAction", equalTo(claim));
        data("query($id: ID!) { action(id: $id) { id } }", Map.of("id", claim)).body("data.action", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void deletingAnUnknownActionIsNotFound() {
        refusedUnchanged("NOT_FOUND", "no action with id 987654321", DELETE, Map.of("id", "987654321"));
    }
}
