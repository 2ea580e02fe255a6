package org.attributiongraph.tracing;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * A span for each call into a GraphQL API: a root field ("Query.actions") or one batch of a batched field
 * ("Action.actors", with graphql.batch.size), named as the schema names it. These calls are where the database is
 * read; plain properties never come here. The span is current while the call runs, on the thread that runs it, so
 * its SQL statements are its children.
 */
@TracedFetches
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class FetchSpanInterceptor {

    private final Map<Method, String> names = new ConcurrentHashMap<>();

    @Inject
    Tracer tracer;

    @ConfigProperty(name = TracingSwitch.SDK_DISABLED)
    boolean disabled;

    @AroundInvoke
    Object traced(InvocationContext invocation) throws Exception {
        if (disabled) {
            return invocation.proceed();
        }
        Span span = tracer.spanBuilder(names.computeIfAbsent(invocation.getMethod(), FetchSpanInterceptor::fieldOf)).startSpan();
        for (Object argument : invocation.getParameters()) {
            if (argument instanceof List<?> batch && isSource(invocation.getMethod(), batch)) {
                span.setAttribute("graphql.batch.size", batch.size());
            }
        }
        Object value;
        try (Scope current = span.makeCurrent()) {
            value = invocation.proceed();
        } catch (Exception | Error failure) {
            span.setStatus(StatusCode.ERROR).end();
            throw failure;
        }
        if (value instanceof CompletionStage<?> pending) {
            pending.whenComplete((done, failure) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            });
        } else {
            span.end();
        }
        return value;
    }

    private static boolean isSource(Method method, List<?> argument) {
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Source.class) && List.class.isAssignableFrom(parameter.getType())) {
                return true;
            }
        }
        return false;
    }

    /** "Type.field" as the schema has it. */
    static String fieldOf(Method method) {
        Name renamed = method.getAnnotation(Name.class);
        Query query = method.getAnnotation(Query.class);
        Mutation mutation = method.getAnnotation(Mutation.class);
        String field = renamed != null ? renamed.value()
                : query != null && !query.value().isEmpty() ? query.value()
                : mutation != null && !mutation.value().isEmpty() ? mutation.value() : method.getName();
        for (Parameter parameter : method.getParameters()) {
            if (parameter.isAnnotationPresent(Source.class)) {
                return sourceType(parameter) + "." + field;
            }
        }
        return (mutation != null ? "Mutation." : "Query.") + field;
    }

    private static String sourceType(Parameter parameter) {
        Type type = parameter.getParameterizedType();
        if (type instanceof ParameterizedType list && list.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element.getSimpleName();
        }
        return parameter.getType().getSimpleName();
    }
}
