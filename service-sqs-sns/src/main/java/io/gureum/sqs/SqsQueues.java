package io.gureum.sqs;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every queue, per account and region, plus the names deleted in the last 60 seconds; finds a request's queue. */
final class SqsQueues {
    static final class Region {
        final Map<String, Queue> byName = new ConcurrentHashMap<>();
        final Map<String, Long> deletedAt = new ConcurrentHashMap<>();
    }

    private final AccountRegionStore<Region> store = new AccountRegionStore<>((a, r) -> new Region());
    private final SqsRecords records;

    SqsQueues(SqsRecords records) {
        this.records = records;
    }

    SqsRecords records() {
        return records;
    }

    Region region(String account, String region) {
        return store.get(account, region);
    }

    Queue get(String account, String region, String name) {
        return store.get(account, region).byName.get(name);
    }

    /**
     * The queue a request names: its QueueUrl, or for query-protocol clients that post to the queue URL
     * itself and send no QueueUrl, the request path.
     */
    Queue resolve(String queueUrl) {
        RequestContext ctx = RequestContext.current();
        QueueUrls.Parsed p;
        if (queueUrl == null || queueUrl.isEmpty()) {
            String path = ctx.httpRequest() == null ? "/" : ctx.httpRequest().rawPath();
            p = QueueUrls.parsePath(ctx.host(), path);
            if (p == null) {
                throw SqsErrors.missingParameter("QueueUrl");
            }
        } else {
            p = QueueUrls.parse(queueUrl);
        }
        if (p == null) {
            throw SqsErrors.nonExistentQueue();
        }
        Queue q = get(p.account(), p.region() != null ? p.region() : ctx.region(), p.name());
        if (q == null || q.deleted()) {
            throw SqsErrors.nonExistentQueue();
        }
        return q;
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
