package org.attributiongraph.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.ExecutionInput;

/** The canonical form that lets the HTTP door and the engine name one request alike, without booting the app. */
class GraphQLRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static GraphQLRequest read(String variables) throws JsonProcessingException {
        return GraphQLRequest.of("{ q }", null, JSON.readTree(variables));
    }

    @Test
    void theOrderOfVariablesAndTrailingZerosDoNotMatter() throws JsonProcessingException {
        assertEquals(read("{\"a\": 1, \"b\": {\"y\": [1.0, \"x\"], \"x\": null}}"),
                read("{\"b\": {\"x\": null, \"y\": [1, \"x\"]}, \"a\": 1.00}"));
        assertEquals(read("{\"n\": 0}"), read("{\"n\": -0.0}"));
    }

    @Test
    void differentValuesAreDifferentRequests() throws JsonProcessingException {
        assertNotEquals(read("{\"a\": 1}"), read("{\"a\": \"1\"}"));
        assertNotEquals(read("{\"a\": 1}"), read("{\"a\": 1.5}"));
        assertNotEquals(GraphQLRequest.of("{ q }", "A", null), GraphQLRequest.of("{ q }", "B", null));
    }

    @Test
    void noVariablesAndEmptyVariablesAreOneRequest() throws JsonProcessingException {
        assertEquals(GraphQLRequest.of("{ q }", null, null), read("{}"));
        assertEquals(GraphQLRequest.of("{ q }", null, null), GraphQLRequest.of("{ q }", "", JSON.nullNode()));
    }

    @Test
    void theEngineNamesTheRequestAsTheDoorReadIt() throws JsonProcessingException {
        ExecutionInput input = ExecutionInput.newExecutionInput("{ q }").operationName("Op")
                .variables(Map.of("first", 10, "ids", List.of("1", "2"))).build();
        assertEquals(GraphQLRequest.of("{ q }", "Op", JSON.readTree("{\"ids\": [\"1\", \"2\"], \"first\": 10.0}")),
                GraphQLRequest.of(input));
    }

    @Test
    void aContentTypeMergedFromCopiesOfOneTypeIsThatType() {
        assertEquals("application/json", RequestReader.contentMediaType("application/json, Application/JSON; charset=utf-8"));
        assertEquals("", RequestReader.contentMediaType("application/json, application/graphql"));
        assertEquals("", RequestReader.contentMediaType(null));
    }
}
