package org.attributiongraph.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.attributiongraph.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The GraphiQL console in Chromium against the packaged app: it loads the schema, runs a query, and an editor writes
 * through its Headers tab. Every request the console makes is recorded; none may fail but the one meant to be refused.
 */
class ConsoleIT {

    /** The README's "Try it in GraphiQL" query: accuser -> accused -> responses. */
    static final String README_QUERY = """
            {
              partyByName(name: "MSS") {
                name
                actions(role: TARGET, kind: ATTRIBUTION) {
                  edges { node {
                    title occurredOn datePrecision
                    actors { name }
                    targets { name }
                    citations { source { publisher } excerpt }
                    responses {
                      kind title
                      actors { name }
                      quotes { text speaker { name } }
                    }
                  } }
                }
              }
            }""";

    @RegisterExtension
    static final RunningApp service = new RunningApp();

    @Test
    void theConsoleLoadsTheSchemaAndRunsTheReadmeQuery() throws Exception {
        try (Browser browser = service.openBrowser("query")) {
            Console.open(browser, service.base(), README_QUERY);
            browser.driver().findElement(By.cssSelector("[aria-label='Show Documentation Explorer']")).click();
            browser.waitFor(d -> d.findElement(By.cssSelector(".graphiql-doc-explorer")).getText().contains("Mutation"));
            browser.driver().findElement(By.cssSelector(".graphiql-doc-explorer a.graphiql-doc-explorer-type-name"))
                    .click(); // the Query type: its fields come from the schema the console loaded
            browser.waitFor(d -> d.findElement(By.cssSelector(".graphiql-doc-explorer")).getText().contains("partyByName"));

            String answer = Console.runAndRead(browser);
            assertTrue(answer.contains("COUNTER_ACCUSATION") && answer.contains("Zhao Lijian"), answer);
            browser.screenshot("console-readme-query");
            assertEquals(List.of(), browser.failures(), "every request: " + browser.exchanges());
            assertTrue(browser.exchanges().stream().filter(e -> e.url().endsWith("/graphql")).count() >= 2,
                    "the schema and the query were both fetched: " + browser.exchanges());
        }
    }

    @Test
    void anEditorRecordsAnActionThroughTheHeadersTabAndAReaderWithoutATokenIsRefused() throws Exception {
        JsonNode ids = service.app().graphql(null, "{ us: partyByName(name: \"US\") { id } china: partyByName(name: \"China\") { id }"
                + " sources { id } }", null).get("data");
        String title = "Console test accusation " + System.nanoTime();
        String mutation = "mutation {\n  recordAction(action: {kind: ATTRIBUTION, title: \"" + title + "\", occurredOn: \"2024-03-25\","
                + " datePrecision: DAY, actorIds: [\"" + ids.at("/us/id").asText() + "\"], targetIds: [\"" + ids.at("/china/id").asText()
                + "\"], citations: [{sourceId: \"" + ids.at("/sources/0/id").asText() + "\"}]}) {\n    id title\n  }\n}";

        try (Browser reader = service.openBrowser("reader")) {
            Console.open(reader, service.base(), mutation);
            String refused = Console.runAndRead(reader);
            assertTrue(refused.contains("UNAUTHORIZED"), refused);
            reader.screenshot("console-mutation-refused");
            List<Browser.Exchange> failed = reader.failures();
            assertTrue(failed.size() <= 1 && failed.stream().allMatch(e -> e.method().equals("POST") && e.url().endsWith("/graphql")),
                    "only the refused mutation may fail: " + reader.exchanges());
        }
        assertEquals(0, service.app().graphql(null, "{ actions(first: 100) { edges { node { title } } } }", null)
                .findValuesAsText("title").stream().filter(title::equals).count(), "the refused write left nothing");

        try (Browser editor = service.openBrowser("editor")) {
            Console.open(editor, service.base(), mutation);
            Console.typeHeaders(editor, "{\"Authorization\": \"Bearer " + Tokens.editor("console-editor") + "\"}");
            assertTrue(Console.headers(editor).matches("(?s)\\{\"Authorization\": \"Bearer [^\"]+\"}\\s*"), Console.headers(editor));
            String answer = Console.runAndRead(editor);
            assertTrue(answer.contains("\"recordAction\"") && answer.contains(title), answer);
            editor.screenshot("console-mutation-recorded");
            assertEquals(List.of(), editor.failures(), "every request: " + editor.exchanges());
        }
        assertEquals(1, service.app().graphql(null, "{ actions(first: 100) { edges { node { title } } } }", null)
                .findValuesAsText("title").stream().filter(title::equals).count(), "the action is on record");
    }

    @Test
    void aSubscriptionStreamsNewActionsIntoTheConsole() throws Exception {
        String subscription = "subscription {\n  actionRecorded { title kind actors { name } }\n}";
        try (Browser browser = service.openBrowser("subscription")) {
            Console.open(browser, service.base(), subscription);
            Console.run(browser);
            browser.waitFor(d -> browser.frames().stream().anyMatch(f -> f.sent() && f.payload().contains("\"subscribe\"")) ? true : null);

            JsonNode ids = service.app().graphql(null, "{ us: partyByName(name: \"US\") { id } sources { id } }", null).get("data");
            String editor = Tokens.editor("console-subscription");
            for (int i = 1; i <= 2; i++) {
                String title = "Console subscription test " + i + " " + System.nanoTime();
                service.app().graphql(editor, "mutation { recordAction(action: {kind: ADVISORY, title: \"" + title + "\", actorIds: [\""
                        + ids.at("/us/id").asText() + "\"], citations: [{sourceId: \"" + ids.at("/sources/0/id").asText() + "\"}]}) { id } }", null);
                String shown = browser.waitFor(d -> Console.response(browser).contains(title) ? Console.response(browser) : null);
                assertTrue(shown.contains("\"ADVISORY\"") && shown.contains("\"United States\""), shown);
            }
            browser.screenshot("console-subscription");
            assertTrue(browser.frames().stream().anyMatch(f -> !f.sent() && f.payload().contains("\"next\"")), "frames: " + browser.frames());
            assertEquals(List.of(), browser.failures(), "every request: " + browser.exchanges());
        }
    }
}
