package org.attributiongraph.action;

import org.eclipse.microprofile.graphql.NonNull;

public record ActionEdge(@NonNull String cursor, @NonNull Action node) {
}
