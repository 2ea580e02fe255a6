package org.attributiongraph.instrumentation;

import java.util.ArrayList;
import java.util.List;

import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.ExecuteObjectInstrumentationContext;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionStrategyParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldParameters;
import graphql.schema.DataFetcher;
import io.smallrye.graphql.execution.QueryCache;

/**
 * A chain of instrumentations that watch operations (parsing, validation, execution, the result), not the fields of
 * an answer. graphql-java asks its instrumentation at the start of every object, field, fetch and completion; a plain
 * chain asks each member in turn and collects their answers, which for an answer of thousands of fields is a good
 * share of the work, for nothing. This chain answers those questions itself: nobody watches. Data fetchers of API
 * methods and subscription events still go to every member (the request's deadline wraps fetchers); trivial ones, the
 * plain properties that are most of an answer's fields, go to none, since no member wraps them.
 */
final class OperationInstrumentations extends ChainedInstrumentation {

    private OperationInstrumentations(List<Instrumentation> members) {
        super(members);
    }

    /**
     * Our instrumentations with SmallRye's: chained this way when SmallRye's are all ones that watch operations only
     * (its query cache, graphql-java's depth and complexity limits), or else in a plain chain.
     */
    static Instrumentation of(Instrumentation smallRyes, List<Instrumentation> ours) {
        List<Instrumentation> members = new ArrayList<>();
        members.add(smallRyes);
        members.addAll(ours);
        boolean operationsOnly = smallRyes instanceof ChainedInstrumentation chain
                && chain.getInstrumentations().stream().allMatch(OperationInstrumentations::watchesOperationsOnly);
        return operationsOnly ? new OperationInstrumentations(members) : new ChainedInstrumentation(members);
    }

    private static boolean watchesOperationsOnly(Instrumentation instrumentation) {
        return instrumentation instanceof QueryCache || instrumentation instanceof MaxQueryComplexityInstrumentation
                || instrumentation instanceof MaxQueryDepthInstrumentation;
    }

    @Override
    public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return parameters.isTrivialDataFetcher() ? dataFetcher : super.instrumentDataFetcher(dataFetcher, parameters, state);
    }

    @Override
    public ExecuteObjectInstrumentationContext beginExecuteObject(InstrumentationExecutionStrategyParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginDeferredField(InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldExecution(InstrumentationFieldParameters parameters, InstrumentationState state) {
        return null;
    }

    @Override
    @SuppressWarnings("deprecation")
    public InstrumentationContext<Object> beginFieldFetch(InstrumentationFieldFetchParameters parameters, InstrumentationState state) {
        return null;
    }

    @Override
    public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return null;
    }

    @Override
    public InstrumentationContext<Object> beginFieldListCompletion(InstrumentationFieldCompleteParameters parameters,
            InstrumentationState state) {
        return null;
    }
}
