package org.attributiongraph.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The GraphiQL console at /q/graphql-ui, used as a person uses it: its editors, tabs and buttons. */
final class Console {

    private Console() {
    }

    /** Opens the console with a query in its editor (GraphiQL reads ?query=), once its editors are up. */
    static void open(Browser browser, String base, String query) {
        browser.get(base + "/q/graphql-ui/?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20"));
        browser.waitForVisible(By.cssSelector(".graphiql-execute-button"));
    }

    static void run(Browser browser) {
        browser.driver().findElement(By.cssSelector(".graphiql-execute-button")).click();
    }

    /** What the response pane shows (read from its editor, whose screen shows only the lines in view). */
    static String response(Browser browser) {
        Object text = browser.script("const pane = document.querySelector('.graphiql-response .CodeMirror');"
                + "return pane ? pane.CodeMirror.getValue() : '';");
        return text == null ? "" : text.toString();
    }

    /** Runs and waits until the response pane shows an answer. */
    static String runAndRead(Browser browser) {
        run(browser);
        return browser.waitFor(d -> {
            String shown = response(browser);
            return shown.contains("\"data\"") || shown.contains("\"errors\"") ? shown : null;
        });
    }

    /** Opens the Headers tab and types the headers into its editor, key by key. */
    static void typeHeaders(Browser browser, String headers) {
        browser.waitFor(d -> d.findElements(By.cssSelector(".graphiql-editor-tools button")).stream()
                .filter(tab -> tab.getText().trim().equals("Headers")).findFirst().orElse(null)).click();
        WebElement editor = browser.waitForVisible(By.cssSelector(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror"));
        editor.click();
        editor.findElement(By.cssSelector("textarea")).sendKeys(headers);
    }

    /** What the Headers tab holds now. */
    static String headers(Browser browser) {
        return browser.script("return document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')"
                + ".CodeMirror.getValue();").toString();
    }
}
