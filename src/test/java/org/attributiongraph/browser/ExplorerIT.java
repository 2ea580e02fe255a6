package org.attributiongraph.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.attributiongraph.PackagedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The chain explorer at / in Chromium, against the packaged app with its bundled dataset. Parties and actions are
 * found by name, alias and kind, never by an id or title written here, so the tests hold as the dataset is corrected.
 */
class ExplorerIT {

    @RegisterExtension
    static final RunningApp service = new RunningApp();

    @Test
    void searchingMssShowsTheAccusationAndClickingItShowsTheDenialAndBothSources() throws Exception {
        try (Browser browser = service.openBrowser("search")) {
            browser.get(service.base() + "/");
            browser.waitForVisible(By.id("party-search")).sendKeys("MSS");
            WebElement mss = browser.waitFor(d -> d.findElements(By.cssSelector("#party-results [role=option]")).stream()
                    .filter(option -> option.getText().contains("Ministry of State Security")).findFirst().orElse(null));
            mss.click();
            browser.waitFor(d -> d.findElement(By.id("party-name")).getText().contains("Ministry of State Security"));

            // the graph holds the coalition's accusation: an ATTRIBUTION arrow into MSS from each accuser
            String accusationId = (String) browser.waitFor(d -> browser.script(
                    "const g = window.explorerGraph; if (!g) return null;"
                    + "const e = g.edges('[kind = \"ATTRIBUTION\"]').filter(e => e.target().data('focus') === 1);"
                    + "return e.length ? e[0].data('actionId') : null;"));
            List<?> accusers = (List<?>) browser.script("return window.explorerGraph.edges().filter(e => e.data('actionId') === "
                    + "arguments[0]).map(e => e.source().data('label'));", accusationId);
            assertFalse(accusers.isEmpty());
            assertTrue(browser.driver().findElement(By.id("legend")).getText().contains("Attribution"));

            clickEdge(browser, accusationId);
            browser.waitFor(d -> d.getCurrentUrl().contains("action=" + accusationId));
            WebElement denial = browser.waitForVisible(By.cssSelector("#thread .thread-entry[data-kind=DENIAL]"));
            WebElement quote = denial.findElement(By.cssSelector(".quote"));
            assertFalse(quote.findElement(By.tagName("blockquote")).getText().isBlank());
            assertFalse(quote.findElement(By.className("speaker")).getText().isBlank(), "the quote names its speaker");

            // the accusation's own citations: two sources, side by side, each under its publisher
            WebElement accusation = browser.driver().findElement(By.cssSelector("#thread .thread-entry[data-action='" + accusationId + "']"));
            assertEquals("ATTRIBUTION", accusation.getAttribute("data-kind"));
            List<WebElement> citations = accusation.findElements(By.cssSelector(":scope > article > .citations > .citation"));
            assertEquals(2, citations.size());
            assertEquals(citations.get(0).getLocation().getY(), citations.get(1).getLocation().getY(), "on one row");
            assertNotEquals(citations.get(0).getLocation().getX(), citations.get(1).getLocation().getX());
            List<String> publishers = citations.stream().map(c -> c.findElement(By.className("publisher")).getText()).toList();
            assertEquals(2, publishers.stream().distinct().count(), "two different publishers: " + publishers);

            browser.screenshot("explorer-accusation");
            assertServedOnlyBy(service.app(), browser);
        }
    }

    @Test
    void aSharedLinkOpensTheSamePartyAndActionAndItsConsoleLinkRunsTheSameQuery() throws Exception {
        String mss = service.app().graphql(null, "{ partyByName(name: \"MSS\") { id } }", null).at("/data/partyByName/id").asText();
        String accusation = accusationOf(mss);
        try (Browser browser = service.openBrowser("link")) {
            browser.get(service.base() + "/?party=" + mss + "&action=" + accusation);
            browser.waitForVisible(By.cssSelector("#thread .thread-entry[data-action='" + accusation + "']"));
            assertTrue(browser.driver().findElement(By.id("party-name")).getText().contains("Ministry of State Security"));
            browser.waitForVisible(By.cssSelector("#timeline li.chosen[data-action='" + accusation + "']"));
            browser.waitFor(d -> browser.script("return window.explorerGraph.edges('.chosen').length > 0"));
            browser.screenshot("explorer-shared-link");

            browser.driver().findElement(By.id("console-link")).click();
            browser.waitFor(d -> d.getCurrentUrl().contains("/q/graphql-ui/"));
            browser.waitForVisible(By.cssSelector(".graphiql-execute-button")).click();
            browser.waitFor(d -> Console.response(browser).contains("\"thread\""));
            assertTrue(Console.response(browser).contains("\"id\": \"" + accusation + "\""), Console.response(browser));
            browser.screenshot("explorer-console-link");
            assertServedOnlyBy(service.app(), browser);
        }
    }

