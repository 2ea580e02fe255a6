package org.attributiongraph.instrumentation;

import java.util.ArrayList;
import java.util.List;

import org.attributiongraph.batching.LoaderPerArguments;
import org.attributiongraph.caching.ResponseCache;
import org.attributiongraph.caching.ResponseCacheInstrumentation;
import org.attributiongraph.http.RequestOutcomeInstrumentation;
import org.attributiongraph.limits.Limits;
import org.attributiongraph.metrics.GraphQLOperationMetrics;
import org.attributiongraph.storable.StorableTextInstrumentation;
import org.attributiongraph.tracing.GraphQLTracing;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.GraphQL;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.Instrumentation;
import io.quarkus.arc.Arc;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.graphql.spi.EventingService;

/**
 * Adds our limits, the refusal of unstorable text, error handling, batching by argument set, the response cache and the
 * HTTP outcome to the graphql-java engine SmallRye builds, keeping what SmallRye put there
 * (its query cache). Its instrumentations and ours watch operations, not fields (OperationInstrumentations).
 * SmallRye finds this through java.util.ServiceLoader (META-INF/services), not CDI, and calls it once, when it builds the engine for the first request. No config key: it is always on.
 */
public class GraphQLEngineCustomizer implements EventingService {

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        Limits limits = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(Limits.class);
        // the builder does not expose what SmallRye set; building it once is the way to read that back
        GraphQL built = builder.build();
        var smallRyes = built.getInstrumentation();
        // that build also fixed the execution strategies with SmallRye's exception handler: give them ours
        var exceptionHandler = new ClientAwareExceptionHandler(limits.statementTimeoutMs());
        List<Instrumentation> instrumentations = new ArrayList<>(List.of(new OperationChecksInstrumentation(limits),
                new StorableTextInstrumentation(),
                new RequestCancellationInstrumentation(limits.requestTimeout()), new ErrorCodeInstrumentation(),
                Arc.container().instance(GraphQLOperationMetrics.class).get(), Arc.container().instance(GraphQLTracing.class).get(),
                new RequestContextPerEventInstrumentation()));
        ResponseCache cache = Arc.container().instance(ResponseCache.class).get();
        if (cache.enabled()) {
            instrumentations.add(new ResponseCacheInstrumentation(cache));
        }
        instrumentations.add(new RequestOutcomeInstrumentation());
        return builder
                .schema(LoaderPerArguments.everyBatchedField(built.getGraphQLSchema()))
                .instrumentation(OperationInstrumentations.of(smallRyes, instrumentations))
                .defaultDataFetcherExceptionHandler(exceptionHandler)
                .queryExecutionStrategy(new OffEventLoopQueries(exceptionHandler))
                .mutationExecutionStrategy(new AsyncSerialExecutionStrategy(exceptionHandler))
                .subscriptionExecutionStrategy(new SubscriptionExecutionStrategy(exceptionHandler));
    }

}
