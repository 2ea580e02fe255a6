package org.attributiongraph.answers;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/**
 * Every answer to a fixed set of read requests, byte for byte, as recorded in src/test/resources/answers/: the read
 * path may change how it fetches, never what it answers. Recorded on the code before a change with
 * {@code -Drecord-answers=true}; every other run compares. Each subclass runs on a fresh database of its own, so
 * the ids and the data are the same at every run.
 */
abstract class RecordedAnswersTest {

    private static final Path RECORDED = Path.of("src/test/resources/answers");
    private static final boolean RECORDING = Boolean.getBoolean("record-answers");

    /** The folder of this graph's answers. */
    abstract String graph();

    /** The requests, by name: a query and its variables. Values written {name.path} are taken from earlier answers. */
    abstract Map<String, Request> requests();

    record Request(String query, Map<String, String> variables) {
        static Request of(String query, String... nameValuePairs) {
            Map<String, String> variables = new LinkedHashMap<>();
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                variables.put(nameValuePairs[i], nameValuePairs[i + 1]);
            }
            return new Request(query, variables);
        }
    }

    @Test
    void everyAnswerIsTheRecordedOne() throws IOException {
        Map<String, String> answers = new LinkedHashMap<>();
        List<String> differing = new ArrayList<>();
        for (Map.Entry<String, Request> request : requests().entrySet()) {
            String answer = post(request.getValue(), answers);
            answers.put(request.getKey(), answer);
            Path file = RECORDED.resolve(graph()).resolve(request.getKey() + ".json");
            if (RECORDING) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, answer, StandardCharsets.UTF_8);
            } else {
                assertTrue(Files.exists(file), "no recorded answer " + file + ": record with -Drecord-answers=true");
                if (!Files.readString(file, StandardCharsets.UTF_8).equals(answer)) {
                    differing.add(request.getKey() + ": " + answer);
                }
            }
        }
        assertEquals(List.of(), differing, "answers that differ from the recorded ones");
    }

    private static final Pattern EARLIER = Pattern.compile("\\{([\\w-]+)\\.(\\w+)}");

    /** Posts the request, with each {name.field} in its variables replaced by the first such field of that answer. */
    private static String post(Request request, Map<String, String> earlier) {
        Map<String, Object> variables = new LinkedHashMap<>();
        request.variables().forEach((name, value) -> {
            Matcher reference = EARLIER.matcher(value);
            if (reference.matches()) {
                Matcher field = Pattern.compile("\"" + reference.group(2) + "\":\"([^\"]*)\"")
                        .matcher(earlier.get(reference.group(1)));
                assertTrue(field.find(), "no " + value + " in " + earlier.get(reference.group(1)));
                variables.put(name, field.group(1));
            } else {
                variables.put(name, value);
            }
        });
        return given().contentType(ContentType.JSON).body(Map.of("query", request.query(), "variables", variables))
                .when().post("/graphql").then().extract().asString();
    }
}
