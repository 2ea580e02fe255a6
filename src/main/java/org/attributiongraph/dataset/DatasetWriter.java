package org.attributiongraph.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** Writes dataset files as the bundled seed is written: pretty-printed JSON, fields in the format's order. */
@ApplicationScoped
public class DatasetWriter {

    private final ObjectWriter writer;

    @Inject
    public DatasetWriter(ObjectMapper mapper) {
        this.writer = mapper.writerFor(Dataset.class).withDefaultPrettyPrinter();
    }

    public String write(Dataset dataset) {
        try {
            return writer.writeValueAsString(dataset);
        } catch (JsonProcessingException unwritable) {
            // records of strings, enums and dates always serialise; this is a programming error
            throw new IllegalStateException("dataset could not be written as JSON", unwritable);
        }
    }
}
