package org.attributiongraph.party;

import java.util.List;
import java.util.function.LongSupplier;

import org.attributiongraph.paging.Page;
import org.attributiongraph.paging.PageInfo;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A page of parties. totalCount is counted only when a client asks for it. */
public class PartyConnection {

    @Ignore
    private final Page<Party> page;
    @Ignore
    private final LongSupplier counter;

    PartyConnection(Page<Party> page, LongSupplier totalCount) {
        this.page = page;
        this.counter = totalCount;
    }

    public @NonNull List<@NonNull PartyEdge> getEdges() {
        return page.items().stream().map(party -> new PartyEdge(party.cursor(), party)).toList();
    }

    public @NonNull PageInfo getPageInfo() {
        return page.pageInfo(Party::cursor);
    }

    /** Counted on demand by the API's totalCount field, which runs off the I/O thread as a getter would not. */
    int totalCount() {
        return Math.toIntExact(counter.getAsLong());
    }
}
