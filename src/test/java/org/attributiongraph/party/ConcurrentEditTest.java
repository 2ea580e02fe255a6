package org.attributiongraph.party;

import static org.attributiongraph.GraphQL.asEditor;
import static org.attributiongraph.GraphQL.data;
import static org.attributiongraph.GraphQL.withToken;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.attributiongraph.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Two editors updating the same party from the same read at the same moment: one wins, the other is told. */
@QuarkusTest
class ConcurrentEditTest {

    private static final String UPDATE = "mutation($id: ID!, $p: PartyInput!) { updateParty(id: $id, party: $p) { version country } }";

    @Test
    void ofTwoSimultaneousUpdatesFromOneReadExactlyOneWins() throws Exception {
        String name = "Raced group " + UUID.randomUUID();
        String id = asEditor("mutation($p: PartyInput!) { createParty(party: $p) { id } }",
                Map.of("p", Map.of("name", name, "kind", "THREAT_GROUP"))).extract().path("data.createParty.id");
        ExecutorService editors = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                int version = data("query($id: ID!) { party(id: $id) { version } }", Map.of("id", id))
                        .extract().path("data.party.version");
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (String country : List.of("RU", "KP")) {
                    Callable<String> edit = () -> {
                        start.await();
                        Map<String, Object> party = Map.of("name", name, "kind", "THREAT_GROUP", "country", country, "version", version);
                        var response = withToken(Tokens.editor("editor-" + country), UPDATE, Map.of("id", id, "p", party))
                                .statusCode(200).extract();
                        String code = response.path("errors[0].extensions.code");
                        return code == null ? "OK" : code;
                    };
                    outcomes.add(editors.submit(edit));
                }
                start.countDown();
                List<String> codes = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    codes.add(outcome.get());
                }
                codes.sort(String::compareTo);
                assertEquals(List.of("CONFLICT", "OK"), codes, "round " + round);
                assertEquals(version + 1, (int) data("query($id: ID!) { party(id: $id) { version } }", Map.of("id", id))
                        .extract().path("data.party.version"));
            }
        } finally {
            editors.shutdownNow();
        }
    }
}
