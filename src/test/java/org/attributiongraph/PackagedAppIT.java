package org.attributiongraph;

import static io.restassured.RestAssured.given;
import static org.attributiongraph.GraphQL.data;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged app as users run it (the JVM jar here; the native binary with -Dnative): it starts on its file
 * database with the seed, answers GraphQL, serves its schema and console, and reports healthy.
 */
@QuarkusIntegrationTest
class PackagedAppIT {

    @Test
    void answersTheSeedGraph() {
        data("""
                { partyByName(name: "MSS") { name actions(role: TARGET, kind: ATTRIBUTION) { edges { node {
                    actors { name members { name } } responses(kind: DENIAL) { quotes { text } } } } } } }""")
                .body("data.partyByName.name", equalTo("China's Ministry of State Security"))
                .body("data.partyByName.actions.edges[0].node.actors.name",
                        contains("Cybersecurity alliance against Chinese state-sponsored cyber attacks"))
                .body("data.partyByName.actions.edges[0].node.actors[0].members.name", hasItems("United States", "Japan"))
                .body("data.partyByName.actions.edges[0].node.responses[0].quotes[0].text", equalTo("fabricated"));
    }

    @Test
    void servesSchemaConsoleAndHealth() throws InterruptedException {
        given().get("/graphql/schema.graphql").then().statusCode(200).body(containsString("type Action"));
        given().get("/q/graphql-ui/").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // ready once the seed is loaded, which goes on in the background after the start
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (given().get("/q/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("start-up load", "Database connections health check"));
    }
}
