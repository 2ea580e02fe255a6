package org.attributiongraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;

/** A plain statement binds its parameters in order, reads its columns by position, and keeps no connection. */
@QuarkusTest
class PlainStatementTest {

    private static final PlainStatement.Layout ID_AND_NAME = PlainStatement.layout(Long.class, String.class);

    @Inject
    EntityManager entityManager;

    @Test
    void parametersBindInTheOrderGiven() {
        inRequest(() -> {
            List<Object[]> all = PlainStatement.of(entityManager, "SELECT p.id, p.name FROM party p ORDER BY p.id")
                    .rows(ID_AND_NAME, row -> row);
            assertTrue(all.size() > 3, "the seed has parties");
            Object[] second = all.get(1);
            List<Object[]> found = PlainStatement.of(entityManager,
                    "SELECT p.id, p.name FROM party p WHERE p.id = ANY(?) AND p.name = ? AND p.version >= ? ORDER BY p.id")
                    .ids(List.of((Long) all.get(0)[0], (Long) second[0], (Long) all.get(2)[0]))
                    .parameter((String) second[1]).parameter(0)
                    .rows(ID_AND_NAME, row -> row);
            assertEquals(1, found.size());
            assertEquals(second[0], found.get(0)[0]);
            assertEquals(second[1], found.get(0)[1]);
        });
    }

    @Test
    void outsideATransactionTheConnectionGoesBackAfterEachRead() {
        inRequest(() -> {
            PlainStatement.of(entityManager, "SELECT p.id, p.name FROM party p").rows(ID_AND_NAME, row -> row);
            // a session that kept its connection until the request ended would starve the pool under hang-ups
            assertFalse(entityManager.unwrap(SharedSessionContractImplementor.class).getJdbcCoordinator()
                    .getLogicalConnection().isPhysicallyConnected());
        });
    }

    @Test
    void aLayoutThatDoesNotMatchTheColumnsIsRefused() {
        inRequest(() -> assertThrows(IllegalStateException.class, () -> PlainStatement.of(entityManager,
                "SELECT p.id, p.name, p.kind FROM party p").rows(PlainStatement.layout(Long.class, String.class), row -> row)));
    }

    @Test
    void onlyLongsIntegersAndStringsAreParameters() {
        assertThrows(IllegalArgumentException.class, () -> PlainStatement.of(entityManager, "SELECT 1").parameter(1.5));
    }

    private static void inRequest(Runnable read) {
        var request = Arc.container().requestContext();
        request.activate();
        try {
            read.run();
        } finally {
            request.terminate();
        }
    }
}
