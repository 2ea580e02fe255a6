package org.attributiongraph.party;

import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PartyGraphQLApiTest {

    private static final String BY_NAME = """
            query($name: String!) {
              partyByName(name: $name) { id name kind country aliases version partOf { name } parts { name } }
            }""";

    @Test
    void findsAPartyByItsName() {
        data(BY_NAME, Map.of("name", "Hafnium"))
                .body("data.partyByName.name", equalTo("Hafnium"))
                .body("data.partyByName.kind", equalTo("THREAT_GROUP"))
                .body("data.partyByName.country", equalTo("CN"));
    }

    @Test
    void findsAPartyByAnAliasIgnoringCase() {
        data(BY_NAME, Map.of("name", "  mss "))
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"))
                .body("data.partyByName.aliases", hasItem("MSS"))
                .body("data.partyByName.partOf.name", equalTo("China"));
    }

    @Test
    void anUnknownNameIsNull() {
        data(BY_NAME, Map.of("name", "Nobody at all")).body("data.partyByName", nullValue());
    }

    @Test
    void walksTheHierarchyBothWays() {
        data(BY_NAME, Map.of("name", "China"))
                .body("data.partyByName.parts.name",
                        hasItems("China's Ministry of State Security", "China's Ministry of Foreign Affairs"));
        data(BY_NAME, Map.of("name", "Zhao Lijian"))
                .body("data.partyByName.partOf.name", equalTo("China's Ministry of Foreign Affairs"));
    }

    @Test
    void aLookupGivesTheSameNamesAndParentsAsAList() {
        // a lookup reads a party's aliases and parent with it; parties in a list have them read in batches
        String nested = "{ aliases partOf { name aliases partOf { name aliases } } }";
        Map<String, Object> byLookup = data("{ partyByName(name: \"Zhao Lijian\") " + nested + " }", Map.of())
                .extract().path("data.partyByName");
        Map<String, Object> inList = data("{ parties(search: \"Zhao Lijian\") { edges { node " + nested + " } } }",
                Map.of()).extract().path("data.parties.edges[0].node");
        assertEquals(inList, byLookup);
        assertEquals(List.of(), byLookup.get("aliases"));
        assertEquals(List.of("Chinese foreign ministry", "Ministry of Foreign Affairs of the PRC"),
                ((Map<?, ?>) byLookup.get("partOf")).get("aliases"));
    }

    @Test
    void aPartyByIdMatchesTheSameByName() {
        String id = data(BY_NAME, Map.of("name", "New cybersecurity alliance")).extract().path("data.partyByName.id");
        data("query($id: ID!) { party(id: $id) { name kind } }", Map.of("id", id))
                .body("data.party.name", equalTo("Cybersecurity alliance against Chinese state-sponsored cyber attacks"))
                .body("data.party.kind", equalTo("COALITION"));
    }

    @Test
    void searchMatchesNamesAndAliasesIgnoringCase() {
        data("{ parties(search: \"micro\") { totalCount edges { node { name } } } }")
                .body("data.parties.edges.node.name",
                        containsInAnyOrder("Microsoft", "Microsoft Exchange victims", "Microsoft Threat Intelligence Center"));
        data("{ parties(search: \"FCDO\") { edges { node { name } } } }")
                .body("data.parties.edges.node.name", containsInAnyOrder("UK Foreign Office"));
    }

    @Test
    void searchTreatsWildcardsAsText() {
        data("{ parties(search: \"%\") { totalCount } }").body("data.parties.totalCount", equalTo(0));
        data("{ parties(search: \"_\") { totalCount } }").body("data.parties.totalCount", equalTo(0));
    }

    @Test
    void filtersByKind() {
        data("{ parties(kind: STATE, first: 100) { totalCount edges { node { kind } } } }")
                .body("data.parties.totalCount", greaterThan(5))
                .body("data.parties.edges.node.kind", everyItem(equalTo("STATE")));
    }

    @Test
    void aPartysActionsByRole() {
        String mss = "{ partyByName(name: \"MSS\") { actions(role: %s) { totalCount edges { node { kind } } } } }";
        data(mss.formatted("TARGET"))
                .body("data.partyByName.actions.edges.node.kind", hasItems("ATTRIBUTION", "INDICTMENT"));
        data(mss.formatted("ACTOR")).body("data.partyByName.actions.totalCount", equalTo(0));
    }

    @Test
    void aMalformedIdIsAValidationError() {
        query("{ party(id: \"not-a-number\") { name } }")
                .body("errors[0].message", org.hamcrest.Matchers.notNullValue())
                .body("data.party", nullValue());
    }
}
