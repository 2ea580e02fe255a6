package org.attributiongraph.http;

import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.attributiongraph.GraphQL;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** An editor's body may be as large as quarkus.http.limits.max-body-size, and a dataset in it one long string. */
@QuarkusTest
class LargeBodyTest {

    @Test
    void aDatasetLongerThanJacksonsDefaultStringCapIsImported() throws IOException {
        String seed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("dataset/exchange-hafnium-2021.json")) {
            seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the seed, padded with whitespace past 20M characters: still the same dataset, and already on record
        String document = seed + " ".repeat(21 * 1024 * 1024);
        GraphQL.asEditor("mutation($d: String!) { importDataset(document: $d) { sourcesAdded partiesAdded actionsAdded } }",
                Map.of("d", document))
                .body("data.importDataset.actionsAdded", equalTo(0))
                .body("data.importDataset.partiesAdded", equalTo(0));
    }
}
