package io.gureum.sns;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * SNS's records for {@code --data-dir}: each topic (attributes, which hold its policy, and tags) under its
 * name and each subscription (endpoint, confirmation, attributes such as the filter policy) under its
 * ARN. After every operation that may change topics or subscriptions, the caller's region is recorded
 * again as it is now, under the region's monitor (topics are few; publishing records nothing). Every
 * such operation records, even when another request's record already holds its change, so its answer
 * waits for a record that contains it. Not kept: platform applications and endpoints, SMS settings,
 * FIFO topics' deduplication window.
 */
final class SnsRecords implements OperationInterceptor {
    static final String SERVICE = "sns";
    static final String TOPIC = "topic";
    static final String SUBSCRIPTION = "subscription";

    record TopicState(String name, boolean fifo, Map<String, String> attributes, Map<String, String> tags) {
    }

    record SubscriptionState(String arn, String topicArn, String protocol, String endpoint, String owner, String token,
            boolean confirmed, Map<String, String> attributes) {
    }

    private static final Set<String> CHANGES_NOTHING_KEPT = Set.of("Publish", "PublishBatch");

    private final ServiceContext context;
    private final StateStore state;
    private final SnsStore store;
    /** What each region's last recording held, to delete the records of what is gone. */
    private final Map<SnsStore.Region, Set<String>> recorded = new HashMap<>();

    SnsRecords(ServiceContext context, SnsStore store) {
        this.context = context;
        this.state = context.state();
        this.store = store;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        String op = call.operation();
        if (!state.enabled() || op.startsWith("Get") || op.startsWith("List") || op.startsWith("Check")
                || CHANGES_NOTHING_KEPT.contains(op)) {
            return call.proceed();
        }
        try {
            return call.proceed();
        } finally {
            RequestContext ctx = RequestContext.current();
            record(ctx.accountId(), ctx.region());
        }
    }

    private void record(String account, String region) {
        SnsStore.Region scope = store.region(account, region);
        synchronized (scope) {
            Set<String> now = new HashSet<>();
            for (Topic t : scope.topics.values()) {
                state.put(SERVICE, account, region, TOPIC, t.name, topicState(t));
                now.add(TOPIC + ":" + t.name);
            }
            for (Subscription s : scope.subscriptions.values()) {
                state.put(SERVICE, account, region, SUBSCRIPTION, s.arn, subscriptionState(s));
                now.add(SUBSCRIPTION + ":" + s.arn);
            }
            Set<String> before;
            synchronized (recorded) {
                before = recorded.put(scope, now);
            }
            if (before != null) {
                for (String gone : before) {
                    if (!now.contains(gone)) {
                        int colon = gone.indexOf(':');
                        state.delete(SERVICE, account, region, gone.substring(0, colon), gone.substring(colon + 1));
                    }
                }
            }
        }
    }

    private TopicState topicState(Topic t) {
        return new TopicState(t.name, t.fifo, t.attributes(), new LinkedHashMap<>(context.registry().tags(t.arn)));
    }

    private static SubscriptionState subscriptionState(Subscription s) {
        return new SubscriptionState(s.arn, s.topicArn, s.protocol, s.endpoint, s.owner, s.token, s.confirmed,
                s.attributes());
    }

    void capture(Consumer<StateRecord> sink) {
        store.forEach((account, region, scope) -> {
            synchronized (scope) {
                scope.topics.values().forEach(t -> sink.accept(StateRecord.of(SERVICE, account, region, TOPIC, t.name,
                        topicState(t))));
                scope.subscriptions.values().forEach(s -> sink.accept(StateRecord.of(SERVICE, account, region,
                        SUBSCRIPTION, s.arn, subscriptionState(s))));
            }
        });
    }

    void restore(List<StateRecord> records) {
        long now = context.clock().now().toEpochMilli();
        for (StateRecord r : records) {
            if (r.kind().equals(TOPIC)) {
                TopicState s = r.value(TopicState.class);
                Arn arn = Arn.of("sns", r.region(), r.account(), s.name());
                Topic t = new Topic(arn, s.name(), s.fifo(), s.attributes(), now);
                context.registry().register(r.account(), r.region(), "sns", s.name(), arn,
                        s.tags() == null ? Map.of() : s.tags());
                store.region(r.account(), r.region()).topics.put(t.arnText, t);
            }
        }
        for (StateRecord r : records) {
            if (r.kind().equals(SUBSCRIPTION)) {
                SubscriptionState s = r.value(SubscriptionState.class);
                Topic t = store.topic(s.topicArn());
                if (t == null) {
                    continue;
                }
                Subscription sub = new Subscription(s.arn(), s.topicArn(), s.protocol(), s.endpoint(), s.owner(),
                        s.token(), s.confirmed());
                s.attributes().forEach(sub::setAttribute);
                t.subscriptions.add(sub);
                store.region(r.account(), r.region()).subscriptions.put(sub.arn, sub);
            }
        }
        store.forEach((account, region, scope) -> record(account, region));
    }
}
