package org.attributiongraph.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What subscribers may hold open, so that listeners cannot exhaust the service (see docs/frontend.md). */
@ConfigMapping(prefix = "attribution-graph.subscriptions")
public interface SubscriptionLimits {

    /** Subscriptions one WebSocket connection may hold open at once. */
    @WithDefault("10")
    int maxPerConnection();

    /** Subscriptions this replica holds open at once, over all connections. */
    @WithDefault("1000")
    int maxTotal();

    /** Events one subscriber may have waiting; a subscriber that falls further behind is dropped. */
    @WithDefault("32")
    int maxQueued();
}
