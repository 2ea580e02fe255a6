package org.attributiongraph.party;

import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.export;
import static org.attributiongraph.GraphQL.refusedForEditor;
import static org.attributiongraph.GraphQL.refusedUnchanged;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Writing parties: what is accepted, and every refusal with its code, leaving the record as it was. */
@QuarkusTest
class PartyMutationTest {

    private static final String CREATE = "mutation($p: PartyInput!) { createParty(party: $p) { id name kind aliases country version partOf { name } } }";
    private static final String UPDATE = "mutation($id: ID!, $p: PartyInput!) { updateParty(id: $id, party: $p) { id name aliases version partOf { name } } }";
    private static final String DELETE = "mutation($id: ID!) { deleteParty(id: $id) }";

    static String unique(String name) {
        return name + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> party(String name, Object... more) {
        Map<String, Object> party = new HashMap<>(Map.of("name", name, "kind", "THREAT_GROUP"));
        for (int i = 0; i < more.length; i += 2) {
            party.put((String) more[i], more[i + 1]);
        }
        return party;
    }

    static String create(Map<String, Object> party) {
        return asEditor(CREATE, Map.of("p", party)).extract().path("data.createParty.id");
    }


    @Test
    void createsAPartyWithAliasesAndAParent() {
        String name = unique("APT Example");
        asEditor(CREATE, Map.of("p", party(name, "aliases", List.of(name + " alias"), "country", "CN",
                "partOfId", data("{ partyByName(name: \"MSS\") { id } }").extract().path("data.partyByName.id"))))
                .body("data.createParty.name", equalTo(name))
                .body("data.createParty.aliases", contains(name + " alias"))
                .body("data.createParty.partOf.name", equalTo("China's Ministry of State Security"))
                .body("data.createParty.version", equalTo(0));
        data("query($n: String!) { partyByName(name: $n) { name } }", Map.of("n", (name + " ALIAS").toLowerCase()))
                .body("data.partyByName.name", equalTo(name));
    }

    @Test
    void aNameTakenByAnotherPartyIgnoringCaseIsAConflict() {
        refusedUnchanged("CONFLICT", "'hafnium' is already a name or alias of 'Hafnium'", CREATE, Map.of("p", party("hafnium")));
    }

    @Test
    void anAliasTakenByAnotherPartyIsAConflict() {
        refusedUnchanged("CONFLICT", "'mss' is already a name or alias of 'China's Ministry of State Security'", CREATE,
                Map.of("p", party(unique("New group"), "aliases", List.of("mss"))));
    }

    @Test
    void blankOrOverLongTextIsInvalid() {
        refusedUnchanged("VALIDATION", "must not be blank", CREATE, Map.of("p", party("   ")));
        refusedUnchanged("VALIDATION", "name size must be between 0 and 200", CREATE, Map.of("p", party("x".repeat(201))));
        refusedUnchanged("VALIDATION", "must not be blank", CREATE, Map.of("p", party(unique("Group"), "aliases", List.of(" "))));
    }

    @Test
    void aMalformedCountryCodeIsInvalid() {
        refusedUnchanged("VALIDATION", "country must be an ISO 3166-1 alpha-2 code", CREATE,
                Map.of("p", party(unique("Group"), "country", "China")));
    }

    @Test
    void anUnknownParentIsNotFound() {
        refusedUnchanged("NOT_FOUND", "partOfId 987654321 is not a party", CREATE,
                Map.of("p", party(unique("Group"), "partOfId", "987654321")));
    }

    @Test
    void updatesReplaceThePartyAndMoveItsVersionOn() {
        String name = unique("Renamed group");
        String id = create(party(name, "aliases", List.of(name + " one")));
        asEditor(UPDATE, Map.of("id", id, "p", party(name + " II", "aliases", List.of(name + " two"), "version", 0)))
                .body("data.updateParty.name", equalTo(name + " II"))
                .body("data.updateParty.aliases", contains(name + " two"))
                .body("data.updateParty.version", equalTo(1));
        data("query($n: String!) { partyByName(name: $n) { id } }", Map.of("n", name + " one"))
                .body("data.partyByName", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aStaleVersionIsAConflictNotAnOverwrite() {
        String name = unique("Contested group");
        String id = create(party(name));
        asEditor(UPDATE, Map.of("id", id, "p", party(name, "country", "RU", "version", 0)));
        refusedUnchanged("CONFLICT", "has changed since you read it (you sent version 0, it is now at 1)", UPDATE,
                Map.of("id", id, "p", party(name, "country", "KP", "version", 0)));
        data("query($id: ID!) { party(id: $id) { country } }", Map.of("id", id)).body("data.party.country", equalTo("RU"));
    }

    @Test
    void anUpdateWithoutAVersionIsInvalid() {
        String id = create(party(unique("Versionless")));
        refusedUnchanged("VALIDATION", "an update needs the version you read", UPDATE, Map.of("id", id, "p", party(unique("Other"))));
    }

    @Test
    void aPartOfCycleIsInvalid() {
        String parentName = unique("Parent body");
        String parent = create(party(parentName));
        String child = create(party(unique("Child unit"), "partOfId", parent));
        refusedUnchanged("VALIDATION", "partOf would make a cycle", UPDATE,
                Map.of("id", parent, "p", party(parentName, "partOfId", child, "version", 0)));
        refusedUnchanged("VALIDATION", "partOf would make a cycle", UPDATE,
                Map.of("id", parent, "p", party(parentName, "partOfId", parent, "version", 0)));
    }

    @Test
    void updatingAnUnknownPartyIsNotFound() {
        refusedUnchanged("NOT_FOUND", "no party with id 987654321", UPDATE, Map.of("id", "987654321", "p", party(unique("Ghost"), "version", 0)));
    }

    @Test
    void aPartyActionsStillInvolveIsNotDeletedAndTheRefusalSaysWhich() {
        String hafnium = data("{ partyByName(name: \"Hafnium\") { id } }").extract().path("data.partyByName.id");
        refusedUnchanged("CONFLICT", "takes part in action", DELETE, Map.of("id", hafnium));
        String china = data("{ partyByName(name: \"China\") { id } }").extract().path("data.partyByName.id");
        refusedUnchanged("CONFLICT", "has part", DELETE, Map.of("id", china));
    }

    @Test
    void aPartyOnlyQuotedIsNotDeletedEither() {
        String speaker = create(party(unique("Spokesperson")));
        String actor = data("{ partyByName(name: \"China\") { id } }").extract().path("data.partyByName.id");
        String source = asEditor("mutation { createSource(source: {publisher: \"Example\", title: \"A statement\"}) { id } }",
                Map.of()).extract().path("data.createSource.id");
        String action = asEditor("mutation($a: ActionInput!) { recordAction(action: $a) { id } }", Map.of("a", Map.of(
                "kind", "DENIAL", "title", "A quoted denial", "actorIds", List.of(actor),
                "quotes", List.of(Map.of("text", "No.", "speakerId", speaker)), "citations", List.of(Map.of("sourceId", source)))))
                .extract().path("data.recordAction.id");
        refusedUnchanged("CONFLICT", "is quoted in action " + action + " 'A quoted denial'", DELETE, Map.of("id", speaker));
    }

    @Test
    void anUnusedPartyIsDeletedWithItsNames() {
        String name = unique("Short-lived");
        String id = create(party(name, "aliases", List.of(name + " aka")));
        asEditor(DELETE, Map.of("id", id)).body("data.deleteParty", equalTo(id));
        data("query($n: String!) { partyByName(name: $n) { id } }", Map.of("n", name + " aka"))
                .body("data.partyByName", org.hamcrest.Matchers.nullValue());
        create(party(name, "aliases", List.of(name + " aka")));
    }
}
