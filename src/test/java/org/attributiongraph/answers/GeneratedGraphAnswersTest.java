package org.attributiongraph.answers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.attributiongraph.TestDatasource;
import org.attributiongraph.action.Action;
import org.attributiongraph.dataset.DatasetImporter;
import org.attributiongraph.dataset.DatasetReader;
import org.attributiongraph.dataset.GraphGenerator;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The recorded answers over a small generated graph: the benchmark's queries where parties have many actions. */
@QuarkusTest
@TestProfile(GeneratedGraphAnswersTest.FreshGraph.class)
class GeneratedGraphAnswersTest extends RecordedAnswersTest {

    /**
     * An empty database of its own, without the seed, for the generated graph; every request reads the database. On
     * H2, or on an empty PostgreSQL database given as -Dpostgresql.generated-answers-database-url (the PostgreSQL
     * stage of .ci/run): the same answers on both.
     */
    public static class FreshGraph implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = TestDatasource.ownDatabase(
                    "jdbc:h2:mem:recorded-answers-generated;DB_CLOSE_DELAY=-1",
                    "postgresql.generated-answers-database-url");
            settings.putAll(Map.of("attribution-graph.seed.enabled", "false",
                    "attribution-graph.response-cache.enabled", "false"));
            return settings;
        }
    }

    @Inject
    DatasetImporter importer;

    @Inject
    DatasetReader reader;

    @BeforeEach
    void loadTheGeneratedGraphOnce() throws IOException {
        if (QuarkusTransaction.requiringNew().call(() -> Action.count()) > 0) {
            return;
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new GraphGenerator(7, 400, GraphGenerator.defaultParties(400)).write(json);
        importer.importDataset(reader.read(new ByteArrayInputStream(json.toByteArray())));
    }

    @Override
    String graph() {
        return "generated-400";
    }

    @Override
    Map<String, Request> requests() {
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("party-by-name", Request.of("""
                query($name: String!) { partyByName(name: $name) { id name kind country aliases partOf { name } } }""",
                "name", "Threat Group 1"));
        requests.put("accusations-with-actors-and-targets", Request.of("""
                query($name: String!) { partyByName(name: $name) { name
                  actions(role: TARGET, kind: ATTRIBUTION, first: 5) { totalCount edges { cursor node { id title occurredOn
                    actors { name } targets { name } } } pageInfo { hasNextPage endCursor } } } }""", "name", "Threat Group 1"));
        requests.put("accusations-page-2", Request.of("""
                query($name: String!, $after: String) { partyByName(name: $name) { name
                  actions(role: TARGET, kind: ATTRIBUTION, first: 5, after: $after) { edges { node { id title
                    actors { name } targets { name } } } pageInfo { hasNextPage endCursor } } } }""",
                "name", "Threat Group 1", "after", "{accusations-with-actors-and-targets.endCursor}"));
        requests.put("accuser-accused-response", Request.of("""
                query($name: String!) { partyByName(name: $name) { name
                  actions(role: ACTOR, kind: ATTRIBUTION, first: 20) { edges { node { id title targets { name }
                    responses { id kind title actors { name }
                      responses { id kind title actors { name } } } } } } } }""", "name", "State 1"));
        requests.put("intrusions", Request.of("{ actions(kind: INTRUSION, first: 5) { edges { node { id title } } } }"));
        requests.put("thread-10-deep", Request.of("""
                query($id: ID!) { action(id: $id) { title
                  thread(maxDepth: 10) { depth action { id kind title actors { name } } } } }""", "id", "{intrusions.id}"));
        requests.put("all-actions", Request.of("""
                { actions(first: 100) { totalCount edges { cursor node { id kind title summary occurredOn datePrecision
                    actors { name partOf { name } } targets { name } respondsTo { id } responses { id }
                    quotes { text speaker { name } } citations { excerpt source { publisher } } } }
                    pageInfo { hasNextPage endCursor } } }"""));
        requests.put("parties-with-actions", Request.of("""
                { parties(first: 100) { totalCount edges { node { name kind aliases partOf { name } members { name } memberOf { name }
                    actor: actions(role: ACTOR, first: 5) { totalCount edges { node { id } } }
                    target: actions(role: TARGET, first: 5) { totalCount edges { node { id } } }
                    any: actions(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } } } }"""));
        return requests;
    }
}
