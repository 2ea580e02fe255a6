package org.attributiongraph.source;

import java.util.List;

import jakarta.inject.Inject;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.tracing.TracedFetches;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.quarkus.security.identity.SecurityIdentity;

@GraphQLApi
@TracedFetches
public class SourceGraphQLApi {

    @Inject
    SecurityIdentity identity;

    @Inject
    SourceService service;

    @Query
    @Description("Every source the record cites, in the order they were added.")
    public @NonNull List<@NonNull Source> sources() {
        return Source.listInOrder();
    }

    @Mutation
    @Description("Records a source that actions can then cite. Needs the editor role.")
    public @NonNull Source createSource(@NonNull SourceInput source) {
        Editor.require(identity);
        return service.create(source);
    }
}
