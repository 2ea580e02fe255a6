package org.attributiongraph.batching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Batched fields receive every parent of one level at once and must answer in the parents' order.
 * These line up what one query fetched for all parents with the parent each row belongs to.
 */
public final class Batches {

    private Batches() {
    }

    /** Keys per IN list: a list of a million bind parameters would overwhelm the driver and the planner. */
    private static final int KEYS_PER_QUERY = 1_000;

    /** Runs a look-up by keys over as many IN lists as the keys need, and joins the results. */
    public static <K, R> List<R> inChunks(Collection<K> keys, Function<List<K>, List<R>> lookUp) {
        List<K> all = new ArrayList<>(keys);
        List<R> found = new ArrayList<>();
        for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
            found.addAll(lookUp.apply(all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY))));
        }
        return found;
    }

    public static <P> List<Long> ids(Collection<P> parents, Function<P, Long> id) {
        return new ArrayList<>(parents.stream().map(id).filter(Objects::nonNull).collect(
                java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    /** For to-many fields: the children of each parent, in the order the query returned them. */
    public static <P, C> List<List<C>> groupUnder(List<P> parents, Function<P, Long> parentId,
            List<C> children, Function<C, Long> childsParentId) {
        Map<Long, List<C>> byParent = new HashMap<>();
        for (C child : children) {
            byParent.computeIfAbsent(childsParentId.apply(child), id -> new ArrayList<>()).add(child);
        }
        return parents.stream().map(parent -> byParent.getOrDefault(parentId.apply(parent), List.of())).toList();
    }

    /** For to-many fields: as above, each child turned into the value the field answers. */
    public static <P, C, V> List<List<V>> groupUnder(List<P> parents, Function<P, Long> parentId,
            List<C> children, Function<C, Long> childsParentId, Function<C, V> value) {
        return groupUnder(parents, parentId, children, childsParentId).stream()
                .map(group -> group.stream().map(value).toList())
                .toList();
    }

    /** For to-one fields: the referenced item of each parent, or null where it has none. */
    public static <P, C> List<C> pick(List<P> parents, Function<P, Long> referencedId,
            List<C> referenced, Function<C, Long> idOf) {
        Map<Long, C> byId = new HashMap<>();
        referenced.forEach(item -> byId.put(idOf.apply(item), item));
        List<C> picked = new ArrayList<>(parents.size());
        for (P parent : parents) {
            Long id = referencedId.apply(parent);
            picked.add(id == null ? null : byId.get(id));
        }
        return picked;
    }
}