    @Test
    void everythingIsReachableWithTheKeyboard() throws Exception {
        try (Browser browser = service.openBrowser("keyboard")) {
            browser.get(service.base() + "/");
            WebElement search = browser.waitForVisible(By.id("party-search"));
            search.sendKeys("Hafnium");
            browser.waitForVisible(By.cssSelector("#party-results [role=option][aria-selected=true]"));
            search.sendKeys(Keys.ENTER);
            browser.waitFor(d -> d.findElement(By.id("party-name")).getText().equals("Hafnium"));
            browser.waitFor(d -> "party-name".equals(d.switchTo().activeElement().getAttribute("id")));

            // Tab from the party's name to the first action of its timeline, and open it with Enter
            WebElement reached = null;
            for (int i = 0; i < 40 && reached == null; i++) {
                new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
                WebElement focused = browser.driver().switchTo().activeElement();
                if (focused.getAttribute("class") != null && focused.getAttribute("class").contains("action-link")) {
                    reached = focused;
                }
            }
            assertTrue(reached != null, "a timeline entry is reachable with Tab");
            String title = reached.getText();
            reached.sendKeys(Keys.ENTER);
            browser.waitFor(d -> "action-heading".equals(d.switchTo().activeElement().getAttribute("id")));
            assertEquals(title, browser.driver().findElement(By.cssSelector("#thread .thread-entry .title")).getText());
            browser.screenshot("explorer-keyboard");
            assertServedOnlyBy(service.app(), browser);
        }
    }

    @Test
    void theTimelineShowsEachDateOnlyAsFarAsItIsKnown() throws Exception {
        // China's actions have dates known to the day, to the month, and not at all
        JsonNode party = service.app().graphql(null, "{ partyByName(name: \"China\") { id actions(first: 100) { edges { node { id "
                + "occurredOn datePrecision } } } } }", null).at("/data/partyByName");
        Map<String, String> expected = new HashMap<>();
        for (JsonNode edge : party.at("/actions/edges")) {
            JsonNode action = edge.get("node");
            expected.put(action.get("id").asText(), expectedDate(action.get("occurredOn").asText(null),
                    action.get("datePrecision").asText(null)));
        }
        assertTrue(expected.values().stream().anyMatch(date -> date.matches("[A-Z][a-z]+ \\d{4}")),
                "the dataset has a MONTH date for China: " + expected);
        try (Browser browser = service.openBrowser("dates")) {
            browser.get(service.base() + "/?party=" + party.get("id").asText());
            browser.waitFor(d -> d.findElements(By.cssSelector("#timeline li")).size() == expected.size());
            for (WebElement item : browser.driver().findElements(By.cssSelector("#timeline li"))) {
                assertEquals(expected.get(item.getAttribute("data-action")), item.findElement(By.tagName("time")).getText());
            }
        }
    }

    @Test
    void theExplorerWorksWithTheConsoleSwitchedOff() throws Exception {
        Path dir = Files.createDirectories(service.dir("no-console"));
        PackagedApp locked = PackagedApp.start(dir, "quarkus.smallrye-graphql.ui.enabled=false");
        try (Browser browser = Browser.open(dir.resolve("profile"))) {
            HttpResponse<String> console = locked.fetch("/q/graphql-ui/");
            assertEquals(404, console.statusCode(), "the console is off");
            browser.get(locked.base() + "/");
            browser.waitForVisible(By.id("party-search")).sendKeys("Hafnium");
            browser.waitForVisible(By.cssSelector("#party-results [role=option]")).click();
            browser.waitFor(d -> browser.script("return window.explorerGraph && window.explorerGraph.edges().length > 0"));
            assertServedOnlyBy(locked, browser);
        } finally {
            locked.stop();
        }
    }

    /** The accusation against the party that was denied. */
    private static String accusationOf(String partyId) throws Exception {
        JsonNode accusations = service.app().graphql(null, "query($id: ID!) { party(id: $id) { actions(role: TARGET, kind: ATTRIBUTION) {"
                + " edges { node { id responses(kind: DENIAL) { id } } } } } }", Map.of("id", partyId)).at("/data/party/actions/edges");
        for (JsonNode edge : accusations) {
            if (!edge.at("/node/responses").isEmpty()) {
                return edge.at("/node/id").asText();
            }
        }
        throw new AssertionError("no denied accusation of party " + partyId + ": " + accusations);
    }

    /** Clicks the middle of an arrow of the action, where Cytoscape draws it on the canvas. */
    private static void clickEdge(Browser browser, String actionId) {
        @SuppressWarnings("unchecked")
        Map<String, Number> middle = (Map<String, Number>) browser.script("const e = window.explorerGraph.edges()"
                + ".filter(e => e.data('actionId') === arguments[0])[0]; return e.renderedMidpoint();", actionId);
        WebElement graph = browser.driver().findElement(By.id("graph"));
        int x = (int) Math.round(middle.get("x").doubleValue() - graph.getSize().getWidth() / 2.0);
        int y = (int) Math.round(middle.get("y").doubleValue() - graph.getSize().getHeight() / 2.0);
        new Actions(browser.driver()).moveToElement(graph, x, y).click().perform();
    }

    private static String expectedDate(String isoDate, String precision) {
        if (isoDate == null) {
            return "date unknown";
        }
        String[] months = { "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December" };
        String[] parts = isoDate.split("-");
        String month = months[Integer.parseInt(parts[1]) - 1];
        return switch (precision == null ? "DAY" : precision) {
            case "YEAR" -> parts[0];
            case "MONTH" -> month + " " + parts[0];
            default -> Integer.parseInt(parts[2]) + " " + month + " " + parts[0];
        };
    }

    /** Nothing came from anywhere but the service (no CDN: the page works offline), and nothing failed. */
    private static void assertServedOnlyBy(PackagedApp service, Browser browser) {
        List<Browser.Exchange> exchanges = browser.exchanges();
        assertFalse(exchanges.isEmpty());
        assertEquals(List.of(), exchanges.stream().filter(exchange -> !exchange.url().startsWith(service.base() + "/")).toList(),
                "every request goes to the service");
        assertTrue(browser.failures().isEmpty(), "requests that failed: " + browser.failures() + " of " + exchanges);
    }
}
