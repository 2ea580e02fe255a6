package org.attributiongraph.caching;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.attributiongraph.http.GraphQLEndpoint;
import org.attributiongraph.http.GraphQLHttpGuard;
import org.attributiongraph.http.GraphQLRequest;
import org.attributiongraph.http.HttpCaching;
import org.attributiongraph.http.RequestOutcome;
import org.attributiongraph.http.SmallRyeQuirks;
import org.attributiongraph.metrics.GraphQLOperationMetrics;
import org.attributiongraph.writing.RecordVersion;
import org.attributiongraph.writing.RecordVersionPoll;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.ExecutionResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a query it has answered before, while the record is unchanged, without running it again: the record is
 * read far more than it is written, and the same chains are walked again and again. Only whole answers are kept
 * (no errors), only of queries (never of mutations), and only while {@link RecordVersion#generation()} is the one
 * the query started under: any write drops them all, on this replica at once and on the others within
 * attribution-graph.record-version.poll-interval.
 * <p>
 * Answers go into the cache from the engine ({@link ResponseCacheInstrumentation}) and come out here, on the event
 * loop, right after the {@link GraphQLHttpGuard} has checked the request and named it (and {@link HttpCaching} has
 * answered what it could with 304). Every caller allowed to read
 * gets the same answer to a query (none depends on who asks), so one cache serves them all.
 */
@ApplicationScoped
public class ResponseCache {

    /** An Accept entry asking for a charset the cached bytes are not in. */
    private static final Pattern OTHER_CHARSET = Pattern.compile(";\\s*charset=(?!\"?utf-8\"?\\s*(;|$))",
            Pattern.CASE_INSENSITIVE);

    @Inject
    RecordVersion recordVersion;

    @Inject
    MeterRegistry registry;

    @Inject
    GraphQLOperationMetrics metrics;

    @Inject
    ResponseCacheConfig config;

    @Inject
    RecordVersionPoll poll;

    @Inject
    GraphQLEndpoint endpoint;

    private Cache<GraphQLRequest, Answer> answers;

    /** A response's body, the generation of the record it was read from, and the operation's name in the document. */
    private record Answer(long generation, Buffer body, String operationName) {
    }

    @PostConstruct
    void create() {
        answers = Caffeine.newBuilder()
                .maximumWeight(config.maxSize().asLongValue())
                .weigher((GraphQLRequest request, Answer answer) -> (int) Math.min(Integer.MAX_VALUE,
                        request.size() + answer.body().length()))
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, answers, "graphql-responses");
    }

    void install(@Observes Router router) {
        if (config.enabled()) {
            router.route(endpoint.path()).order(HttpCaching.ORDER + 1).handler(this::answer);
        }
    }

    /** Learns of the other replicas' writes within the poll interval. */
    void startPolling(@Observes StartupEvent start) {
        if (config.enabled()) {
            poll.start();
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Called by the engine as a query starts: the generation to hand back to {@link #keep}. */
    long generation() {
        return recordVersion.generation();
    }

    /** Keeps a query's whole answer, unless the record may have changed while it ran. */
    void keep(GraphQLRequest request, String operationName, long startedAt, ExecutionResult result) {
        if (!result.getErrors().isEmpty() || !result.isDataPresent()
                || (result.getExtensions() != null && !result.getExtensions().isEmpty())) {
            return;
        }
        // exactly what SmallRye writes for it
        Buffer body = Buffer.buffer(new ExecutionResponse(result).getExecutionResultAsString(), StandardCharsets.UTF_8.name());
        if (request.size() + body.length() <= config.maxEntrySize().asLongValue() && recordVersion.generation() == startedAt) {
            answers.put(request, new Answer(startedAt, body, operationName));
        }
    }

    private void answer(RoutingContext ctx) {
        long started = System.nanoTime();
        GraphQLRequest request = GraphQLRequest.checked(ctx);
        // the cached bytes are UTF-8: a client asking for another charset gets SmallRye's answer
        String responseType = request == null ? null : SmallRyeQuirks.responseType(ctx)
                .filter(type -> !OTHER_CHARSET.matcher(type).find())
                .orElse(null);
        Answer answer = responseType == null || SmallRyeQuirks.mergesUrlParameters(ctx) ? null
                : answers.getIfPresent(request);
        if (answer == null || answer.generation() != recordVersion.generation()) {
            ctx.next();
            return;
        }
        RequestOutcome.answeredFromCache(ctx);
        ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, responseType).end(answer.body());
        metrics.answeredFromCache(answer.operationName(), System.nanoTime() - started);
    }
}
