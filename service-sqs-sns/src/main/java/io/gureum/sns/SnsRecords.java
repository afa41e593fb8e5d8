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
 * waits for a record that contains it. The region's mobile push and SMS state (platform applications and
 * endpoints, SMS attributes, opted-out and sandbox numbers) is one more record, read and recorded under that
 * state's monitor. FIFO topics' deduplication entries and archived messages are journaled by the publisher.
 */
final class SnsRecords implements OperationInterceptor {
    static final String SERVICE = "sns";
    static final String TOPIC = "topic";
    static final String SUBSCRIPTION = "subscription";
    static final String PLATFORM = "platform";
    static final String ARCHIVED = "archived";
    /** A FIFO topic's deduplication entry: {@code topicName/deduplicationId}, journaled by the publisher. */
    static final String DEDUP = "dedup";
    private static final String PLATFORM_KEY = "state";

    /** {@code archiveStartedAt}: when the topic's archive began (0 or null when it has none). */
    record TopicState(String name, boolean fifo, Map<String, String> attributes, Map<String, String> tags,
            Long archiveStartedAt) {
    }

    /** An archived message's key: the topic's name and the message's sequence number (ordered as published). */
    static String archivedKey(Topic t, MessageArchive.Archived a) {
        return t.name + "/" + a.message().sequenceNumber();
    }

    record SubscriptionState(String arn, String topicArn, String protocol, String endpoint, String owner, String token,
            boolean confirmed, Map<String, String> attributes) {
    }

    record PlatformState(Map<String, Map<String, String>> applications, Map<String, Map<String, String>> endpoints,
            Map<String, String> endpointApplication, Set<String> optedOut, Map<String, String> smsAttributes,
            Map<String, String> sandboxNumbers) {
        static PlatformState of(PlatformStore.State s) {
            Map<String, Map<String, String>> applications = new LinkedHashMap<>();
            s.applications.forEach((k, v) -> applications.put(k, new LinkedHashMap<>(v)));
            Map<String, Map<String, String>> endpoints = new LinkedHashMap<>();
            s.endpoints.forEach((k, v) -> endpoints.put(k, new LinkedHashMap<>(v)));
            return new PlatformState(applications, endpoints, new LinkedHashMap<>(s.endpointApplication),
                    new HashSet<>(s.optedOut), new LinkedHashMap<>(s.smsAttributes), new LinkedHashMap<>(s.sandboxNumbers));
        }

        boolean empty() {
            return applications.isEmpty() && endpoints.isEmpty() && optedOut.isEmpty() && smsAttributes.isEmpty()
                    && sandboxNumbers.isEmpty();
        }

        void into(PlatformStore.State s) {
            applications.forEach((k, v) -> s.applications.put(k, new java.util.concurrent.ConcurrentHashMap<>(v)));
            endpoints.forEach((k, v) -> s.endpoints.put(k, new java.util.concurrent.ConcurrentHashMap<>(v)));
            s.endpointApplication.putAll(endpointApplication);
            s.optedOut.addAll(optedOut);
            s.smsAttributes.putAll(smsAttributes);
            s.sandboxNumbers.putAll(sandboxNumbers);
        }
    }

    private static final Set<String> CHANGES_NOTHING_KEPT = Set.of("Publish", "PublishBatch");

    private final ServiceContext context;
    private final StateStore state;
    private final SnsStore store;
    private final PlatformStore platforms;
    /** What each region's last recording held, to delete the records of what is gone. */
    private final Map<SnsStore.Region, Set<String>> recorded = new HashMap<>();

