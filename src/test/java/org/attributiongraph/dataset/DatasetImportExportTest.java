package org.attributiongraph.dataset;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.export;
import static org.attributiongraph.GraphQL.refusedForEditor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.attributiongraph.TestDatasource;
import org.attributiongraph.Tokens;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Moving the record between instances. Runs on a database of its own, which it empties to play the new instance,
 * with a dataset file imported at start as an operator would configure it. On H2 by default; on PostgreSQL, where
 * imports are written with COPY, when a database of its own is given (-Dpostgresql.import-database-url, with
 * -Dpostgresql.username and -Dpostgresql.password), as the PostgreSQL stage of .ci/run does.
 */
@QuarkusTest
@TestProfile(DatasetImportExportTest.OwnDatabase.class)
class DatasetImportExportTest {

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = TestDatasource.ownDatabase("jdbc:h2:mem:import-export;DB_CLOSE_DELAY=-1",
                    "postgresql.import-database-url");
            settings.put("attribution-graph.import.file", "src/test/resources/datasets/startup-import.json");
            return settings;
        }
    }

    private static final String IMPORT = "mutation($d: String!) { importDataset(document: $d) { sourcesAdded partiesAdded actionsAdded } }";

    @Inject
    EntityManager entityManager;

    @Inject
    EmptyDatabaseLoad emptyDatabaseLoad;

    @Inject
    DatasetImporter importer;

    @Inject
    DatasetReader reader;

    @Test
    void theStartUpFileIsImportedAfterTheSeedAndJoinsItsGraph() {
        data("{ partyByName(name: \"SIG\") { name actions(role: TARGET) { edges { node { respondsTo { kind } actors { name } } } } } }")
                .body("data.partyByName.name", equalTo("Startup Import Group"))
                .body("data.partyByName.actions.edges[0].node.respondsTo.kind", equalTo("INTRUSION"))
                .body("data.partyByName.actions.edges[0].node.actors.name", equalTo(List.of("Microsoft")));
    }

    @Test
    void importingTheSameFileTwiceAddsNothing() {
        String before = export();
        asEditor(IMPORT, Map.of("d", before))
                .body("data.importDataset", equalTo(Map.of("sourcesAdded", 0, "partiesAdded", 0, "actionsAdded", 0)));
        assertEquals(before, export());
    }

    @Test
    void oneBadRecordImportsNothingAndIsNamed() {
        String before = export();
        String file = """
                { "format": "attribution-graph-dataset", "version": 1,
                  "sources": [ { "key": "bad-file-source", "publisher": "P", "title": "T", "url": null, "publishedOn": null } ],
                  "parties": [ { "name": "Bad File Party", "kind": "OTHER", "aliases": [], "country": null, "partOf": null } ],
                  "actions": [
                    { "key": "bad-file-fine", "kind": "STATEMENT", "title": "Fine", "summary": null, "occurredOn": null,
                      "datePrecision": null, "actors": ["Bad File Party"], "targets": [], "respondsTo": null, "quotes": [],
                      "citations": [ { "source": "bad-file-source", "excerpt": null } ] },
                    { "key": "bad-file-broken", "kind": "STATEMENT", "title": "Broken", "summary": null, "occurredOn": null,
                      "datePrecision": null, "actors": ["Nobody We Know"], "targets": [], "respondsTo": null, "quotes": [],
                      "citations": [ { "source": "bad-file-source", "excerpt": null } ] } ] }""";
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", file))
                .body("errors[0].message", equalTo("actions[1] 'bad-file-broken': actor 'Nobody We Know' is neither a party in "
                        + "this file nor one already recorded"));
        assertEquals(before, export());
        data("{ partyByName(name: \"Bad File Party\") { id } }").body("data.partyByName", org.hamcrest.Matchers.nullValue());
    }

    /** What COPY's text format escapes (tab, line breaks, backslash, its null marker) and what UTF-8 encodes. */
    private static final String AWKWARD = "a tab\there, a line\nbreak, a return\r, a backslash \\ and \\N and \\t as typed,"
            + " quotes \" ', accents é ü, a satellite \uD83D\uDEF0";

    @Test
    void awkwardTextIsStoredExactlyAsWritten() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(AWKWARD);
        String file = """
                { "format": "attribution-graph-dataset", "version": 1,
                  "sources": [ { "key": "awkward-source", "publisher": %1$s, "title": %1$s, "url": null, "publishedOn": null } ],
                  "parties": [ { "name": "Awkward \\\\ Party", "kind": "OTHER", "aliases": [], "country": null, "partOf": null } ],
                  "actions": [
                    { "key": "awkward-action", "kind": "STATEMENT", "title": %1$s, "summary": %1$s, "occurredOn": null,
                      "datePrecision": null, "actors": ["Awkward \\\\ Party"], "targets": [], "respondsTo": null,
                      "quotes": [ { "text": %1$s, "speaker": "Awkward \\\\ Party" } ],
                      "citations": [ { "source": "awkward-source", "excerpt": %1$s } ] } ] }""".formatted(text);
        asEditor(IMPORT, Map.of("d", file))
                .body("data.importDataset", equalTo(Map.of("sourcesAdded", 1, "partiesAdded", 1, "actionsAdded", 1)));
        data("{ partyByName(name: \"Awkward \\\\ Party\") { name actions { edges { node { title summary"
                + " quotes { text speaker { name } } citations { excerpt source { title publisher } } } } } } }")
                .body("data.partyByName.name", equalTo("Awkward \\ Party"))
                .body("data.partyByName.actions.edges[0].node.title", equalTo(AWKWARD))
                .body("data.partyByName.actions.edges[0].node.summary", equalTo(AWKWARD))
                .body("data.partyByName.actions.edges[0].node.quotes[0].text", equalTo(AWKWARD))
                .body("data.partyByName.actions.edges[0].node.quotes[0].speaker.name", equalTo("Awkward \\ Party"))
                .body("data.partyByName.actions.edges[0].node.citations[0].excerpt", equalTo(AWKWARD))
                .body("data.partyByName.actions.edges[0].node.citations[0].source.title", equalTo(AWKWARD))
                .body("data.partyByName.actions.edges[0].node.citations[0].source.publisher", equalTo(AWKWARD));
    }

    /**
     * A row the database refuses while the import is being written (here a check the test adds; in service, a name
     * taken by another replica at the same moment) leaves nothing of the import behind, not even the rows of the
     * tables written before it, and is a CONFLICT, not an internal error.
     */
    @Test
    void aRowTheDatabaseRefusesLeavesNothingBehind() {
        String before = export();
        String file = """
                { "format": "attribution-graph-dataset", "version": 1,
                  "sources": [ { "key": "refused-source", "publisher": "P", "title": "T", "url": null, "publishedOn": null } ],
                  "parties": [ { "name": "Refused Write Party", "kind": "OTHER", "aliases": [], "country": null, "partOf": null } ],
                  "actions": [
                    { "key": "refused-action", "kind": "STATEMENT", "title": "Fine", "summary": null, "occurredOn": null,
                      "datePrecision": null, "actors": ["Refused Write Party"], "targets": [], "respondsTo": null, "quotes": [],
                      "citations": [ { "source": "refused-source", "excerpt": "the database refuses this one" } ] } ] }""";
        alter("ALTER TABLE citation ADD CONSTRAINT test_refused_excerpt CHECK (excerpt <> 'the database refuses this one')");
        try {
            refusedForEditor("CONFLICT", IMPORT, Map.of("d", file))
                    .body("errors[0].message", containsString("the import clashes with a record written at the same time"));
        } finally {
            alter("ALTER TABLE citation DROP CONSTRAINT test_refused_excerpt");
        }
        assertEquals(before, export());
        data("{ partyByName(name: \"Refused Write Party\") { id } }").body("data.partyByName", org.hamcrest.Matchers.nullValue());
    }

    @Transactional
    void alter(String statement) {
        entityManager.createNativeQuery(statement).executeUpdate();
    }

    @Test
    void malformedFilesAreRefusedSayingWhere() {
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", "{ \"format\": "))
                .body("errors[0].message", containsString("dataset file is not valid JSON at line 1"));
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", "{ \"format\": \"attribution-graph-dataset\", \"version\": 1, "
                + "\"parties\": [ { \"name\": \"X\", \"kind\": \"EMPIRE\" } ] }"))
                .body("errors[0].message", containsString("parties[0].kind: 'EMPIRE' is not one of [STATE,"));
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", "{ \"format\": \"something-else\", \"version\": 1 }"))
                .body("errors[0].message", containsString("not a dataset this service reads"));
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", "{ \"format\": \"attribution-graph-dataset\", \"version\": 1, "
                + "\"actions\": [ null ] }"))
                .body("errors[0].message", equalTo("dataset file is not valid at actions[0]: wrong type of value"));
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", "{ \"format\": \"attribution-graph-dataset\", \"version\": 1, "
                + "\"sources\": [], \"sources\": [] }"))
                .body("errors[0].message", equalTo("dataset file is not valid at the top level: field 'sources' appears twice"));
    }

    @Test
    void editorsMayImportFilesOverTheReadersBodyLimit() {
        StringBuilder parties = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            parties.append(i == 0 ? "" : ",").append("{ \"name\": \"Bulk party ").append(i)
                    .append("\", \"kind\": \"OTHER\", \"aliases\": [], \"country\": null, \"partOf\": null }");
        }
        String file = "{ \"format\": \"attribution-graph-dataset\", \"version\": 1, \"sources\": [], \"parties\": ["
                + parties + "], \"actions\": [] }";
        assertTrue(file.length() > 100_000, "the file is over the 64 KiB readers may send");
        given().contentType(ContentType.JSON).auth().oauth2(Tokens.reader("reader-3"))
                .body(Map.of("query", IMPORT, "variables", Map.of("d", file)))
                .post("/graphql").then().statusCode(413);
        asEditor(IMPORT, Map.of("d", file)).body("data.importDataset.partiesAdded", equalTo(1500));
    }

    @Test
    void aCaseIsTheResponseTreeItsActionBelongsTo() {
        String denial = data("{ actions(kind: DENIAL) { edges { node { id } } } }").extract().path("data.actions.edges[0].node.id");
        String exported = data("query($id: ID!) { exportDataset(caseOf: $id) }", Map.of("id", denial)).extract().path("data.exportDataset");
        assertTrue(exported.contains("\"exchange-intrusion\""), "the root of the case");
        assertTrue(exported.contains("\"china-denies\"") && exported.contains("\"microsoft-names-hafnium\""));
        assertTrue(!exported.contains("us-sanctions-chinese-officials"), "an unconnected action stays out");
        assertTrue(exported.contains("\"name\" : \"China\"") && exported.contains("\"name\" : \"Zhao Lijian\""));
        assertTrue(exported.contains("\"name\" : \"Japan\""), "the accusing alliance's members come along, even one that acts in none of the case");
    }

    @Test
    void memberOfMustNameACoalitionOrNothingIsImported() {
        String before = export();
        String file = """
                { "format": "attribution-graph-dataset", "version": 1, "sources": [], "actions": [],
                  "parties": [ { "name": "Would-be Member", "kind": "STATE", "aliases": [], "country": null, "partOf": null,
                                 "memberOf": [ "%s" ] } ] }""";
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", file.formatted("China")))
                .body("errors[0].message", containsString("parties[0] 'Would-be Member': memberOf 'China' (id "))
                .body("errors[0].message", containsString(") is a STATE, not a COALITION"));
        refusedForEditor("VALIDATION", IMPORT, Map.of("d", file.formatted("No Such Pact")))
                .body("errors[0].message", equalTo("parties[0] 'Would-be Member': memberOf 'No Such Pact' is neither a party "
                        + "in this file nor one already recorded"));
        assertEquals(before, export());
        data("{ partyByName(name: \"Would-be Member\") { id } }").body("data.partyByName", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void anExportImportedIntoAnEmptyInstanceExportsIdentically() throws Exception {
        String original = export();
        JsonNode file = new ObjectMapper().readTree(original);
        emptyTheRecord();
        assertEquals(0L, count("Action"));
        asEditor(IMPORT, Map.of("d", original))
                .body("data.importDataset.actionsAdded", equalTo(file.path("actions").size()))
                .body("data.importDataset.partiesAdded", equalTo(file.path("parties").size()));
        assertEquals(original, export());
        data("{ partyByName(name: \"Japan\") { memberOf { name members { name } } } }")
                .body("data.partyByName.memberOf[0].name", equalTo("Cybersecurity alliance against Chinese state-sponsored cyber attacks"))
                .body("data.partyByName.memberOf[0].members.name", org.hamcrest.Matchers.hasSize(8));
    }

    /**
     * The start-up import into an empty database is a bulk load that drops the tables' indexes and constraints and
     * builds them again (H2's and PostgreSQL's ways differ): the record and the schema come out as they went in.
     */
    @Test
    void theStartUpBulkLoadIntoAnEmptyDatabaseLeavesRecordAndSchemaAsTheyWere() {
        String original = export();
        Set<String> schema = schema();
        emptyTheRecord();
        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(emptyDatabaseLoad.applies(), "the database is empty: the bulk load is used");
            importer.importAtStart(new ByteArrayInputStream(original.getBytes(StandardCharsets.UTF_8)));
        });
        assertEquals(original, export());
        assertEquals(schema, schema());
    }

    /**
     * What the record's tables are indexed on (columns in order, and whether unique) and which foreign keys they
     * have, as the driver describes them. Not the names H2 generates for the indexes behind constraints, which change
     * when they are made again, nor an index a constraint holds twice (H2 makes its own until another fits exactly).
     */
    private Set<String> schema() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.unwrap(Session.class).doReturningWork(connection -> {
            DatabaseMetaData database = connection.getMetaData();
            Set<String> schema = new TreeSet<>();
            for (String table : EmptyDatabaseLoad.TABLES) {
                String name = database.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                Map<String, String> indexes = new TreeMap<>();
                try (ResultSet columns = database.getIndexInfo(null, connection.getSchema(), name, false, true)) {
                    while (columns.next()) {
                        String index = columns.getString("INDEX_NAME");
                        String kind = columns.getBoolean("NON_UNIQUE") ? " index on" : " unique index on";
                        indexes.merge(index, table + kind + " " + columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT),
                                (before, column) -> before + ", " + column.substring(column.lastIndexOf(' ') + 1));
                    }
                }
                schema.addAll(indexes.values());
                try (ResultSet keys = database.getImportedKeys(null, connection.getSchema(), name)) {
                    while (keys.next()) {
                        schema.add(table + " foreign key " + keys.getString("FKCOLUMN_NAME").toLowerCase(Locale.ROOT)
                                + " references " + keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
            return schema;
        }));
    }

    @Transactional
    void emptyTheRecord() {
        Records.deleteAll(entityManager);
    }

    @Transactional
    long count(String entity) {
        return entityManager.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }
}
