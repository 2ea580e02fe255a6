package org.attributiongraph.party;

import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.refusedForEditor;
import static org.attributiongraph.party.PartyMutationTest.create;
import static org.attributiongraph.party.PartyMutationTest.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Coalitions: parties acting together, with members that may belong to several; memberOfIds written and refused. */
@QuarkusTest
class CoalitionTest {

    private static final String CREATE = "mutation($p: PartyInput!) { createParty(party: $p) { id version memberOf { name } } }";
    private static final String UPDATE = "mutation($id: ID!, $p: PartyInput!) { updateParty(id: $id, party: $p) { version memberOf { name } } }";
    private static final String DELETE = "mutation($id: ID!) { deleteParty(id: $id) }";
    private static final String MEMBERSHIP = "query($n: String!) { partyByName(name: $n) { kind members { name } memberOf { name } } }";

    /** A party of this kind, with the other fields given as name-value pairs. */
    private static Map<String, Object> party(String name, String kind, Object... more) {
        Map<String, Object> party = PartyMutationTest.party(name, more);
        party.put("kind", kind);
        return party;
    }

    @Test
    void aStateMayBelongToSeveralCoalitionsAndEachListsIt() {
        String first = unique("Pact A");
        String second = unique("Pact B");
        String state = unique("State");
        List<String> coalitions = List.of(create(party(first, "COALITION")), create(party(second, "COALITION")));
        asEditor(CREATE, Map.of("p", party(state, "STATE", "memberOfIds", coalitions)))
                .body("data.createParty.memberOf.name", contains(first, second));
        data(MEMBERSHIP, Map.of("n", first)).body("data.partyByName.members.name", contains(state));
        data(MEMBERSHIP, Map.of("n", second)).body("data.partyByName.members.name", contains(state));
    }

    @Test
    void anUpdateReplacesTheMemberships() {
        String coalition = unique("Pact C");
        String coalitionId = create(party(coalition, "COALITION"));
        String state = unique("State");
        String id = create(party(state, "STATE", "memberOfIds", List.of(coalitionId)));
        asEditor(UPDATE, Map.of("id", id, "p", party(state, "STATE", "version", 0)))
                .body("data.updateParty.memberOf", empty());
        data(MEMBERSHIP, Map.of("n", coalition)).body("data.partyByName.members", empty());
    }

    @Test
    void anUnknownCoalitionIsNotFoundAndNothingIsWritten() {
        String name = unique("State");
        refusedForEditor("NOT_FOUND", CREATE, Map.of("p", party(name, "STATE", "memberOfIds", List.of("999999999"))))
                .body("errors[0].message", containsString("memberOfIds 999999999 name no party"));
        data(MEMBERSHIP, Map.of("n", name)).body("data.partyByName", nullValue());
    }

    @Test
    void onlyACoalitionHasMembers() {
        String china = data("{ partyByName(name: \"China\") { id } }").extract().path("data.partyByName.id");
        String name = unique("State");
        refusedForEditor("VALIDATION", CREATE, Map.of("p", party(name, "STATE", "memberOfIds", List.of(china))))
                .body("errors[0].message", containsString("memberOf 'China' (id " + china + ") is a STATE, not a COALITION"));
        data(MEMBERSHIP, Map.of("n", name)).body("data.partyByName", nullValue());

        String coalition = unique("Pact D");
        String coalitionId = create(party(coalition, "COALITION"));
        create(party(unique("State"), "STATE", "memberOfIds", List.of(coalitionId)));
        refusedForEditor("VALIDATION", UPDATE, Map.of("id", coalitionId, "p", party(coalition, "OTHER", "version", 0)))
                .body("errors[0].message", containsString("has members, so it must stay a COALITION"));
        data(MEMBERSHIP, Map.of("n", coalition)).body("data.partyByName.kind", equalTo("COALITION"));
    }

    @Test
    void aCoalitionIsNotAMemberOfItself() {
        String coalition = unique("Pact E");
        String id = create(party(coalition, "COALITION"));
        refusedForEditor("VALIDATION", UPDATE, Map.of("id", id, "p", party(coalition, "COALITION", "version", 0,
                "memberOfIds", List.of(id))))
                .body("errors[0].message", containsString("a party cannot be a member of itself"));
        data(MEMBERSHIP, Map.of("n", coalition)).body("data.partyByName.memberOf", empty());
    }

    @Test
    void aCoalitionWithMembersIsNotDeletedButAMemberIs() {
        String coalition = unique("Pact F");
        String coalitionId = create(party(coalition, "COALITION"));
        String state = unique("State");
        String stateId = create(party(state, "STATE", "memberOfIds", List.of(coalitionId)));
        refusedForEditor("CONFLICT", DELETE, Map.of("id", coalitionId))
                .body("errors[0].message", containsString("has member " + stateId + " '" + state + "'"));
        asEditor(DELETE, Map.of("id", stateId)).body("data.deleteParty", equalTo(stateId));
        data(MEMBERSHIP, Map.of("n", coalition)).body("data.partyByName.members", empty());
        asEditor(DELETE, Map.of("id", coalitionId)).body("data.deleteParty", equalTo(coalitionId));
    }

    @Test
    void aCoalitionActsIsTargetedAndSpeaks() {
        String coalition = unique("Pact G");
        String coalitionId = create(party(coalition, "COALITION"));
        String member = create(party(unique("State"), "STATE", "memberOfIds", List.of(coalitionId)));
        String source = asEditor("mutation { createSource(source: {publisher: \"P\", title: \"T\"}) { id } }", Map.of())
                .extract().path("data.createSource.id");
        String accusation = asEditor("mutation($a: ActionInput!) { recordAction(action: $a) { id } }", Map.of("a", Map.of(
                "kind", "ATTRIBUTION", "title", "The pact accuses", "actorIds", List.of(coalitionId), "targetIds", List.of(member),
                "quotes", List.of(Map.of("text", "words of the pact", "speakerId", coalitionId)),
                "citations", List.of(Map.of("sourceId", source))))).extract().path("data.recordAction.id");
        asEditor("mutation($a: ActionInput!) { recordAction(action: $a) { id } }", Map.of("a", Map.of(
                "kind", "DENIAL", "title", "The pact is answered", "actorIds", List.of(member), "targetIds", List.of(coalitionId),
                "respondsToId", accusation, "citations", List.of(Map.of("sourceId", source)))));
        data("query($n: String!) { partyByName(name: $n) { actions { edges { node { title } } } } }", Map.of("n", coalition))
                .body("data.partyByName.actions.edges.node.title", contains("The pact accuses", "The pact is answered"));
        data("query($id: ID!) { action(id: $id) { actors { kind } quotes { speaker { name } } } }", Map.of("id", accusation))
                .body("data.action.actors.kind", contains("COALITION"))
                .body("data.action.quotes.speaker.name", contains(coalition));
        // the member was the target and the answerer; the pact's own accusation is not among its actions as actor
        data("query($id: ID!) { party(id: $id) { actions(role: ACTOR) { edges { node { title } } } } }", Map.of("id", member))
                .body("data.party.actions.edges.node.title", contains("The pact is answered"));
    }
}
