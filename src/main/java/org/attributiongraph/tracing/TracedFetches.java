package org.attributiongraph.tracing;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/** On a @GraphQLApi class: each call of its operations and fields is a span ({@link FetchSpanInterceptor}). */
@InterceptorBinding
@Target(TYPE)
@Retention(RUNTIME)
public @interface TracedFetches {
}
