package io.gureum.elb;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * ELB's state: per account and region the load balancers, target groups, listeners, rules and trust stores, by ARN in
 * creation order. One lock guards all of it; it is never held across an in-process call to another service
 * (EC2 may call this API while it holds its own lock), so providers check other services first and then
 * change the state under {@link #locked}.
 */
final class ElbState {
    final ReentrantLock lock = new ReentrantLock();
    final ServiceContext context;
    private final AccountRegionStore<Place> places;
    /** Told, under the lock, after each change: the records journal what changed. */
    java.util.function.Consumer<Place> changed = p -> {
    };

    /** One account and region. */
    static final class Place {
        final String account;
        final String region;
        final Map<String, StoredLoadBalancer> loadBalancers = new LinkedHashMap<>();
        final Map<String, StoredTargetGroup> targetGroups = new LinkedHashMap<>();
        final Map<String, StoredListener> listeners = new LinkedHashMap<>();
        final Map<String, StoredRule> rules = new LinkedHashMap<>();
        final Map<String, StoredTrustStore> trustStores = new LinkedHashMap<>();

        Place(String account, String region) {
            this.account = account;
            this.region = region;
        }
    }

    ElbState(ServiceContext context) {
        this.context = context;
        this.places = new AccountRegionStore<>(Place::new);
    }

    Place place(String account, String region) {
        return places.get(account, region);
    }

    void forEachPlace(java.util.function.Consumer<Place> action) {
        places.forEach((key, place) -> action.accept(place));
    }

    /** Reads the caller's place under the lock. */
    <T> T read(java.util.function.Function<Place, T> body) {
        RequestContext ctx = RequestContext.current();
        lock.lock();
        try {
            return body.apply(place(ctx.accountId(), ctx.region()));
        } finally {
            lock.unlock();
        }
    }

    /** Changes the caller's place under the lock, then journals what changed (even when the body throws). */
    <T> T write(java.util.function.Function<Place, T> body) {
        RequestContext ctx = RequestContext.current();
        lock.lock();
        Place p = place(ctx.accountId(), ctx.region());
        try {
            return body.apply(p);
        } finally {
            try {
                changed.accept(p);
            } finally {
                lock.unlock();
            }
        }
    }
}
