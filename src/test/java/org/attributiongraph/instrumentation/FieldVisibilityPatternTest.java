package org.attributiongraph.instrumentation;

import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An operator's field-visibility pattern still hides what it names: the engine drops only SmallRye's reading of the
 * default value as a pattern (GraphQLEngineCustomizer).
 */
@QuarkusTest
@TestProfile(FieldVisibilityPatternTest.CountryHidden.class)
class FieldVisibilityPatternTest {

    public static class CountryHidden implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-graphql.field-visibility", "Party.country",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:country-hidden;DB_CLOSE_DELAY=-1");
        }
    }

    @Test
    void theFieldAPatternNamesIsHiddenAndTheOthersAnswer() {
        query("{ partyByName(name: \"MSS\") { country } }")
                .body("errors[0].extensions.code", equalTo("GRAPHQL_VALIDATION_FAILED"));
        query("{ partyByName(name: \"MSS\") { name } }")
                .body("errors", nullValue()).body("data.partyByName.name", equalTo("China's Ministry of State Security"));
    }
}
