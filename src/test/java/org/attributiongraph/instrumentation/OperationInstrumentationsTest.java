package org.attributiongraph.instrumentation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.FieldFetchingInstrumentationContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.smallrye.graphql.execution.QueryCache;

/** Plain JUnit: the chain is built by hand, as GraphQLEngineCustomizer builds it. */
class OperationInstrumentationsTest {

    /** Hooks the chain does not pass on: if one of ours needs one, the chain must learn to pass it to that one. */
    @Test
    void noInstrumentationOfOursWatchesFields() {
        noMethods().that().areDeclaredInClassesThat().areAssignableTo(Instrumentation.class)
                .and().areNotDeclaredIn(OperationInstrumentations.class)
                .should().haveNameMatching("beginField.*|beginExecuteObject|beginDeferredField")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.attributiongraph"));
    }

    @Test
    void operationsReachEveryMemberAndFieldsNone() {
        Watcher ours = new Watcher();
        Instrumentation chain = OperationInstrumentations.of(new ChainedInstrumentation(List.of(new QueryCache())), List.of(ours));

        chain.beginExecuteOperation(null, chain.createStateAsync(null).join());
        assertNull(chain.beginFieldFetching(null, null));

        assertEquals(List.of("operation"), ours.seen);
    }

    @Test
    void apiMethodsFetchersReachEveryMemberAndPlainPropertiesNone() {
        Watcher ours = new Watcher();
        Instrumentation chain = OperationInstrumentations.of(new ChainedInstrumentation(List.of(new QueryCache())), List.of(ours));
        InstrumentationState state = chain.createStateAsync(null).join();
        DataFetcher<?> fetcher = environment -> "a value";

        assertSame(fetcher, chain.instrumentDataFetcher(fetcher, new InstrumentationFieldFetchParameters(null, () -> null, null, true), state));
        assertEquals(List.of(), ours.seen);
        chain.instrumentDataFetcher(fetcher, new InstrumentationFieldFetchParameters(null, () -> null, null, false), state);
        assertEquals(List.of("fetcher"), ours.seen);
    }

    @Test
    void anInstrumentationOfSmallRyesThatWatchesFieldsKeepsThePlainChain() {
        Watcher smallRyes = new Watcher();
        Instrumentation chain = OperationInstrumentations.of(new ChainedInstrumentation(List.of(smallRyes)), List.of());

        chain.beginFieldFetching(null, chain.createStateAsync(null).join());

        assertEquals(ChainedInstrumentation.class, chain.getClass());
        assertEquals(List.of("field"), smallRyes.seen);
    }

    private static final class Watcher extends SimplePerformantInstrumentation {
        final List<String> seen = new ArrayList<>();

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            seen.add("operation");
            return null;
        }

        @Override
        public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            seen.add("fetcher");
            return dataFetcher;
        }

        @Override
        public FieldFetchingInstrumentationContext beginFieldFetching(InstrumentationFieldFetchParameters parameters,
                InstrumentationState state) {
            seen.add("field");
            return null;
        }
    }
}
