package org.attributiongraph.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.attributiongraph.errors.InvalidInputException;
import org.attributiongraph.storable.StorableText;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
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

    private final ObjectReader reader;

    @Inject
    public DatasetReader(ObjectMapper mapper) {
        this.reader = mapper.copy().registerModule(new SimpleModule().addDeserializer(String.class, new StorableString()))
                .readerFor(Dataset.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public Dataset read(InputStream json) {
        try {
            Dataset dataset = reader.readValue(json);
            if (dataset == null) {
                throw new InvalidInputException("dataset file is empty");
            }
            return dataset;
        } catch (JsonMappingException wrongShape) {
            throw new InvalidInputException("dataset file is not valid at " + path(wrongShape) + ": " + reason(wrongShape));
        } catch (JsonProcessingException notJson) {
            var at = notJson.getLocation();
            throw new InvalidInputException("dataset file is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException unreadable) {
            throw new InvalidInputException("dataset file could not be read");
        }
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
        return path.isEmpty() ? "the top level" : path.toString();
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
                    : type == LocalDate.class ? "an ISO-8601 date such as 2021-07-19" : "a " + simpleName(type);
            return "'" + invalid.getValue() + "' is not " + expected;
        }
        return "wrong type of value";
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
