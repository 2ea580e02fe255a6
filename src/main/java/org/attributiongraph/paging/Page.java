package org.attributiongraph.paging;

import java.util.List;
import java.util.function.Function;

/** The items of one page, cut from a fetch of {@link PageRequest#probeSize()} rows. */
public record Page<T>(List<T> items, boolean hasNextPage) {

    public static <T> Page<T> of(List<T> probe, PageRequest request) {
        boolean more = probe.size() > request.first();
        return new Page<>(more ? probe.subList(0, request.first()) : probe, more);
    }

    public PageInfo pageInfo(Function<T, String> cursor) {
        return new PageInfo(hasNextPage, items.isEmpty() ? null : cursor.apply(items.get(items.size() - 1)));
    }
}
