package org.attributiongraph.http;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where SmallRye serves GraphQL, as a router path. The setting is relative to the HTTP root, as the extension and its
 * Dev UI read it (a leading slash there would break the Dev UI's schema link); the routes that stand in front of
 * SmallRye's all ask here, so they guard exactly the path it serves.
 */
@ApplicationScoped
public class GraphQLEndpoint {

    private final String path;

    GraphQLEndpoint(@ConfigProperty(name = "quarkus.http.root-path", defaultValue = "/") String httpRoot,
            @ConfigProperty(name = "quarkus.smallrye-graphql.root-path") String graphqlRoot) {
        this.path = join(httpRoot, graphqlRoot);
    }

    /** The absolute path, such as {@code /graphql}. */
    public String path() {
        return path;
    }

    static String join(String httpRoot, String graphqlRoot) {
        if (graphqlRoot.startsWith("/")) {
            return trimmed(graphqlRoot);
        }
        String base = httpRoot.endsWith("/") ? httpRoot : httpRoot + "/";
        return trimmed((base.startsWith("/") ? base : "/" + base) + graphqlRoot);
    }

    private static String trimmed(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
