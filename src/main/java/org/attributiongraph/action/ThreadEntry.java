package org.attributiongraph.action;

import org.eclipse.microprofile.graphql.NonNull;

/** An action in the response tree under another, with how far below it stands (1 = a direct response). */
public record ThreadEntry(@NonNull int depth, @NonNull Action action) {
}
