package org.attributiongraph.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.dataset.Dataset.PartyRecord;
import org.attributiongraph.dataset.Dataset.SourceRecord;
import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.storable.StorableText;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Reads dataset files strictly: an unknown field or a wrong value is an error that says where, not a silent skip.
 * Text that no database can store (JSON escapes such as \\u0000) is such a wrong value.
 */
@ApplicationScoped
public class DatasetReader {

    /** What the actions are checked against: the rest of the file's top-level fields. */
    private static final Set<String> HEAD_FIELDS = Set.of("format", "version", "sources", "parties");
    /** What is wrong with a value that is not of its field's type. */
    private static final String WRONG_TYPE = "wrong type of value";

    private final ObjectReader reader;
    private final ObjectReader actionReader;

    @Inject
    public DatasetReader(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy().registerModule(new SimpleModule().addDeserializer(String.class, new StorableString()));
        // a null where a list holds records or names is a wrong value, not a record
        strict.configOverride(List.class).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        this.reader = strict.reader()
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.actionReader = reader.forType(ActionRecord.class);
    }

    /** The whole file; read as {@link #stream} reads it, so both take and refuse the same files. */
    public Dataset read(InputStream json) {
        try (Streamed file = stream(json)) {
            Dataset head = file.head();
            List<ActionRecord> actions = new ArrayList<>();
            for (ActionRecord action = file.nextAction(); action != null; action = file.nextAction()) {
                actions.add(action);
            }
            return new Dataset(head.format(), head.version(), head.sources(), head.parties(), actions);
        }
    }

    /**
     * Reads a dataset file an action at a time, as the bulk load takes it: the actions need not all be in memory at
     * once. An error comes when the reading reaches it; a field the file repeats is one.
     */
    public Streamed stream(InputStream json) {
        try {
            return new Streamed(reader.createParser(json));
        } catch (IOException e) {
            throw refusal(e, "");
        }
    }

    /**
     * A dataset file being read. {@link #head} reads up to the actions: the format, version, sources and parties,
     * and the actions too if the file lists them before any of those; {@link #nextAction} then hands the actions
     * over one by one, and checks the rest of the file after the last.
     */
    public final class Streamed implements AutoCloseable {

        private final JsonParser parser;
        private final Set<String> fieldsSeen = new HashSet<>();
        private String format;
        private int version;
        private List<SourceRecord> sources;
        private List<PartyRecord> parties;
        /** The actions, when the file lists them before the rest; null while they are read from the file. */
        private Iterator<ActionRecord> listedFirst;
        private boolean inActions;
        private int nextIndex;

        private Streamed(JsonParser parser) {
            this.parser = parser;
        }

        /** The file up to its actions, as a Dataset without them. */
        public Dataset head() {
            try {
                JsonToken first = parser.nextToken();
                if (first == null || first == JsonToken.VALUE_NULL) {
                    throw new InvalidInputException("dataset file is empty");
                }
                if (first != JsonToken.START_OBJECT) {
                    throw notValid("", WRONG_TYPE);
                }
                readFields();
                return new Dataset(format, version, sources, parties, List.of());
            } catch (IOException e) {
                throw refusal(e, "");
            }
        }

        /** The next action of the file, or null after the last. */
        public ActionRecord nextAction() {
            if (listedFirst != null) {
                return listedFirst.hasNext() ? listedFirst.next() : null;
            }
            if (!inActions) {
                return null;
            }
            try {
                ActionRecord action = nextInArray();
                if (action == null) {
                    inActions = false;
                    readFields();
                }
                return action;
            } catch (IOException e) {
                throw refusal(e, "");
            }
        }

        /** The next record of the actions' array, or null at its end. */
        private ActionRecord nextInArray() throws IOException {
            String where = "actions[" + nextIndex + "]";
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                return null;
            }
            if (token != JsonToken.START_OBJECT) {
                throw notValid(where, WRONG_TYPE);
            }
            try {
                ActionRecord action = actionReader.readValue(parser);
                nextIndex++;
                return action;
            } catch (JsonMappingException e) {
                throw refusal(e, where);
            }
        }

