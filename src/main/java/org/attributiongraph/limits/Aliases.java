package org.attributiongraph.limits;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;

/** Counts the aliases of a document, for {@link Limits#maxAliases()}: those of every operation and fragment in it. */
public final class Aliases {

    private Aliases() {
    }

    public static int in(Document document) {
        int aliases = 0;
        for (Definition<?> definition : document.getDefinitions()) {
            if (definition instanceof OperationDefinition operation) {
                aliases += in(operation.getSelectionSet());
            } else if (definition instanceof FragmentDefinition fragment) {
                aliases += in(fragment.getSelectionSet());
            }
        }
        return aliases;
    }

    private static int in(SelectionSet selections) {
        int count = 0;
        if (selections != null) {
            for (Selection<?> selection : selections.getSelections()) {
                if (selection instanceof Field field) {
                    count += (field.getAlias() != null ? 1 : 0) + in(field.getSelectionSet());
                } else if (selection instanceof InlineFragment fragment) {
                    count += in(fragment.getSelectionSet());
                }
            }
        }
        return count;
    }
}
