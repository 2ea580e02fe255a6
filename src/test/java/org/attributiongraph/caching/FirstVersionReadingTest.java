package org.attributiongraph.caching;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.attributiongraph.writing.RecordVersion;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The replica reads the record's shared version once as it starts, before it keeps any answer, and a reading that
 * finds only its own writes (as the poll does after them) drops nothing they had not dropped already.
 */
@QuarkusTest
@TestProfile(FirstVersionReadingTest.CacheOnPollingRarely.class)
class FirstVersionReadingTest {

    /**
     * The cache on, the poll's first tick long after the test, and a database of its own that nothing writes to (no
     * seed), as a replica starting on a record already loaded.
     */
    public static class CacheOnPollingRarely implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("attribution-graph.response-cache.enabled", "true",
                    "attribution-graph.record-version.poll-interval", "1h",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:first-version-reading;DB_CLOSE_DELAY=-1",
                    "attribution-graph.seed.enabled", "false");
        }
    }

    @Inject
    RecordVersion recordVersion;

    @Inject
    SessionFactory sessionFactory;

    /** Each test asks its own query, so that neither finds the other's answer kept. */
    private void post(String query) {
        given().contentType(ContentType.JSON).body(Map.of("query", query))
                .post("/graphql").then().statusCode(200);
    }

    @Test
    void aReadingThatFindsNothingNewKeepsWhatIsCached() {
        long first = sessionFactory.getStatistics().getPrepareStatementCount();
        post("{ actions { totalCount } }");
        assertTrue(sessionFactory.getStatistics().getPrepareStatementCount() > first, "the first answer reads the database");
        recordVersion.readSharedVersion();
        long before = sessionFactory.getStatistics().getPrepareStatementCount();
        post("{ actions { totalCount } }");
        assertEquals(0, sessionFactory.getStatistics().getPrepareStatementCount() - before,
                "statements for the repeated query after the version was read again");
    }

    /** A write of this replica drops what was kept when it ends; reading the count it raised drops nothing more. */
    @Test
    void readingTheCountOfThisReplicasOwnWriteKeepsWhatWasCachedSince() {
        QuarkusTransaction.requiringNew().run(recordVersion::changed);
        post("{ parties { totalCount } }");
        recordVersion.readSharedVersion();
        long before = sessionFactory.getStatistics().getPrepareStatementCount();
        post("{ parties { totalCount } }");
        assertEquals(0, sessionFactory.getStatistics().getPrepareStatementCount() - before,
                "statements for the repeated query after reading the count this replica raised");
    }
}
