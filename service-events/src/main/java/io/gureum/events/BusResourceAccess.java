package io.gureum.events;

import io.gureum.core.ids.Arn;
import io.gureum.core.spi.ResourceAccess;

/**
 * An event bus's owner and resource-based policy (PutPermission's statements or PutPermission with a
 * Policy) by bus ARN of any account, for the authorizer. Every account has its default bus, so a default
 * bus ARN always answers; the bus's policy is a volatile field, read without the store's monitor.
 */
final class BusResourceAccess {
    private final EventsStores stores;

    BusResourceAccess(EventsStores stores) {
        this.stores = stores;
    }

    ResourceAccess of(String resourceArn) {
        if (resourceArn == null || !resourceArn.startsWith("arn:") || !resourceArn.contains(":event-bus/")) {
            return null;
        }
        Arn arn;
        try {
            arn = Arn.parse(resourceArn);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!arn.service().equals("events") || arn.accountId().isEmpty() || arn.region().isEmpty()) {
            return null;
        }
        Bus bus = stores.get(arn.accountId(), arn.region()).busOrNull(arn.resource().substring("event-bus/".length()));
        return bus == null ? null : new ResourceAccess(bus.account, bus.policy);
    }
}
