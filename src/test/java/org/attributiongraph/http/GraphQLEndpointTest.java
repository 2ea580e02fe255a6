package org.attributiongraph.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GraphQLEndpointTest {

    @Test
    void aRelativeSettingHangsUnderTheHttpRoot() {
        assertEquals("/graphql", GraphQLEndpoint.join("/", "graphql"));
        assertEquals("/api/graphql", GraphQLEndpoint.join("/api", "graphql"));
        assertEquals("/api/graphql", GraphQLEndpoint.join("api/", "graphql/"));
    }

    @Test
    void anAbsoluteSettingIsTakenAsItIs() {
        assertEquals("/graphql", GraphQLEndpoint.join("/api", "/graphql"));
        assertEquals("/graphql", GraphQLEndpoint.join("/", "/graphql/"));
    }
}
