package io.gureum.vpc.model;

import java.time.Instant;

/**
 * One Infrastructure Performance metric subscription of the account: a source and destination (Regions or
 * Availability Zone IDs), a metric and a statistic. It has no ID of its own ({@link #id} joins the four, as the
 * store's key) and no tags, so it is never registered.
 */
public final class NetworkPerformanceSubscription extends Resource {
    public String source;
    public String destination;
    public String metric;
    public String statistic;

    public NetworkPerformanceSubscription(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "network-performance-metric-subscription";
    }
}
