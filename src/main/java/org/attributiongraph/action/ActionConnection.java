package org.attributiongraph.action;

import java.util.List;
import java.util.function.LongSupplier;

import org.attributiongraph.paging.Page;
import org.attributiongraph.paging.PageInfo;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of actions. totalCount is counted only when a client asks for it. */
public class ActionConnection {

    @Ignore
    private final Page<Action> page;
    @Ignore
    private final LongSupplier counter;

    ActionConnection(Page<Action> page, LongSupplier totalCount) {
        this.page = page;
        this.counter = totalCount;
    }

    public @NonNull List<@NonNull ActionEdge> getEdges() {
        return page.items().stream().map(action -> new ActionEdge(action.cursor(), action)).toList();
    }

    public @NonNull PageInfo getPageInfo() {
        return page.pageInfo(Action::cursor);
    }

    /** Counted on demand by the API's totalCount field, which runs off the I/O thread as a getter would not. */
    int totalCount() {
        return Math.toIntExact(counter.getAsLong());
    }
}
