package org.attributiongraph.metrics;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /q/metrics as Prometheus reads it: one sample a line, {@code name{label="value",...} number}. */
record PrometheusScrape(List<Sample> samples) {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static PrometheusScrape now() {
        String text = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        return new PrometheusScrape(text.lines().filter(line -> !line.startsWith("#"))
                .map(LINE::matcher).filter(Matcher::matches).map(PrometheusScrape::sample).toList());
    }

    private static Sample sample(Matcher line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.group(2) != null) {
            Matcher label = LABEL.matcher(line.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return new Sample(line.group(1), labels, Double.parseDouble(line.group(3)));
    }

    /** The samples of this name whose labels include all of these. */
    List<Sample> of(String name, Map<String, String> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name)
                && sample.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    /** The sum of those samples, 0 if there are none. */
    double sum(String name, Map<String, String> labels) {
        return of(name, labels).stream().mapToDouble(Sample::value).sum();
    }
}
