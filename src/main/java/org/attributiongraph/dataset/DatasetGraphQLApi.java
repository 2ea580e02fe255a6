package org.attributiongraph.dataset;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.attributiongraph.audit.Editor;
import org.attributiongraph.tracing.TracedFetches;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.quarkus.security.identity.SecurityIdentity;

/** Moving the record between instances: export it as a dataset file, import such a file. */
@GraphQLApi
@TracedFetches
public class DatasetGraphQLApi {

    @Inject
    SecurityIdentity identity;

    @Inject
    DatasetReader reader;

    @Inject
    DatasetWriter writer;

    @Inject
    DatasetExporter exporter;

    @Inject
    DatasetImporter importer;

    @Query
    @Description("The whole record, or with caseOf the response tree an action belongs to, as a dataset file (JSON) "
            + "in the format of the bundled seed, ready for importDataset on any instance.")
    public @NonNull String exportDataset(@Id Long caseOf) {
        return writer.write(caseOf == null ? exporter.exportAll() : exporter.exportCase(caseOf));
    }

    @Mutation
    @Description("Imports a dataset file (JSON, as exportDataset writes it) in one transaction: parties are matched by "
            + "name or alias, sources and actions by key, so importing the same file twice adds nothing. One bad record "
            + "and nothing is imported; the error names the record. Needs the editor role.")
    public @NonNull ImportResult importDataset(@NonNull String document) {
        Editor.require(identity);
        return importer.importDataset(reader.read(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))));
    }
}
