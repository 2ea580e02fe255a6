package org.attributiongraph.instrumentation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.attributiongraph.action.ActionGraphQLApi;
import org.attributiongraph.batching.LoaderPerArguments;
import org.attributiongraph.batching.LoadersInUse;
import org.attributiongraph.batching.Preloaded;
import org.attributiongraph.batching.SmallRyeEnvironments;
import org.attributiongraph.caching.ResponseCache;
import org.attributiongraph.caching.ResponseCacheInstrumentation;
import org.attributiongraph.http.RequestOutcomeInstrumentation;
import org.attributiongraph.limits.Limits;
import org.attributiongraph.metrics.GraphQLOperationMetrics;
import org.attributiongraph.party.PartyGraphQLApi;
import org.attributiongraph.storable.StorableTextInstrumentation;
import org.attributiongraph.tracing.GraphQLTracing;
import org.eclipse.microprofile.config.ConfigProvider;

import graphql.GraphQL;
import graphql.execution.AsyncSerialExecutionStrategy;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.execution.instrumentation.Instrumentation;
import graphql.schema.GraphQLSchema;
import graphql.schema.visibility.DefaultGraphqlFieldVisibility;
import io.quarkus.arc.Arc;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.graphql.spi.EventingService;
import io.smallrye.graphql.spi.config.Config;

/**
 * Adds our limits, the refusal of unstorable text, error handling, batching by argument set (no batch for what a
 * parent's read brought, no dispatch of loaders a request does not use), API methods fetched without SmallRye's copy
 * of the selection, the response cache and the HTTP outcome to the graphql-java engine SmallRye builds, keeping what
 * SmallRye put there (its query cache). Its instrumentations and ours watch operations, not fields
 * (OperationInstrumentations). SmallRye finds this through java.util.ServiceLoader (META-INF/services), not CDI, and
 * calls it once, when it builds the engine for the first request. No config key: it is always on.
 */
public class GraphQLEngineCustomizer implements EventingService {

    /** The batched fields that the features' reads may bring with the parents (look-aheads). */
    private static final List<Preloaded> PRELOADED = Stream.of(ActionGraphQLApi.PRELOADED, PartyGraphQLApi.PRELOADED)
            .flatMap(List::stream).toList();

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
        List<Instrumentation> instrumentations = new ArrayList<>(List.of(new LoadersInUse(),
                new OperationChecksInstrumentation(limits), new StorableTextInstrumentation(),
                new RequestCancellationInstrumentation(limits.requestTimeout()), new ErrorCodeInstrumentation(),
                Arc.container().instance(GraphQLOperationMetrics.class).get(), Arc.container().instance(GraphQLTracing.class).get(),
                new RequestContextPerEventInstrumentation()));
        ResponseCache cache = Arc.container().instance(ResponseCache.class).get();
        if (cache.enabled()) {
            instrumentations.add(new ResponseCacheInstrumentation(cache));
        }
        instrumentations.add(new RequestOutcomeInstrumentation());
        return builder
                .schema(withoutVisibilityPattern(
                        SmallRyeEnvironments.everyApiMethod(LoaderPerArguments.everyBatchedField(built.getGraphQLSchema(), PRELOADED))))
                .instrumentation(OperationInstrumentations.of(smallRyes, instrumentations))
                .defaultDataFetcherExceptionHandler(exceptionHandler)
                .queryExecutionStrategy(new OffEventLoopQueries(exceptionHandler))
                .mutationExecutionStrategy(new AsyncSerialExecutionStrategy(exceptionHandler))
                .subscriptionExecutionStrategy(new SubscriptionExecutionStrategy(exceptionHandler));
    }

    /**
     * SmallRye reads field-visibility's default value, "default", as a pattern of fields to hide, and graphql-java
     * then matches that regular expression against every field of every answer. It hides nothing ("default" names no
     * field), so the schema gets graphql-java's plain visibility instead. Patterns an operator sets stay.
     */
    private static GraphQLSchema withoutVisibilityPattern(GraphQLSchema schema) {
        if (!Config.FIELD_VISIBILITY_DEFAULT.equals(Config.get().getFieldVisibility())) {
            return schema;
        }
        return schema.transform(builder -> builder.codeRegistry(
                schema.getCodeRegistry().transform(registry -> registry.fieldVisibility(DefaultGraphqlFieldVisibility.DEFAULT_FIELD_VISIBILITY))));
    }
}
