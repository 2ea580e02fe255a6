package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health probes of the packaged app as an orchestrator polls them: liveness answers as soon as the HTTP server
 * is up; readiness is down while the start-up load is still running and while the database cannot be reached, and
 * up again once it can. The database is H2 served over TCP on loopback from this test, so that the test can hold
 * the start-up lock (as another replica loading would) and stop and restart the database under the app.
 */
class ProbesIT {


    static {
        // the test's database server listens on loopback only (read once, when H2's networking first loads)
        System.setProperty("h2.bindAddress", "127.0.0.1");
    }

    private Path dir;
    private int databasePort;
    private Server database;
    private String url;

    @BeforeEach
    void startDatabase() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "probes-");
        try (ServerSocket socket = new ServerSocket(0)) {
            databasePort = socket.getLocalPort();
        }
        database = startDatabaseServer();
        // the lock wait is the test's to end, not H2's default second
        url = "jdbc:h2:tcp://127.0.0.1:" + databasePort + "/probes;LOCK_TIMEOUT=60000";
    }

    @AfterEach
    void stopDatabase() {
        database.stop();
    }

    @Test
    void notReadyWhileTheStartUpLoadRunsAndGraphQLWaitsForIt() throws Exception {
        PackagedApp first = PackagedApp.start(dir, settings());
        first.stop();

        try (Connection otherReplica = DriverManager.getConnection(url, "sa", "")) {
            otherReplica.setAutoCommit(false);
            otherReplica.createStatement().executeQuery("SELECT id FROM startup_lock WHERE id = 1 FOR UPDATE").close();
            PackagedApp app = PackagedApp.launch(dir, settings());
            try {
                awaitStatus(app, "/q/health/live", status -> status == 200);
                HttpResponse<String> ready = get(app, "/q/health/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                assertTrue(ready.body().contains("start-up load") && ready.body().contains("loading"), ready.body());

                CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
                    try {
                        return app.post(null, "{ partyByName(name: \"MSS\") { name } }", null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(500);
                assertTrue(!waiting.isDone(), "a GraphQL request is held while the record loads: " + (waiting.isDone() ? waiting.join() : ""));
                otherReplica.commit();

                assertTrue(waiting.get().contains("China's Ministry of State Security"), "answered once loaded: " + waiting.get());
                awaitStatus(app, "/q/health/ready", status -> status == 200);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void notReadyWhileTheDatabaseCannotBeReached() throws Exception {
        PackagedApp app = PackagedApp.start(dir, settings());
        try {
            database.stop();
            HttpResponse<String> down = awaitStatus(app, "/q/health/ready", status -> status == 503);
            assertTrue(down.body().contains("\"DOWN\""), down.body());
            assertEquals(200, get(app, "/q/health/live").statusCode(), "alive: restarting would not bring the database back");

            database = startDatabaseServer();
            awaitStatus(app, "/q/health/ready", status -> status == 200);
            assertTrue(app.post(null, "{ partyByName(name: \"MSS\") { name } }", null).contains("Ministry"));
        } finally {
            app.stop();
        }
    }

    private String[] settings() {
        return new String[] { "quarkus.datasource.jdbc.url=" + url, "quarkus.datasource.username=sa",
                "quarkus.datasource.password=",
                // the app's FOR UPDATE on the start-up lock waits while this test holds it
                "attribution-graph.limits.statement-timeout-ms=60000" };
    }

    private Server startDatabaseServer() throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(databasePort), "-baseDir", dir.toAbsolutePath().toString(),
                "-ifNotExists").start();
    }

    private static HttpResponse<String> awaitStatus(PackagedApp app, String path, IntPredicate wanted) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(app, path);
                if (wanted.test(last.statusCode())) {
                    return last;
                }
            } catch (java.io.IOException notYet) {
                // the HTTP server is not up yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " never reached the wanted status; last: " + (last == null ? "no answer" : last.statusCode() + " " + last.body()));
    }

    private static HttpResponse<String> get(PackagedApp app, String path) throws Exception {
        return app.fetch(path);
    }
}
