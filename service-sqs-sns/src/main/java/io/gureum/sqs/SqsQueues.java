package io.gureum.sqs;

import io.gureum.core.ids.Arn;
import io.gureum.core.state.AccountRegionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every queue, per account and region, plus the names deleted in the last 60 seconds. */
final class SqsQueues {
    static final class Region {
        final Map<String, Queue> byName = new ConcurrentHashMap<>();
        final Map<String, Long> deletedAt = new ConcurrentHashMap<>();
    }

    private final AccountRegionStore<Region> store = new AccountRegionStore<>((a, r) -> new Region());

    Region region(String account, String region) {
        return store.get(account, region);
    }

    Queue get(String account, String region, String name) {
        return store.get(account, region).byName.get(name);
    }

    /** The queue with this ARN, or null. */
    Queue byArn(String arn) {
        try {
            Arn a = Arn.parse(arn);
            if (!a.service().equals("sqs")) {
                return null;
            }
            return get(a.accountId(), a.region(), a.resource());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    List<Queue> all() {
        List<Queue> out = new ArrayList<>();
        store.forEach((k, r) -> out.addAll(r.byName.values()));
        return out;
    }
}
