package io.gureum.sns;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.AccountRegionStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Topics and subscriptions per account and region, found by ARN. */
final class SnsStore {
    static final class Region {
        final Map<String, Topic> topics = new ConcurrentHashMap<>();
        final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    }

    private final AccountRegionStore<Region> store = new AccountRegionStore<>((a, r) -> new Region());

    Region region(String account, String region) {
        return store.get(account, region);
    }

    /** What to do with each region's topics and subscriptions. */
    interface RegionVisitor {
        void visit(String account, String region, Region scope);
    }

    void forEach(RegionVisitor visitor) {
        store.forEach((k, r) -> visitor.visit(k.account(), k.region(), r));
    }

    Topic topic(String arn) {
        Arn a = parse(arn);
        return a == null || !a.service().equals("sns") ? null : region(a.accountId(), a.region()).topics.get(arn);
    }

    Subscription subscription(String arn) {
        Arn a = parse(arn);
        return a == null || !a.service().equals("sns") ? null : region(a.accountId(), a.region()).subscriptions.get(arn);
    }

    static Arn parse(String arn) {
        if (arn == null) {
            return null;
        }
        try {
            return Arn.parse(arn);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
