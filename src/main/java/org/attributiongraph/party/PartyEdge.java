package org.attributiongraph.party;

import org.eclipse.microprofile.graphql.NonNull;

public record PartyEdge(@NonNull String cursor, @NonNull Party node) {
}
