package org.attributiongraph.batching;

import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * A native statement whose first parameter is a batch of ids as one array ({@code = ANY(?1)}, or {@code UNNEST(?1)}
 * joined as a table), for the batched reads of the feature packages, which read their rows as values.
 * <ul>
 * <li>One array, not an IN list of as many parameters as ids, keeps the statement's text the same for any number of
 * ids, so PostgreSQL settles on one plan for it, made for a short array: each id looked up in its index. For the long
 * IN lists of deep levels it hashed the whole party table instead, which costs far more than the look-ups.</li>
 * <li>Hibernate keeps its translation of a query with one array parameter; a query with a list parameter
 * ({@code in :ids}) it translates again on every call.</li>
 * </ul>
 */
public final class IdArrayQuery {

    private IdArrayQuery() {
    }

    public static NativeQuery<Object[]> of(EntityManager entityManager, String sql, List<Long> ids) {
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = entityManager.createNativeQuery(sql).unwrap(NativeQuery.class);
        query.setParameter(1, ids.toArray(Long[]::new));
        return query;
    }
}
