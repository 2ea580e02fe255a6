package org.attributiongraph.batching;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.SelectionSet;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;

/**
 * What the query asks for below the field being fetched, so that a read can fetch the nested fields a level will
 * ask for in its own statement instead of leaving each to a statement of its own. In a batch, SmallRye's context
 * holds the first key's field; the keys of a batch share the field and its arguments, and where their selections
 * differ, the objects read without the nested field have it fetched as usual. So a look-ahead only ever saves
 * statements: an answer never depends on it.
 * <p>
 * It reads the query's own fields, following fragments, rather than graphql-java's selection set, which SmallRye's
 * fetchers are not given ({@link SmallRyeEnvironments}) and which would normalise the whole operation to answer. A
 * field under {@code @skip}, {@code @include} or a fragment on another type counts as asked: at worst a read brings
 * what nobody shows.
 */
public final class Selection {

    /** A field written without arguments, as {@code responses} is and {@code responses(kind: DENIAL)} is not. */
    static final Predicate<Field> WITHOUT_ARGUMENTS = field -> field.getArguments().isEmpty();

    private Selection() {
    }

    /** Whether the field being fetched selects a field at this path below it, such as {@code edges/node/actors}. */
    public static boolean asks(String path) {
        return asks(path, field -> true);
    }

    /**
     * Whether the field being fetched selects a field at this path below it written without arguments, so that its
     * answer depends on its parent alone.
     */
    public static boolean asksWithoutArguments(String path) {
        return asks(path, WITHOUT_ARGUMENTS);
    }

    private static boolean asks(String path, Predicate<Field> last) {
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        DataFetchingEnvironment env = context == null ? null : context.unwrap(DataFetchingEnvironment.class);
        return env != null && asks(env.getMergedField().getFields(), path.split("/"), last, env.getFragmentsByName());
    }

    /**
     * Whether any of these fields (one field of the answer, as the query may write it more than once) selects the
     * path, with a last field that passes the test.
     */
    static boolean asks(List<Field> fields, String[] path, Predicate<Field> last, Map<String, FragmentDefinition> fragments) {
        return fields.stream().anyMatch(field -> selects(field.getSelectionSet(), path, 0, last, fragments));
    }

    private static boolean selects(SelectionSet selections, String[] path, int depth, Predicate<Field> last,
            Map<String, FragmentDefinition> fragments) {
        if (selections == null) {
            return false;
        }
        for (graphql.language.Selection<?> selection : selections.getSelections()) {
            if (selection instanceof Field field) {
                if (field.getName().equals(path[depth]) && (depth == path.length - 1 ? last.test(field)
                        : selects(field.getSelectionSet(), path, depth + 1, last, fragments))) {
                    return true;
                }
            } else if (selects(fragmentSelections(selection, fragments), path, depth, last, fragments)) {
                return true;
            }
        }
        return false;
    }

    /** What a fragment, inline or spread, selects at the place it is written; null for a fragment the query lacks. */
    private static SelectionSet fragmentSelections(graphql.language.Selection<?> fragment, Map<String, FragmentDefinition> fragments) {
        if (fragment instanceof InlineFragment inline) {
            return inline.getSelectionSet();
        }
        FragmentDefinition definition = fragment instanceof FragmentSpread spread ? fragments.get(spread.getName()) : null;
        return definition == null ? null : definition.getSelectionSet();
    }
}
