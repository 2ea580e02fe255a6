package org.attributiongraph.dataset;

import org.eclipse.microprofile.graphql.Description;

@Description("What an import added; everything else in the file was already in the record.")
public record ImportResult(int sourcesAdded, int partiesAdded, int actionsAdded) {
}
