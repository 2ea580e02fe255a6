package org.attributiongraph.tracing;

import java.util.Set;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * Tracing is on exactly when an OTLP endpoint is configured (quarkus.otel.exporter.otlp.endpoint or
 * ...traces.endpoint, as a property or its environment variable): without one, the OpenTelemetry SDK and the JDBC
 * statement spans are off, so no span is made and no exporter ever opens a connection (Quarkus would otherwise send
 * to its default endpoint, localhost:4317). Either switch set explicitly wins. Registered through
 * META-INF/services, so it holds from the first configuration read.
 */
public class TracingSwitch implements ConfigSourceInterceptor {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String JDBC_SPANS = "quarkus.datasource.jdbc.telemetry.enabled";
    private static final Set<String> ENDPOINTS = Set.of("quarkus.otel.exporter.otlp.endpoint",
            "quarkus.otel.exporter.otlp.traces.endpoint");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (!SDK_DISABLED.equals(name) && !JDBC_SPANS.equals(name) || explicit(value)) {
            return value;
        }
        boolean tracing = ENDPOINTS.stream().map(context::proceed).anyMatch(TracingSwitch::explicit);
        String answer = String.valueOf(SDK_DISABLED.equals(name) ? !tracing : tracing);
        return value == null ? ConfigValue.builder().withName(name).withValue(answer).build() : value.withValue(answer);
    }

    /** Set by someone: a default of an extension comes from a source of negative ordinal. */
    private static boolean explicit(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank() && value.getConfigSourceOrdinal() > 0;
    }
}