    SnsRecords(ServiceContext context, SnsStore store, PlatformStore platforms) {
        this.platforms = platforms;
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
            PlatformStore.State platform = platforms.state(account, region);
            synchronized (platform) {
                PlatformState p = PlatformState.of(platform);
                if (!p.empty()) {
                    state.put(SERVICE, account, region, PLATFORM, PLATFORM_KEY, p);
                    now.add(PLATFORM + ":" + PLATFORM_KEY);
                }
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
        return new TopicState(t.name, t.fifo, t.attributes(), new LinkedHashMap<>(context.registry().tags(t.arn)),
                t.archive.startedAt());
    }

    private static SubscriptionState subscriptionState(Subscription s) {
        return new SubscriptionState(s.arn, s.topicArn, s.protocol, s.endpoint, s.owner, s.token, s.confirmed,
                s.attributes());
    }

    void capture(Consumer<StateRecord> sink) {
        store.forEach((account, region, scope) -> {
            synchronized (scope) {
                PlatformStore.State platform = platforms.state(account, region);
                synchronized (platform) {
                    PlatformState p = PlatformState.of(platform);
                    if (!p.empty()) {
                        sink.accept(StateRecord.of(SERVICE, account, region, PLATFORM, PLATFORM_KEY, p));
                    }
                }
                long now = context.clock().now().toEpochMilli();
                scope.topics.values().forEach(t -> {
                    sink.accept(StateRecord.of(SERVICE, account, region, TOPIC, t.name, topicState(t)));
                    t.archive.kept(now).forEach(a -> sink.accept(StateRecord.of(SERVICE, account, region, ARCHIVED,
                            archivedKey(t, a), a)));
                    t.deduplications(now).forEach(d -> sink.accept(StateRecord.of(SERVICE, account, region, DEDUP,
                            t.name + "/" + d.deduplicationId(), d)));
                });
                scope.subscriptions.values().forEach(s -> sink.accept(StateRecord.of(SERVICE, account, region,
                        SUBSCRIPTION, s.arn, subscriptionState(s))));
            }
        });
    }

    /** Each archiving topic's messages, in sequence order; those of topics gone or past retention are dropped. */
    private void restoreArchives(List<StateRecord> records, long now) {
        Map<String, Long> started = new HashMap<>();
        Map<String, List<StateRecord>> byTopic = new LinkedHashMap<>();
        for (StateRecord r : records) {
            String topicArn;
            if (r.kind().equals(TOPIC)) {
                TopicState s = r.value(TopicState.class);
                topicArn = Arn.of("sns", r.region(), r.account(), s.name()).toString();
                if (s.archiveStartedAt() != null && s.archiveStartedAt() > 0) {
                    started.put(topicArn, s.archiveStartedAt());
                }
            } else if (r.kind().equals(ARCHIVED)) {
                topicArn = Arn.of("sns", r.region(), r.account(), r.key().substring(0, r.key().indexOf('/'))).toString();
                byTopic.computeIfAbsent(topicArn, k -> new java.util.ArrayList<>()).add(r);
            }
        }
        started.forEach((arn, at) -> {
            Topic t = store.topic(arn);
            if (t == null) {
                return;
            }
            List<StateRecord> kept = byTopic.getOrDefault(arn, List.of());
            kept.sort(java.util.Comparator.comparing(StateRecord::key));
            List<MessageArchive.Archived> archived = new java.util.ArrayList<>();
            kept.forEach(r -> archived.add(r.value(MessageArchive.Archived.class)));
            t.archive.restore(at, archived, now);
            if (!archived.isEmpty()) {
                t.continueAfter(archived.get(archived.size() - 1).message().sequenceNumber());
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
        restoreArchives(records, now);
        for (StateRecord r : records) {
            if (r.kind().equals(DEDUP)) {
                Topic t = store.topic(Arn.of("sns", r.region(), r.account(), r.key().substring(0, r.key().indexOf('/')))
                        .toString());
                if (t != null) {
                    t.restore(r.value(Topic.Dedup.class), now);
                } else {
                    state.delete(SERVICE, r.account(), r.region(), DEDUP, r.key()); // see the subscriptions below
                }
            }
        }
        for (StateRecord r : records) {
            if (r.kind().equals(PLATFORM)) {
                r.value(PlatformState.class).into(platforms.state(r.account(), r.region()));
                store.region(r.account(), r.region()); // so the region is recorded again below
            }
        }
        for (StateRecord r : records) {
            if (r.kind().equals(SUBSCRIPTION)) {
                SubscriptionState s = r.value(SubscriptionState.class);
                Topic t = store.topic(s.topicArn());
                if (t == null) {
                    // A DeleteTopic's records cut by a crash between the topic's removal and its subscriptions':
                    // removed now, or a topic created later under the name (the same ARN) would get them back.
                    state.delete(SERVICE, r.account(), r.region(), SUBSCRIPTION, r.key());
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
