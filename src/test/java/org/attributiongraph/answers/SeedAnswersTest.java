package org.attributiongraph.answers;

import java.util.LinkedHashMap;
import java.util.Map;

import org.attributiongraph.TestDatasource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The recorded answers over the bundled seed: the documented queries, paging, aliases and refused requests. */
@QuarkusTest
@TestProfile(SeedAnswersTest.FreshSeed.class)
class SeedAnswersTest extends RecordedAnswersTest {

    /**
     * The seed in a database of its own, which no other test writes to; every request reads the database. On H2, or
     * on an empty PostgreSQL database given as -Dpostgresql.seed-answers-database-url (the PostgreSQL stage of
     * .ci/run): the same answers on both.
     */
    public static class FreshSeed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = TestDatasource.ownDatabase(
                    "jdbc:h2:mem:recorded-answers-seed;DB_CLOSE_DELAY=-1", "postgresql.seed-answers-database-url");
            settings.put("attribution-graph.response-cache.enabled", "false");
            return settings;
        }
    }

    static final String EVERYTHING_ABOUT_ACTIONS = """
            edges { cursor node {
              id kind title summary occurredOn datePrecision version
              actors { id name kind country aliases version partOf { name } parts { name } members { name } memberOf { name } }
              targets { name aliases }
              respondsTo { id title actors { name } }
              responses { id title targets { name } }
              quotes { text speaker { name aliases } }
              citations { excerpt source { id publisher title url publishedOn } }
              thread(maxDepth: 3) { depth action { id title actors { name } } }
            } } pageInfo { hasNextPage endCursor }""";

    @Override
    String graph() {
        return "seed";
    }

    @Override
    Map<String, Request> requests() {
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("readme-coalition-accusation", Request.of("""
                { partyByName(name: "MSS") { name actions(role: TARGET, kind: ATTRIBUTION) { edges { node {
                    title occurredOn datePrecision actors { name } targets { name }
                    citations { source { publisher } excerpt }
                    responses { kind title actors { name } quotes { text speaker { name } } } } } } } }"""));
        requests.put("readme-hafnium", Request.of("""
                { partyByName(name: "Hafnium") { name kind country actions(role: ACTOR) { edges { node {
                    kind title summary targets { name } citations { source { publisher } excerpt }
                    responses(kind: ATTRIBUTION) { title actors { name partOf { name } } } } } } } }"""));
        requests.put("intrusions", Request.of("{ actions(kind: INTRUSION, first: 5) { edges { node { id title } } } }"));
        requests.put("readme-thread", Request.of("""
                query Thread($id: ID!) { action(id: $id) { title thread(maxDepth: 10) { depth
                    action { kind title occurredOn actors { name } targets { name } quotes { text speaker { name } } } } } }""",
                "id", "{intrusions.id}"));
        requests.put("party-by-name", Request.of("""
                query($name: String!) { partyByName(name: $name) { id name kind country version aliases
                    partOf { id name } parts { name } members { name } memberOf { name } } }""", "name", "mss"));
        requests.put("party-by-alias", Request.of("{ partyByName(name: \"PRC\") { id name aliases } }"));
        requests.put("party-by-id", Request.of("query($id: ID!) { party(id: $id) { id name kind } }",
                "id", "{party-by-name.id}"));
        requests.put("accusations-with-actors-and-targets", Request.of("""
                query($name: String!) { partyByName(name: $name) { name
                  actions(role: TARGET, kind: ATTRIBUTION, first: 20) { edges { node { id title occurredOn
                    actors { name } targets { name } } } } } }""", "name", "MSS"));
        requests.put("accuser-accused-response", Request.of("""
                query($name: String!) { partyByName(name: $name) { name
                  actions(role: ACTOR, kind: ATTRIBUTION, first: 20) { edges { node { id title targets { name }
                    responses { id kind title actors { name }
                      responses { id kind title actors { name } } } } } } } }""", "name", "New cybersecurity alliance"));
        requests.put("thread-10-deep", Request.of("""
                query($id: ID!) { action(id: $id) { title
                  thread(maxDepth: 10) { depth action { id kind title actors { name } } } } }""", "id", "{intrusions.id}"));
        requests.put("everything-about-all-actions", Request.of("{ actions(first: 100) { totalCount " + EVERYTHING_ABOUT_ACTIONS + " } }"));
        requests.put("actions-page-1", Request.of("{ actions(first: 4) { totalCount " + EVERYTHING_ABOUT_ACTIONS + " } }"));
        requests.put("actions-page-2", Request.of("query($after: String) { actions(first: 4, after: $after) { "
                + EVERYTHING_ABOUT_ACTIONS + " } }", "after", "{actions-page-1.endCursor}"));
        requests.put("actions-filtered", Request.of("""
                query($target: ID) { actions(target: $target, from: "2021-01-01", to: "2021-12-31") { totalCount
                    edges { cursor node { id title occurredOn } } } }""", "target", "{party-by-name.id}"));
        requests.put("actions-by-kind-and-target", Request.of("""
                query($target: ID) { actions(kind: ATTRIBUTION, target: $target) { totalCount edges { node { id title } } } }""",
                "target", "{party-by-name.id}"));
        requests.put("parties-page-1", Request.of("""
                { parties(first: 7) { totalCount edges { cursor node { id name kind aliases partOf { name } } }
                    pageInfo { hasNextPage endCursor } } }"""));
        requests.put("parties-page-2", Request.of("""
                query($after: String) { parties(first: 7, after: $after) { edges { cursor node { id name } }
                    pageInfo { hasNextPage endCursor } } }""", "after", "{parties-page-1.endCursor}"));
        requests.put("parties-all-with-actions", Request.of("""
                { parties(first: 100) { totalCount edges { node { name aliases partOf { name } parts { name }
                    members { name aliases } memberOf { name aliases }
                    actions(first: 3) { totalCount edges { cursor node { title actors { name } } } pageInfo { hasNextPage endCursor } } } } } }"""));
        requests.put("parties-search-and-kind", Request.of("""
                { states: parties(kind: STATE) { totalCount edges { node { name country } } }
                  search: parties(search: "min") { totalCount edges { node { name } } }
                  nothing: parties(search: "no such party") { totalCount edges { node { name } } pageInfo { hasNextPage endCursor } } }"""));
        requests.put("party-actions-page-1", Request.of("""
                { partyByName(name: "China") { actions(first: 2) { totalCount edges { cursor node { id title } }
                    pageInfo { hasNextPage endCursor } } } }"""));
        requests.put("party-actions-page-2", Request.of("""
                query($after: String) { partyByName(name: "China") { actions(first: 2, after: $after) {
                    edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } } }""",
                "after", "{party-actions-page-1.endCursor}"));
        requests.put("aliases-with-arguments-party", Request.of("""
                { partyByName(name: "China") {
                    accused: actions(role: TARGET) { totalCount edges { node { id } } }
                    accusing: actions(role: ACTOR) { totalCount edges { node { id } } }
                    denials: actions(kind: DENIAL) { edges { node { id kind } } } } }"""));
        requests.put("aliases-with-arguments-actions", Request.of("""
                { actions(first: 100) { edges { node { id responses { title } denials: responses(kind: DENIAL) { title }
                    shallow: thread(maxDepth: 1) { depth action { title } }
                    deep: thread(maxDepth: 5) { depth action { title } } } } } }"""));
        requests.put("sources", Request.of("{ sources { id publisher title url publishedOn } }"));
        requests.put("export", Request.of("{ exportDataset }"));
        requests.put("missing-party-and-action", Request.of("""
                { partyByName(name: "Nobody") { name } party(id: 999999) { name } action(id: 999999) { title } }"""));
        requests.put("error-thread-depth", Request.of("""
                query($id: ID!) { action(id: $id) { thread(maxDepth: 0) { depth } } }""", "id", "{intrusions.id}"));
        requests.put("error-first-negative", Request.of("{ actions(first: -1) { edges { node { id } } } }"));
        requests.put("error-bad-cursor", Request.of("{ parties(after: \"not a cursor\") { edges { node { id } } } }"));
        requests.put("error-from-after-to", Request.of("{ actions(from: \"2022-01-01\", to: \"2021-01-01\") { totalCount } }"));
        requests.put("error-unknown-field", Request.of("{ partyByName(name: \"MSS\") { shoeSize } }"));
        requests.put("error-bad-id", Request.of("{ action(id: \"seven\") { title } }"));
        return requests;
    }
}
