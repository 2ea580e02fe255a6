package org.attributiongraph.batching;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;

/** The look-ahead reads the query as a client writes it: by field name, through aliases and fragments. */
class SelectionTest {

    @Test
    void aPathIsFollowedByFieldNames() {
        String query = "{ partyByName(name: \"MSS\") { actions { edges { node { title accusers: actors { name } } } } } }";
        assertTrue(asks(query, "actions/edges/node/actors"));
        assertTrue(asks(query, "actions/edges/node"));
        assertFalse(asks(query, "actions/edges/node/targets"));
        assertFalse(asks(query, "actions/edges/node/accusers"), "an alias is not the field's name");
        assertFalse(asks(query, "edges/node/actors"), "a path starts below the field being fetched");
    }

    @Test
    void fragmentsAreFollowed() {
        assertTrue(asks("{ partyByName(name: \"MSS\") { actions { edges { node { ... on Action { targets { name } } } } } } }",
                "actions/edges/node/targets"));
        String named = """
                { partyByName(name: "MSS") { actions { ...page } } }
                fragment page on ActionConnection { edges { node { ...parties } } }
                fragment parties on Action { actors { name } }""";
        assertTrue(asks(named, "actions/edges/node/actors"));
        assertFalse(asks(named, "actions/edges/node/targets"));
    }

    @Test
    void theFieldMayBeWrittenMoreThanOnce() {
        String query = "{ partyByName(name: \"MSS\") { name } partyByName(name: \"MSS\") { actions { edges { node { actors { name } } } } } }";
        assertTrue(asks(query, "actions/edges/node/actors"));
    }

    @Test
    void aFieldWithoutArgumentsIsOneWrittenWithoutThemSomewhere() {
        String both = "{ action(id: 1) { responses { responses(kind: DENIAL) { id } other: responses { id } } } }";
        assertTrue(asks(both, "responses/responses", Selection.WITHOUT_ARGUMENTS));
        String onlyWith = "{ action(id: 1) { responses { responses(kind: DENIAL) { id } ... on Action { responses(kind: $kind) { id } } } } }";
        assertTrue(asks(onlyWith, "responses/responses"));
        assertFalse(asks(onlyWith, "responses/responses", Selection.WITHOUT_ARGUMENTS));
        assertTrue(asks("{ action(id: 1) { responses(kind: DENIAL) { responses { id } } } }", "responses/responses",
                Selection.WITHOUT_ARGUMENTS), "only the last field's arguments count");
    }

    /** Whether the query's top field, as every place it is written, selects the path. */
    private static boolean asks(String query, String path) {
        return asks(query, path, field -> true);
    }

    /** Whether the query's top field, as every place it is written, selects the path with a last field that passes. */
    private static boolean asks(String query, String path, Predicate<Field> last) {
        Document document = Parser.parse(query);
        OperationDefinition operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
        List<Field> top = operation.getSelectionSet().getSelectionsOfType(Field.class);
        Map<String, FragmentDefinition> fragments = document.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, Function.identity()));
        return Selection.asks(top, path.split("/"), last, fragments);
    }
}
