package org.attributiongraph.browser;

import java.nio.file.Files;
import java.nio.file.Path;

import org.attributiongraph.PackagedApp;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The packaged app for one test class's browsers, with a fresh database holding the bundled dataset: what one class
 * writes, no other class sees. Register it as a static field with @RegisterExtension.
 */
final class RunningApp implements BeforeAllCallback, AfterAllCallback {

    private Path workDir;
    private PackagedApp app;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        workDir = Files.createDirectories(Path.of("target/browser-it",
                context.getRequiredTestClass().getSimpleName() + "-" + System.nanoTime()));
        app = PackagedApp.start(workDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (app != null) {
            app.stop();
        }
    }

    PackagedApp app() {
        return app;
    }

    String base() {
        return app.base();
    }

    /** A folder of this class's own under target/, for more apps or browser profiles. */
    Path dir(String name) {
        return workDir.resolve(name);
    }

    /** A browser with a fresh profile of its own. */
    Browser openBrowser(String name) {
        return Browser.open(dir("profile-" + name));
    }
}
