package org.attributiongraph.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.storable.StorableText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Dataset files read whole (an import) and an action at a time (the bulk load): the same records, the same errors. */
class DatasetReaderTest {

    private static final String HEAD = "\"format\":\"attribution-graph-dataset\",\"version\":1,"
            + "\"sources\":[{\"key\":\"s\",\"publisher\":\"P\",\"title\":\"T\",\"url\":null,\"publishedOn\":\"2021-07-19\"}],"
            + "\"parties\":[{\"name\":\"A\",\"kind\":\"STATE\",\"aliases\":[],\"country\":null,\"partOf\":null,\"memberOf\":[]}]";
    private static final String ACTION = "{\"key\":\"a%d\",\"kind\":\"ATTRIBUTION\",\"title\":\"T\",\"summary\":null,"
            + "\"occurredOn\":\"2021-07-19\",\"datePrecision\":\"DAY\",\"actors\":[\"A\"],\"targets\":[],\"respondsTo\":null,"
            + "\"quotes\":[],\"citations\":[{\"source\":\"s\",\"excerpt\":null}]}";

    private final DatasetReader reader = new DatasetReader(new ObjectMapper().findAndRegisterModules());

    private static String actions(String... actions) {
        return "\"actions\":[" + String.join(",", actions) + "]";
    }

    private static String action(int i) {
        return ACTION.formatted(i);
    }

    private Dataset read(String json) {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The file as the bulk load sees it: its head, then every action, gathered into a Dataset to compare. */
    private Dataset streamed(String json) {
        try (DatasetReader.Streamed file = reader.stream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            Dataset head = file.head();
            List<ActionRecord> actions = new ArrayList<>();
            for (ActionRecord action = file.nextAction(); action != null; action = file.nextAction()) {
                actions.add(action);
            }
            assertNull(file.nextAction(), "the end stays the end");
            return new Dataset(head.format(), head.version(), head.sources(), head.parties(), actions);
        }
    }

    /** Jackson's own reading of the file as one Dataset, a missing list of actions as an empty one. */
    private static Dataset readWhole(String json) throws IOException {
        Dataset whole = new ObjectMapper().findAndRegisterModules().readValue(json, Dataset.class);
        return new Dataset(whole.format(), whole.version(), whole.sources(), whole.parties(),
                whole.actions() == null ? List.of() : whole.actions());
    }

    @Test
    void aFileGivesTheSameRecordsWhicheverOrderItListsThemIn() throws IOException {
        String actions = actions(action(0), action(1), action(2));
        for (String json : List.of("{" + HEAD + "," + actions + "}", "{" + actions + "," + HEAD + "}",
                "{\"sources\":[]," + actions + ",\"format\":\"attribution-graph-dataset\",\"version\":1,\"parties\":[]}",
                "{" + HEAD + "}", "{" + HEAD + ",\"actions\":null}", "{" + HEAD + ",\"actions\":[]}")) {
            assertEquals(readWhole(json), streamed(json), json);
            assertEquals(readWhole(json), read(json), json);
        }
    }

    @Test
    void aGeneratedGraphGivesTheSameRecords() throws IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new GraphGenerator(5, 2_000, GraphGenerator.defaultParties(2_000)).write(json);
        String text = json.toString(StandardCharsets.UTF_8);
        assertEquals(readWhole(text), streamed(text));
        assertEquals(readWhole(text), read(text));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                arguments("", "dataset file is empty"),
                arguments("null", "dataset file is empty"),
                arguments("[]", "dataset file is not valid at the top level: wrong type of value"),
                arguments("{", "dataset file is not valid JSON at line 1, column 2"),
                arguments("{\"format\":\"attribution-graph-dataset\",\"extra\":1}",
                        "dataset file is not valid at extra: unknown field 'extra'"),
                arguments("{\"version\":null}", "dataset file is not valid at version: wrong type of value"),
                arguments("{\"version\":\"one\"}", "dataset file is not valid at version: 'one' is not a whole number"),
                arguments("{\"sources\":[{\"key\":\"s\",\"publishedOn\":\"19 July\"}]}",
                        "dataset file is not valid at sources[0].publishedOn: '19 July' is not an ISO-8601 date such as 2021-07-19"),
                arguments("{\"parties\":[{\"name\":\"A\",\"aliases\":[null]}]}",
                        "dataset file is not valid at parties[0].aliases[0]: wrong type of value"),
                arguments("{" + HEAD + ",\"actions\":[{\"key\":\"a\",\"colour\":\"red\"}]}",
                        "dataset file is not valid at actions[0].colour: unknown field 'colour'"),
                arguments("{" + HEAD + ",\"actions\":[{\"key\":\"a\",\"title\":\"nul \\u0000 here\"}]}",
                        "dataset file is not valid at actions[0].title: the text holds the NUL character (U+0000) at position 5; "
                                + StorableText.remedy()),
                arguments("{" + HEAD + ",\"actions\":[{\"key\":\"a\",\"quotes\":[{\"text\":\"t\",\"speaker\":[]}]}]}",
                        "dataset file is not valid at actions[0].quotes[0].speaker: wrong type of value"),
                arguments("{" + HEAD + ",\"actions\":[null]}", "dataset file is not valid at actions[0]: wrong type of value"),
                arguments("{\"actions\":[" + action(0) + ",null]," + HEAD + "}",
                        "dataset file is not valid at actions[1]: wrong type of value"),
                arguments("{\"actions\":\"all of them\"}", "dataset file is not valid at actions: wrong type of value"),
                arguments("{\"sources\":[null]}", "dataset file is not valid at sources[0]: wrong type of value"),
                arguments("{\"parties\":[{\"name\":\"A\"},null]}", "dataset file is not valid at parties[1]: wrong type of value"),
                arguments("{" + HEAD + ",\"actions\":[1]}", "dataset file is not valid at actions[0]: wrong type of value"),
                arguments("{" + HEAD + ",\"actions\":[{\"key\":\"a\"},{\"key\":\"b\",\"occurredOn\":\"yesterday\"}]}",
                        "dataset file is not valid at actions[1].occurredOn: 'yesterday' is not an ISO-8601 date such as 2021-07-19"),
                arguments("{\"actions\":[{\"key\":\"a\"},{\"key\":\"b\",\"occurredOn\":\"yesterday\"}]," + HEAD + "}",
                        "dataset file is not valid at actions[1].occurredOn: 'yesterday' is not an ISO-8601 date such as 2021-07-19"),
                arguments("{" + HEAD + ",\"actions\":[{\"key\":\"a\"}", "dataset file is not valid JSON at line 1, column 259"),
                arguments("{" + HEAD + ",\"actions\":[{\"key\":\"a\"}],\"more\":true}",
                        "dataset file is not valid at more: unknown field 'more'"),
                arguments("{" + HEAD + "," + actions(action(0)) + ",\"sources\":[]}",
                        "dataset file is not valid at the top level: field 'sources' appears twice"));
    }

    /** Read whole or a record at a time, wherever the reading finds the fault: the error says where and what. */
    @ParameterizedTest
    @MethodSource("badFiles")
    void aBadFileIsRefusedSayingWhereAndWhy(String json, String error) {
        assertEquals(error, assertThrows(InvalidInputException.class, () -> read(json)).getMessage(), json);
        assertEquals(error, assertThrows(InvalidInputException.class, () -> streamed(json)).getMessage(), json);
    }
}
