package org.attributiongraph.source;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.tracing.TracedFetches;
import org.attributiongraph.writing.InputValidator;
import org.attributiongraph.writing.Writes;
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
    InputValidator validator;

    @Query
    @Description("Every source the record cites, in the order they were added.")
    public @NonNull List<@NonNull Source> sources() {
        return Source.listInOrder();
    }

    @Mutation
    @Transactional
    @Description("Records a source that actions can then cite. Needs the editor role.")
    public @NonNull Source createSource(@NonNull SourceInput source) {
        Editor.require(identity);
        Source created = new Source();
        created.key = "source-" + UUID.randomUUID();
        created.publisher = source.publisher;
        created.title = source.title;
        created.url = source.url;
        created.publishedOn = source.publishedOn;
        validator.check(created, "source").persist();
        Writes.flush("source");
        return created;
    }
}