        /**
         * The top-level fields up to the actions, or to the end of the file. The actions are read then and there when
         * the file lists them before the rest: the rest is needed to check any of them.
         */
        private void readFields() throws IOException {
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                if (!fieldsSeen.add(field)) {
                    throw notValid("", "field '" + field + "' appears twice");
                }
                parser.nextToken();
                switch (field) {
                    case "format" -> format = readField(new TypeReference<String>() {
                    }, field);
                    case "version" -> {
                        if (parser.currentToken() == JsonToken.VALUE_NULL) {
                            throw notValid(field, WRONG_TYPE);
                        }
                        version = readField(reader.getTypeFactory().constructType(int.class), field);
                    }
                    case "sources" -> sources = withoutNulls(readField(new TypeReference<List<SourceRecord>>() {
                    }, field), field);
                    case "parties" -> parties = withoutNulls(readField(new TypeReference<List<PartyRecord>>() {
                    }, field), field);
                    case "actions" -> {
                        List<ActionRecord> actions = new ArrayList<>();
                        if (parser.currentToken() == JsonToken.START_ARRAY) {
                            if (fieldsSeen.containsAll(HEAD_FIELDS)) {
                                inActions = true;
                                return;
                            }
                            for (ActionRecord action = nextInArray(); action != null; action = nextInArray()) {
                                actions.add(action);
                            }
                        } else if (parser.currentToken() != JsonToken.VALUE_NULL) {
                            throw notValid(field, WRONG_TYPE);
                        }
                        listedFirst = actions.iterator();
                    }
                    default -> throw notValid(field, "unknown field '" + field + "'");
                }
            }
        }

        /** A null in a list of records is a wrong value, not a record (Jackson keeps it in a list read on its own). */
        private static <T> List<T> withoutNulls(List<T> records, String field) {
            int at = records == null ? -1 : records.indexOf(null);
            if (at >= 0) {
                throw notValid(field + "[" + at + "]", WRONG_TYPE);
            }
            return records;
        }

        private <T> T readField(TypeReference<T> type, String field) throws IOException {
            return readField(reader.getTypeFactory().constructType(type), field);
        }

        private <T> T readField(JavaType type, String field) throws IOException {
            try {
                return reader.forType(type).readValue(parser);
            } catch (JsonMappingException e) {
                throw refusal(e, field);
            }
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The client's error for a file with something wrong at a place in it (a JSON path; empty: the top level). */
    private static InvalidInputException notValid(String at, String reason) {
        return new InvalidInputException("dataset file is not valid at " + (at.isEmpty() ? "the top level" : at) + ": " + reason);
    }

    /** The client's error for a file Jackson could not read; prefix is the path the failing read started at. */
    private static InvalidInputException refusal(IOException e, String prefix) {
        if (e instanceof JsonMappingException wrongShape) {
            String path = path(wrongShape);
            String at = prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + (path.startsWith("[") ? "" : ".") + path;
            return notValid(at, reason(wrongShape));
        }
        if (e instanceof JsonProcessingException notJson) {
            var at = notJson.getLocation();
            return new InvalidInputException("dataset file is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        return new InvalidInputException("dataset file could not be read");
    }

    /** A JSON path such as actions[3].kind, built from Jackson's reference chain without its Java class names. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof UnstorableText) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException invalid) {
            Class<?> type = invalid.getTargetType();
            String expected = type != null && type.isEnum()
                    ? "one of " + Arrays.toString(type.getEnumConstants())
                    : type == LocalDate.class ? "an ISO-8601 date such as 2021-07-19"
                    : type == int.class ? "a whole number" : "a " + simpleName(type);
            return "'" + invalid.getValue() + "' is not " + expected;
        }
        return WRONG_TYPE;
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value of the right type" : type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Every string of the file, checked as it is read: Jackson puts the path of the record in front. */
    private static final class StorableString extends StdScalarDeserializer<String> {

        StorableString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null) {
                var problem = StorableText.problem(text);
                if (problem.isPresent()) {
                    throw new UnstorableText(parser, "the text " + problem.get() + "; " + StorableText.remedy());
                }
            }
            return text;
        }
    }

    private static final class UnstorableText extends JsonMappingException {
        UnstorableText(JsonParser parser, String message) {
            super(parser, message);
        }
    }
}
