package org.attributiongraph.action;

import static org.attributiongraph.database.SameColumns.assertSameColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.transaction.Transactional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The batched reads build plain actions holding every column their entities hold, on the bundled seed. */
@QuarkusTest
class ActionRowsTest {

    @Test
    @Transactional
    void aPlainActionHoldsWhatItsEntityHolds() {
        List<Action> entities = Action.listAll();
        Map<Long, Action> plain = ActionReads.withIds(entities.stream().map(action -> action.id).toList()).stream()
                .collect(Collectors.toMap(action -> action.id, Function.identity()));
        assertEquals(entities.size(), plain.size());
        assertTrue(entities.stream().anyMatch(action -> action.respondsToId() != null), "the seed has responses");
        entities.forEach(entity -> assertSameColumns(Action.getEntityManager(), entity, plain.get(entity.id)));
    }

    @Test
    @Transactional
    void threadsAndPagesBuildTheSamePlainActions() {
        List<Action> roots = Action.list("respondsTo is null order by id");
        List<ActionReads.ThreadRow> rows = ActionReads.threadRows(roots.stream().map(root -> root.id).toList(), 10);
        assertTrue(!rows.isEmpty(), "the seed has threads");
        rows.forEach(row -> assertSameColumns(Action.getEntityManager(), Action.findById(row.action().id), row.action()));
    }
}
