package org.attributiongraph.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.devtools.DevTools;
import org.openqa.selenium.devtools.v156.network.Network;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its chromedriver, with every request the page makes recorded over the
 * DevTools protocol. Where Chromium is missing the test is skipped with what to install, unless CI=true, where it fails.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    /** A request the page made, and how it was answered: status 0 if it failed without an answer. */
    record Exchange(String method, String url, String contentType, int status, String failure) {
        @Override
        public String toString() {
            return method + " " + url + " -> " + (status == 0 ? "failed: " + failure : status)
                    + (contentType == null ? "" : " (sent as " + contentType + ")");
        }
    }

    private final ChromeDriver driver;
    private final DevTools devTools;
    private final Map<String, Exchange> sent = new ConcurrentHashMap<>();
    private final List<Exchange> answered = new CopyOnWriteArrayList<>();
    private final List<Frame> frames = new CopyOnWriteArrayList<>();

    /** A WebSocket message the page sent or received. */
    record Frame(boolean sent, String payload) {
        @Override
        public String toString() {
            return (sent ? "sent " : "received ") + payload;
        }
    }

    private Browser(ChromeDriver driver) {
        this.driver = driver;
        this.devTools = driver.getDevTools();
        devTools.createSession();
        devTools.send(Network.enable(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        devTools.addListener(Network.requestWillBeSent(), event -> {
            if (!event.getRequest().getUrl().matches("(?i)(https?|wss?)://.*")) {
                return; // Chromium's own pages (chrome://) and inline data: URLs go nowhere
            }
            Object contentType = event.getRequest().getHeaders().toJson().entrySet().stream()
                    .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            sent.put(event.getRequestId().toString(), new Exchange(event.getRequest().getMethod(),
                    event.getRequest().getUrl(), contentType == null ? null : contentType.toString(), 0, null));
        });
        devTools.addListener(Network.responseReceived(), event -> {
            Exchange request = sent.get(event.getRequestId().toString());
            if (request != null) {
                answered.add(new Exchange(request.method(), request.url(), request.contentType(),
                        event.getResponse().getStatus(), null));
            }
        });
        devTools.addListener(Network.webSocketHandshakeResponseReceived(), event -> {
            Exchange request = sent.get(event.getRequestId().toString());
            if (request != null) {
                answered.add(new Exchange("GET", request.url(), null, event.getResponse().getStatus(), null));
            }
        });
        devTools.addListener(Network.webSocketCreated(), event -> sent.put(event.getRequestId().toString(),
                new Exchange("GET", event.getUrl(), null, 0, null)));
        devTools.addListener(Network.webSocketFrameSent(), event -> frames.add(new Frame(true, event.getResponse().getPayloadData())));
        devTools.addListener(Network.webSocketFrameReceived(), event -> frames.add(new Frame(false, event.getResponse().getPayloadData())));
        devTools.addListener(Network.loadingFailed(), event -> {
            Exchange request = sent.get(event.getRequestId().toString());
            if (request != null && !event.getCanceled().orElse(false)) {
                answered.add(new Exchange(request.method(), request.url(), request.contentType(), 0, event.getErrorText()));
            }
        });
    }

    /** A fresh browser with a profile of its own; skips or fails the test where there is none to start. */
    static Browser open(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "the browser tests need Debian's Chromium and its driver at " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort("SKIPPED: " + missing);
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // without these, Chromium waits on the network for updates, sync and first-run chores, and hangs here
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1500", "--user-data-dir=" + profile.toAbsolutePath());
        // the driver is given, so Selenium Manager (which would look for one on the internet) never runs
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    ChromeDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    <T> T waitFor(Function<ChromeDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ignored -> condition.apply(driver));
    }

    WebElement waitForVisible(By locator) {
        return waitFor(d -> d.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Every request answered or failed so far, in order of the answers. */
    List<Exchange> exchanges() {
        return List.copyOf(answered);
    }

    /** Every WebSocket message so far, in order. */
    List<Frame> frames() {
        return List.copyOf(frames);
    }

    /** The answers that were not a success: a 4xx, a 5xx, or no answer at all. */
    List<Exchange> failures() {
        return answered.stream().filter(exchange -> exchange.status() == 0 || exchange.status() >= 400).toList();
    }

    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        try {
            devTools.close();
        } finally {
            driver.quit();
        }
    }
}
