package org.attributiongraph.batching;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Only a batched field can be answered from what its parent holds, and a field with arguments only by a value that
 * reads them. Anything else is refused as the engine is built, over the schema SmallRye builds from our API.
 */
@QuarkusTest
class PreloadedTest {

    @Inject
    GraphQLSchema smallRyes;

    @Test
    void aBatchedFieldWithoutArgumentsIsAccepted() {
        assertNotNull(LoaderPerArguments.everyBatchedField(smallRyes,
                List.of(Preloaded.of("Party", "aliases", Object.class, parent -> null))));
    }

    @Test
    void aFieldWithArgumentsIsAcceptedOnlyWithThem() {
        // responses(kind:) answers differently per kind
        assertThrows(IllegalArgumentException.class, () -> LoaderPerArguments.everyBatchedField(smallRyes,
                List.of(Preloaded.of("Action", "responses", Object.class, parent -> null))));
        assertNotNull(LoaderPerArguments.everyBatchedField(smallRyes,
                List.of(Preloaded.withArguments("Action", "responses", Object.class, (parent, arguments) -> null))));
        assertThrows(IllegalArgumentException.class, () -> LoaderPerArguments.everyBatchedField(smallRyes,
                List.of(Preloaded.withArguments("Party", "aliases", Object.class, (parent, arguments) -> null))));
    }

    @Test
    void aPlainPropertyOrAnUnknownFieldIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoaderPerArguments.everyBatchedField(smallRyes,
                List.of(Preloaded.of("Action", "title", Object.class, parent -> null))));
        assertThrows(IllegalArgumentException.class, () -> LoaderPerArguments.everyBatchedField(smallRyes,
                List.of(Preloaded.of("Action", "nothing", Object.class, parent -> null))));
    }
}
