package org.attributiongraph.batching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.dataloader.BatchLoaderEnvironment;
import org.junit.jupiter.api.Test;

import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.execution.datafetcher.PlugableBatchableDataFetcher;
import io.smallrye.graphql.schema.model.Operation;
import io.smallrye.graphql.schema.model.OperationType;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.DataFetcherService;

/** SmallRye asks for a batched field's fetcher at every request; the maker behind it is asked once per field. */
class OneFetcherPerFieldTest {

    private static final Type ACTION = new Type("org.attributiongraph.action.Action", "Action", null);

    @Test
    void anOperationKeepsTheFetcherMadeForItFirst() {
        Maker quarkus = new Maker(1);
        OneFetcherPerField service = new OneFetcherPerField(() -> List.of(quarkus));
        Operation actors = operation("actors");

        PlugableBatchableDataFetcher<?, ?> first = service.getDefaultDataFetcher(actors, ACTION);
        PlugableBatchableDataFetcher<?, ?> second = service.getDefaultDataFetcher(actors, ACTION);

        assertSame(first, second);
        assertEquals(1, quarkus.made.size());
    }

    @Test
    void operationsThatSmallRyeCountsEqualStillGetAFetcherEach() {
        Maker quarkus = new Maker(1);
        OneFetcherPerField service = new OneFetcherPerField(() -> List.of(quarkus));
        Operation one = operation("actions");
        Operation other = operation("actions");
        assertEquals(one, other, "SmallRye's model compares fields by their names, which is why the cache does not");

        assertNotSame(service.getDefaultDataFetcher(one, ACTION), service.getDefaultDataFetcher(other, ACTION));
        assertEquals(2, quarkus.made.size());
    }

    @Test
    void theMakersAreAskedInSmallRyesOrderAndItselfNever() {
        Maker declines = new Maker(-1, false);
        Maker later = new Maker(5);
        Maker sooner = new Maker(1);
        OneFetcherPerField service = new OneFetcherPerField(() -> List.of(later, new OneFetcherPerField(List::of),
                sooner, declines));

        PlugableBatchableDataFetcher<?, ?> fetcher = service.getDefaultDataFetcher(operation("targets"), ACTION);

        assertEquals(1, declines.asked);
        assertEquals(List.of(fetcher), sooner.made);
        assertEquals(0, later.asked);
    }

    private static Operation operation(String name) {
        Reference party = new Reference.Builder().className("org.attributiongraph.party.Party").name("Party")
                .type(ReferenceType.TYPE).build();
        return new Operation("org.attributiongraph.action.ActionGraphQLApi", name, name, name, party,
                OperationType.QUERY, null);
    }

    /** Stands for Quarkus's service: a new fetcher at every call, unless it declines. */
    private static final class Maker implements DataFetcherService {
        private final int priority;
        private final boolean makes;
        private final List<PlugableBatchableDataFetcher<?, ?>> made = new ArrayList<>();
        private int asked;

        Maker(int priority) {
            this(priority, true);
        }

        Maker(int priority, boolean makes) {
            this.priority = priority;
            this.makes = makes;
        }

        @Override
        public Integer getPriority() {
            return priority;
        }

        @Override
        public PlugableBatchableDataFetcher<?, ?> getDefaultDataFetcher(Operation operation, Type type) {
            asked++;
            if (!makes) {
                return null;
            }
            PlugableBatchableDataFetcher<Object, Object> fetcher = new PlugableBatchableDataFetcher<>() {
                @Override
                public Object get(DataFetchingEnvironment environment) {
                    return null;
                }

                @Override
                public CompletionStage<List<Object>> load(List<Object> keys, BatchLoaderEnvironment environment) {
                    return null;
                }
            };
            made.add(fetcher);
            return fetcher;
        }
    }
}
