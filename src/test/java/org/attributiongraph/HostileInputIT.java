package org.attributiongraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;

/**
 * Sends the packaged app a generated corpus of bad requests, as someone probing a public endpoint would: malformed
 * and non-JSON bodies, wrong media types, huge strings, deep nesting, alias bombs, fragment cycles, huge and negative
 * numbers, unknown enum values, SQL and script in search strings, invalid unicode, oversized variables. Each must be
 * refused with a 4xx or answered with GraphQL errors that carry extensions.code (a few hostile-looking but valid
 * requests, such as SQL in a search string, may simply be answered), never with a 5xx or an INTERNAL_SERVER_ERROR,
 * and no response may show an internal detail. Text no database can store (NUL, unpaired surrogates) must be refused
 * as VALIDATION. Afterwards the service still answers a normal query, and the record is unchanged. .ci/run runs it
 * on PostgreSQL too (the app configured through QUARKUS_DATASOURCE_* variables), where NUL once failed as our fault.
 */
@QuarkusIntegrationTest
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\borg\\.|\\bjava\\.|SQL|(?i:select )|\\.java\\b|\\bat [a-z]+\\.[a-z]+|/work/|/root/|/tmp/|/home/");
    /** The record as a whole, compared before and after the corpus. */
    private static final String SNAPSHOT = """
            { parties(first: 100) { totalCount edges { node { id name kind aliases country version } } }
              actions(first: 100) { totalCount edges { node { id kind title occurredOn version
                actors { id } targets { id } respondsTo { id } quotes { text } citations { excerpt } } } }
              sources { id publisher title url publishedOn } }""";

    private final HttpClient client = PackagedApp.HTTP;
    private final Random random = new Random(5);
    private URI graphql;

    @BeforeEach
    void findTheApp() {
        // the packaged app took a free port; the test extension hands it to RestAssured once the app is up
        graphql = URI.create("http://127.0.0.1:" + RestAssured.port + "/graphql");
    }

    /**
     * One request of the corpus. answerable: it is valid, however hostile it looks, and may get plain data. echo: text
     * of the request that an error message may quote back (an invalid cursor or date); quoting the client's own
     * input is no leak, so it is taken out of the response before the leak check.
     */
    record Probe(String kind, String method, String query, String contentType, byte[] body, boolean answerable, String echo,
            String code) {

        Probe(String kind, String method, String query, String contentType, byte[] body, boolean answerable, String echo) {
            this(kind, method, query, contentType, body, answerable, echo, null);
        }

        Probe asAnswerable() {
            return new Probe(kind, method, query, contentType, body, true, echo, code);
        }

        Probe echoing(String text) {
            return new Probe(kind, method, query, contentType, body, answerable, text, code);
        }

        /** It must be refused with this extensions.code. */
        Probe refusedWith(String expected) {
            return new Probe(kind, method, query, contentType, body, false, echo, expected);
        }
    }

    @Test
    void everyBadRequestIsRefusedCleanlyAndTheServiceCarriesOn() throws Exception {
        String before = post(SNAPSHOT);
        List<Probe> corpus = corpus();
        assertTrue(corpus.size() >= 1000, "corpus of " + corpus.size());

        List<String> failures = new ArrayList<>();
        Map<String, Long> byKind = corpus.stream().collect(Collectors.groupingBy(Probe::kind, Collectors.counting()));
        long started = System.nanoTime();
        long slowestNanos = 0;
        String slowest = null;
        for (Probe probe : corpus) {
            long sent = System.nanoTime();
            HttpResponse<String> response = client.send(request(probe), HttpResponse.BodyHandlers.ofString());
            if (System.nanoTime() - sent > slowestNanos) {
                slowestNanos = System.nanoTime() - sent;
                slowest = probe.kind;
            }
            String problem = problemWith(probe, response);
            if (problem != null) {
                failures.add(probe.kind + " (" + abbreviate(probe.query != null ? probe.query
                        : new String(probe.body, StandardCharsets.UTF_8)) + "): " + problem);
            }
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("hostile corpus: %d requests (%s) in %d ms, slowest %d ms (%s), %d failures%n", corpus.size(),
                byKind, tookMs, slowestNanos / 1_000_000, slowest, failures.size());
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " of " + corpus.size() + " failed");

        JsonNode mss = JSON.readTree(post("{ partyByName(name: \"MSS\") { name } }"));
        assertEquals("China's Ministry of State Security", mss.at("/data/partyByName/name").asText());
        assertEquals(before, post(SNAPSHOT), "the record is unchanged");
    }

    private static String problemWith(Probe probe, HttpResponse<String> response) {
        String body = response.body();
        if (probe.echo != null) {
            String quoted = JSON.valueToTree(probe.echo).toString();
            body = body.replace(quoted.substring(1, quoted.length() - 1), "");
        }
        if (response.statusCode() >= 500) {
            return "status " + response.statusCode() + ": " + abbreviate(body);
        }
        if (LEAK.matcher(body).find()) {
            return "leaks: " + abbreviate(body);
        }
        boolean jsonBody = response.headers().firstValue("Content-Type").orElse("").contains("json");
        if (!jsonBody) {
            return response.statusCode() >= 400 ? null : "status " + response.statusCode() + " without JSON";
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (Exception notJson) {
            return "unreadable JSON: " + abbreviate(body);
        }
        JsonNode errors = answer.path("errors");
        for (JsonNode error : errors) {
            String code = error.path("extensions").path("code").asText();
            if (code.isBlank()) {
                return "error without extensions.code: " + abbreviate(error.toString());
            }
            if (code.equals("INTERNAL_SERVER_ERROR")) {
                return "an internal error: " + abbreviate(error.toString());
            }
        }
        if (probe.code != null && !probe.code.equals(errors.path(0).path("extensions").path("code").asText())) {
            return "not refused with " + probe.code + ": " + abbreviate(body);
        }
        if (errors.isEmpty() && response.statusCode() < 400 && !probe.answerable) {
            return "answered without an error: " + abbreviate(body);
        }
        return null;
    }

    private HttpRequest request(Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(20));
        if (probe.method.equals("GET")) {
            return request.uri(URI.create(graphql + "?" + probe.query)).GET().build();
        }
        request.uri(graphql).method(probe.method, HttpRequest.BodyPublishers.ofByteArray(probe.body));
        if (probe.contentType != null) {
            request.header("Content-Type", probe.contentType);
        }
        return request.build();
    }

    private String post(String query) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(graphql)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    // ---- the corpus --------------------------------------------------------------------------------------------

    private List<Probe> corpus() throws Exception {
        List<Probe> corpus = new ArrayList<>();
        String valid = JSON.writeValueAsString(Map.of("query", "{ parties(search: \"MSS\") { edges { node { name } } } }"));

        // malformed JSON: a valid body cut short, or with a byte changed
        for (int i = 0; i < 120; i++) {
            corpus.add(raw("truncated JSON", valid.substring(0, random.nextInt(valid.length() - 1))));
        }
        for (int i = 0; i < 120; i++) {
            char[] mutated = valid.toCharArray();
            String replacements = "{}[]\":,\\x0 ";
            mutated[random.nextInt(mutated.length)] = replacements.charAt(random.nextInt(replacements.length()));
            corpus.add(answerableIfStillJson(raw("mutated JSON", new String(mutated))));
        }
        // bodies that are not JSON at all
        for (String text : List.of("", " ", "null", "true", "42", "\"query\"", "[]", "[{\"query\": \"{ sources { id } }\"}]",
                "<query>{ sources { id } }</query>", "query={ sources { id } }", "{ sources { id } }", "\u0000\u0001\u0002",
                "{\"query\": \"{ sources { id } }\"} trailing", "{'query': '{ sources { id } }'}", "{query: 1}")) {
            corpus.add(raw("not JSON", text));
        }
        for (int i = 0; i < 60; i++) {
            corpus.add(raw("random text", randomText(1 + random.nextInt(400))));
        }
        // wrong media types for a good body
        for (String type : List.of("text/plain", "application/xml", "text/html", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "application/octet-stream", "application/jsonp", "json",
                "application/graphql-response+json", "*/*", "application/", ";;;")) {
            corpus.add(new Probe("wrong media type", "POST", null, type, bytes(valid), false, null));
        }
        corpus.add(new Probe("no media type", "POST", null, null, bytes(valid), false, null));
        for (String method : List.of("PUT", "DELETE", "PATCH")) {
            corpus.add(new Probe("wrong method", method, null, "application/json", bytes(valid), false, null));
        }
        // wrong shapes of a GraphQL request
        for (String shape : List.of("{\"query\": 5}", "{\"query\": null}", "{\"query\": []}", "{\"query\": {}}",
                "{\"query\": \"\"}", "{\"query\": \"   \"}", "{\"variables\": {}}", "{\"query\": \"{ sources { id } }\", \"variables\": 5}",
                "{\"query\": \"{ sources { id } }\", \"variables\": \"x\"}", "{\"query\": \"{ sources { id } }\", \"variables\": []}",
                "{\"query\": \"{ sources { id } }\", \"operationName\": 5}", "{\"query\": \"{ sources { id } }\", \"operationName\": \"Nope\"}",
                "{\"query\": \"{ sources { id } }\", \"extensions\": 5}", "{\"query\": \"query A { sources { id } } query B { sources { id } }\"}")) {
            corpus.add(raw("wrong shape", shape));
        }
        // queries that do not parse
        for (int i = 0; i < 80; i++) {
            String query = "{ parties(search: \"MSS\") { edges { node { name } } } }";
            corpus.add(graphql("syntax", query.substring(0, 1 + random.nextInt(query.length() - 2))));
        }
        // huge strings: a search string of up to 60 KB is answered; past the body limit it is refused with 413
        for (int i = 0; i < 20; i++) {
            int length = 1_000 + random.nextInt(60_000);
            corpus.add(graphql("huge string", "{ parties(search: \"" + "A".repeat(length) + "\") { totalCount } }").asAnswerable());
        }
        for (int i = 0; i < 10; i++) {
            corpus.add(graphql("huge string", "{ parties(search: \"" + "A".repeat(70_000 + random.nextInt(500_000)) + "\") { totalCount } }"));
        }
        // deep nesting of fields, of lists in arguments, of JSON in variables
        for (int depth = 13; depth < 700; depth += 17) {
            corpus.add(graphql("deep fields", "{ partyByName(name: \"MSS\") { " + "partOf { ".repeat(depth) + "name" + " }".repeat(depth) + " } }"));
        }
        for (int depth = 2; depth < 2000; depth += 50) {
            corpus.add(graphql("deep list argument", "{ parties(kind: " + "[".repeat(depth) + "STATE" + "]".repeat(depth) + ") { totalCount } }"));
        }
        for (int depth = 10; depth < 5000; depth += 125) {
            corpus.add(raw("deep variables", "{\"query\": \"query($s: String) { parties(search: $s) { totalCount } }\", \"variables\": {\"s\": "
                    + "[".repeat(depth) + "]".repeat(depth) + "}}"));
        }
        // alias bombs
        for (int count = 31; count < 2000; count += 40) {
            corpus.add(graphql("alias bomb", "{ " + IntStream.range(0, count).mapToObj(i -> "a" + i + ": sources { id }")
                    .collect(Collectors.joining(" ")) + " }"));
        }
        // fragment cycles, and fragments that fan out exponentially
        corpus.add(graphql("fragment cycle", "{ partyByName(name: \"MSS\") { ...A } } fragment A on Party { ...A }"));
        for (int length = 2; length < 40; length++) {
            int cycle = length;
            corpus.add(graphql("fragment cycle", "{ partyByName(name: \"MSS\") { ...F0 } } " + IntStream.range(0, cycle)
                    .mapToObj(i -> "fragment F" + i + " on Party { name ...F" + ((i + 1) % cycle) + " }").collect(Collectors.joining(" "))));
        }
        for (int levels = 5; levels < 40; levels++) {
            corpus.add(graphql("fragment fan-out", "{ partyByName(name: \"MSS\") { ...F0 } } " + IntStream.range(0, levels)
                    .mapToObj(i -> "fragment F" + i + " on Party { parts { ...F" + (i + 1) + " } partOf { ...F" + (i + 1) + " } }")
                    .collect(Collectors.joining(" ")) + " fragment F" + levels + " on Party { name }"));
        }
        // huge, negative and malformed numbers
        List<String> numbers = List.of("101", "1000", "2147483647", "2147483648", "-2147483649", "99999999999999999999",
                "-1", "-100", "1e9", "1.5", "0x10", "\"20\"", "null", "-0", "1e400", "NaN");
        // null asks for the default, -0 is 0, and SmallRye's Int takes a numeric string: these may be answered
        List<String> acceptable = List.of("null", "-0", "\"20\"");
        for (String number : numbers) {
            List<Probe> probes = List.of(
                    graphql("bad first", "{ actions(first: " + number + ") { edges { node { id } } } }"),
                    graphql("bad first", "{ parties(first: " + number + ") { edges { node { id actions(first: " + number + ") { totalCount } } } } }"),
                    graphql("bad maxDepth", "{ actions(first: 1) { edges { node { thread(maxDepth: " + number + ") { depth } } } } }"),
                    raw("bad first variable", "{\"query\": \"query($n: Int) { actions(first: $n) { edges { node { id } } } }\", \"variables\": {\"n\": "
                            + number + "}}"));
            probes.forEach(probe -> corpus.add(acceptable.contains(number) ? probe.asAnswerable() : probe));
            corpus.add(graphql("bad id", "{ action(id: " + number + ") { id } }").asAnswerable());
            corpus.add(graphql("bad id", "{ party(id: " + number + ") { id } }").asAnswerable());
        }
        for (int i = 0; i < 40; i++) {
            long huge = random.nextLong();
            corpus.add(graphql("bad first", "{ actions(first: " + (Math.abs(huge % 1_000_000_000L) + 101) + ") { totalCount } }"));
            corpus.add(graphql("bad first", "{ parties(first: " + -(Math.abs(huge % 1_000_000L) + 1) + ") { totalCount } }"));
        }
        // unknown enum values, as literals and as variables
        for (String value : List.of("FOO", "state", "\"STATE\"", "ACTOR", "1", "null_", "STATE_", "ANY")) {
            corpus.add(graphql("unknown enum", "{ parties(kind: " + value + ") { totalCount } }"));
            corpus.add(graphql("unknown enum", "{ actions(kind: " + value + ") { totalCount } }"));
            corpus.add(graphql("unknown enum", "{ partyByName(name: \"MSS\") { actions(role: " + value + ", kind: STATE) { totalCount } } }"));
            corpus.add(raw("unknown enum variable", "{\"query\": \"query($k: ActionKind) { actions(kind: $k) { totalCount } }\", \"variables\": {\"k\": "
                    + JSON.writeValueAsString(value) + "}}"));
        }
        // SQL and script in strings: valid requests, answered as the plain text they are
        List<String> fragments = List.of("' OR '1'='1", "'; DROP TABLE party; --", "\" OR 1=1 --", "%", "_", "!", "%%%", "\\\\",
                "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "${7*7}", "{{7*7}}",
                "' UNION ALL SELECT name FROM party --", "1; WAITFOR DELAY '0:0:5'", "') OR sleep(5)#",
                "../../etc/passwd", "%00", "\u202e", "Robert'); DROP TABLE action;--", "\ud83d\ude00");
        for (String fragment : fragments) {
            corpus.add(variables("SQL and script", "query($s: String) { parties(search: $s) { totalCount edges { node { name } } } }",
                    Map.of("s", fragment)));
            corpus.add(variables("SQL and script", "query($s: String!) { partyByName(name: $s) { name } }", Map.of("s", fragment)));
            corpus.add(variables("SQL and script", "query($c: String) { actions(after: $c) { totalCount } }", Map.of("c", fragment))
                    .echoing(fragment.length() <= 40 ? fragment : fragment.substring(0, 40)));
            corpus.add(variables("SQL and script", "query($d: Date) { actions(from: $d) { totalCount } }", Map.of("d", fragment))
                    .echoing(fragment));
            corpus.add(variables("SQL and script", "query($id: ID!) { action(id: $id) { id } }", Map.of("id", fragment))
                    .echoing(fragment));
        }
        // text no database can store, as JSON escapes (a lone surrogate cannot even be written as UTF-8): VALIDATION
        for (String escape : List.of("\\u0000", "a\\u0000b", "\\ud800", "x\\udfff", "\\ude00\\ud83d")) {
            for (String query : List.of("query($s: String) { parties(search: $s) { totalCount } }",
                    "query($s: String!) { partyByName(name: $s) { name } }", "query($s: String) { actions(after: $s) { totalCount } }",
                    "query($s: ID!) { action(id: $s) { id } }",
                    "mutation($s: String!) { createParty(party: {name: $s, kind: THREAT_GROUP}) { id } }",
                    "mutation($s: String!) { createParty(party: {name: \\\"Unstorable\\\", kind: THREAT_GROUP, aliases: [$s]}) { id } }")) {
                corpus.add(raw("unstorable text", "{\"query\": \"" + query + "\", \"variables\": {\"s\": \"" + escape + "\"}}")
                        .refusedWith("VALIDATION"));
            }
            corpus.add(raw("unstorable text", "{\"query\": \"mutation($p: PartyInput!) { createParty(party: $p) { id } }\", "
                    + "\"variables\": {\"p\": {\"name\": \"Unstorable\", \"kind\": \"STATE\", \"aliases\": [\"" + escape + "\"]}}}")
                    .refusedWith("VALIDATION"));
        }
        for (String escape : List.of("\\u0000", "a\\u0000b")) {
            corpus.add(graphql("unstorable text", "{ partyByName(name: \"" + escape + "\") { id } }").refusedWith("VALIDATION"));
            corpus.add(graphql("unstorable text", "{ parties(search: \"" + escape + "\") { totalCount } }").refusedWith("VALIDATION"));
        }
        // foreign cursors and dates
        for (int i = 0; i < 40; i++) {
            corpus.add(graphql("foreign cursor", "{ actions(after: \"" + randomCursor() + "\") { totalCount } }"));
        }
        for (String date : List.of("2021-02-30", "2021-13-01", "21-01-01", "2021/01/01", "yesterday", "", "2021-01-01T00:00:00Z")) {
            corpus.add(graphql("bad date", "{ actions(from: \"" + date + "\") { totalCount } }"));
        }
        for (String extreme : List.of("+999999999-12-31", "-999999999-01-01", "-0001-01-01", "0000-01-01")) {
            corpus.add(graphql("extreme date", "{ actions(from: \"" + extreme + "\") { totalCount } }").asAnswerable());
        }
        corpus.add(graphql("bad date", "{ actions(from: \"2021-07-19\", to: \"2021-01-01\") { totalCount } }"));
        // invalid unicode: bytes that are not UTF-8, and escapes of lone surrogates
        for (int i = 0; i < 50; i++) {
            byte[] body = bytes(valid);
            body[10 + random.nextInt(body.length - 20)] = (byte) (0x80 + random.nextInt(0x80));
            corpus.add(answerableIfStillJson(new Probe("invalid UTF-8", "POST", null, "application/json", body, false, null)));
        }
        for (String escape : List.of("\\ud800", "\\udfff", "\\ud800\\ud800", "\\u0000", "\\uffff", "\\ud83d")) {
            corpus.add(raw("lone surrogate", "{\"query\": \"{ parties(search: \\\"" + escape + "\\\") { totalCount } }\"}").asAnswerable());
            corpus.add(raw("lone surrogate", "{\"query\": \"{ parties(search: \\\"x\\\") { totalCount } }" + escape + "\"}"));
        }
        // oversized variables
        for (int i = 0; i < 20; i++) {
            int keys = 1_000 + random.nextInt(20_000);
            String variables = IntStream.range(0, keys).mapToObj(k -> "\"v" + k + "\": " + k).collect(Collectors.joining(","));
            corpus.add(raw("oversized variables", "{\"query\": \"{ sources { id } }\", \"variables\": {" + variables + "}}").asAnswerable());
        }
        // GET: mutations, bad encodings, operation names
        for (int i = 0; i < 40; i++) {
            corpus.add(get("mutation over GET", "query=" + encode("mutation { recordAction" + i + " { id } }")));
        }
        for (String query : List.of("%", "%zz", "%E0%A4%A", "{ parties(search: \"100%\") { totalCount } }",
                "{ sources { id }", "", "subscription { x }")) {
            corpus.add(get("bad GET", "query=" + encode(query)));
        }
        corpus.add(get("bad GET", "query=" + encode("{ sources { id } }") + "&operationName=X"));
        corpus.add(get("bad GET", "query=" + encode("{ sources { id } }") + "&variables=" + encode("[1]")));
        corpus.add(get("bad GET", "query=" + encode("{ sources { id } }") + "&variables=" + encode("{")));
        corpus.add(get("bad GET", "variables=" + encode("{}")));
        // introspection asked for too much
        for (int depth = 5; depth < 30; depth++) {
            corpus.add(graphql("deep introspection", "{ __schema { types { " + "fields { type { ".repeat(depth) + "name"
                    + " } }".repeat(depth) + " } } }"));
        }
        return corpus;
    }

    private Probe graphql(String kind, String query) {
        try {
            return raw(kind, JSON.writeValueAsString(Map.of("query", query)));
        } catch (Exception impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Probe variables(String kind, String query, Map<String, String> variables) throws Exception {
        return raw(kind, JSON.writeValueAsString(Map.of("query", query, "variables", variables))).asAnswerable();
    }

    /** A body that a random change left valid JSON may still be a valid request (a changed letter in the search). */
    private static Probe answerableIfStillJson(Probe probe) {
        try {
            JSON.readTree(new String(probe.body, StandardCharsets.UTF_8));
            return probe.asAnswerable();
        } catch (Exception broken) {
            return probe;
        }
    }

    private static Probe raw(String kind, String body) {
        return new Probe(kind, "POST", null, "application/json", bytes(body), false, null);
    }

    private static Probe get(String kind, String queryString) {
        return new Probe(kind, "GET", queryString, null, null, false, null);
    }

    private String randomText(int length) {
        return random.ints(length, 1, 0x2FF).mapToObj(Character::toString).collect(Collectors.joining());
    }

    /** Random cursor-like text that could not be mistaken for a leak when echoed back in the error message. */
    private String randomCursor() {
        String cursor;
        do {
            cursor = random.ints(8 + random.nextInt(40), 0, 64)
                    .mapToObj(i -> String.valueOf("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".charAt(i)))
                    .collect(Collectors.joining());
        } while (LEAK.matcher(cursor).find());
        return cursor;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
