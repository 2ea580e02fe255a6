package org.attributiongraph.batching;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * What the query asks for below the field being fetched, so that a read can fetch the nested fields a level will
 * ask for in its own statement instead of leaving each to a statement of its own. In a batch, SmallRye's context
 * holds the first key's field; the keys of a batch share the field and its arguments, and where their selections
 * differ, the objects read without the nested field have it fetched as usual. So a look-ahead only ever saves
 * statements: an answer never depends on it.
 */
public final class Selection {

    private Selection() {
    }

    /** Whether the field being fetched selects a field at this path below it, such as {@code edges/node/actors}. */
    public static boolean asks(String path) {
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        DataFetchingEnvironment env = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        return env != null && env.getSelectionSet().contains(path);
    }
}
