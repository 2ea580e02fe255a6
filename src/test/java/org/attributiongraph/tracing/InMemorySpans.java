package org.attributiongraph.tracing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Spans kept in memory for the tests to read. Quarkus exports to every SpanExporter bean, and, while one exists,
 * starts no OTLP exporter: no test sends spans anywhere.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
