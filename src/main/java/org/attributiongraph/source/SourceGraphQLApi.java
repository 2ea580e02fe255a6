package org.attributiongraph.source;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

@GraphQLApi
public class SourceGraphQLApi {

    @Query
    @Description("Every source the record cites, in the order they were added.")
    public @NonNull List<@NonNull Source> sources() {
        return Source.listInOrder();
    }
}
