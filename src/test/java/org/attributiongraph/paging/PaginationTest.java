package org.attributiongraph.paging;

import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.query;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

/** Connections page with opaque cursors, visiting every item once, and refuse pages over the bound. */
@QuarkusTest
class PaginationTest {

    @ParameterizedTest
    @ValueSource(strings = { "actions", "parties" })
    void pagesVisitEveryItemExactlyOnce(String connection) {
        int total = data("{ " + connection + " { totalCount } }").extract().path("data." + connection + ".totalCount");
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        while (true) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("after", after);
            Map<String, Object> page = data("query($after: String) { " + connection
                    + "(first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }",
                    variables).extract().path("data." + connection);
            List<Map<String, Map<String, String>>> edges = (List) page.get("edges");
            edges.forEach(edge -> seen.add(edge.get("node").get("id")));
            Map<String, Object> info = (Map<String, Object>) page.get("pageInfo");
            pages++;
            if (!(Boolean) info.get("hasNextPage")) {
                break;
            }
            after = (String) info.get("endCursor");
            assertFalse(after.matches("\\d+"), "cursors are opaque, not raw ids");
        }
        assertEquals(total, seen.size(), "every item once");
        assertEquals(total, new HashSet<>(seen).size(), "no repeats");
        assertEquals((total + 2) / 3, pages);
    }

    @Test
    void firstOverOneHundredIsRefused() {
        query("{ actions(first: 101) { totalCount } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("first must be between 0 and 100"));
        query("{ parties(first: -1) { totalCount } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"));
    }

    @Test
    void aForeignCursorIsRefused() {
        query("{ actions(after: \"bm90LWEtY3Vyc29y\") { totalCount } }")
                .body("errors[0].extensions.code", equalTo("VALIDATION"))
                .body("errors[0].message", containsString("not a cursor this service issued"));
    }

    @Test
    void aPartysActionsPage() {
        String first = data("{ partyByName(name: \"United States\") { actions(first: 2) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } } }")
                .body("data.partyByName.actions.pageInfo.hasNextPage", equalTo(true))
                .extract().path("data.partyByName.actions.pageInfo.endCursor");
        int total = data("{ partyByName(name: \"United States\") { actions { totalCount } } }")
                .extract().path("data.partyByName.actions.totalCount");
        // other suites in this run record actions of the United States too: page on until the end
        List<String> rest = new ArrayList<>();
        for (String after = first; after != null; ) {
            var page = data("query($after: String) { partyByName(name: \"United States\") { actions(first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }",
                    Map.of("after", after)).extract();
            rest.addAll(page.path("data.partyByName.actions.edges.node.id"));
            after = page.<Boolean>path("data.partyByName.actions.pageInfo.hasNextPage") ? page.path("data.partyByName.actions.pageInfo.endCursor") : null;
        }
        assertEquals(total - 2, rest.size());
    }
}
