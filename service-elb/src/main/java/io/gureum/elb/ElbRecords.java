package io.gureum.elb;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.ServiceContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ELB's records for {@code --data-dir} (ADR 0013): one per load balancer, target group, listener, rule and trust store,
 * keyed by ARN, each with its tags. After every change (under the state's lock) the place's resources are
 * written as JSON and compared with what was last recorded; only those that differ are put, and those gone
 * are deleted.
 */
final class ElbRecords {
    static final String SERVICE = "elbv2";
    static final String LB = "loadbalancer";
    static final String TG = "targetgroup";
    static final String LISTENER = "listener";
    static final String RULE = "rule";
    static final String TRUST_STORE = "truststore";

    record LbRecord(StoredLoadBalancer value, Map<String, String> tags) {
    }

    record TgRecord(StoredTargetGroup value, Map<String, String> tags) {
    }

    record ListenerRecord(StoredListener value, Map<String, String> tags) {
    }

    record RuleRecord(StoredRule value, Map<String, String> tags) {
    }

    record TrustStoreRecord(StoredTrustStore value, Map<String, String> tags) {
    }

    private final ServiceContext context;
    private final StateStore store;
    private final ElbState state;
    private final Map<ElbState.Place, Map<String, byte[]>> written = new HashMap<>();

    ElbRecords(ServiceContext context, ElbState state) {
        this.context = context;
        this.store = context.state();
        this.state = state;
    }

    /** Records what changed in one place. Holds the state's lock. */
    void record(ElbState.Place place) {
        if (!store.enabled()) {
            return;
        }
        Map<String, byte[]> before = written.computeIfAbsent(place, p -> new HashMap<>());
        Set<String> seen = new HashSet<>();
        each(place, r -> {
            String id = r.kind() + "|" + r.key();
            seen.add(id);
            if (!Arrays.equals(r.value(), before.get(id))) {
                store.putRecord(r);
                before.put(id, r.value());
            }
        });
        for (var it = before.keySet().iterator(); it.hasNext();) {
            String id = it.next();
            if (!seen.contains(id)) {
                int bar = id.indexOf('|');
                store.delete(SERVICE, place.account, place.region, id.substring(0, bar), id.substring(bar + 1));
                it.remove();
            }
        }
    }

    private void each(ElbState.Place p, Consumer<StateRecord> sink) {
        p.loadBalancers.values().forEach(v -> sink.accept(StateRecord.of(SERVICE, p.account, p.region, LB, v.arn,
                new LbRecord(v, tags(v.arn)))));
        p.targetGroups.values().forEach(v -> sink.accept(StateRecord.of(SERVICE, p.account, p.region, TG, v.arn,
                new TgRecord(v, tags(v.arn)))));
        p.listeners.values().forEach(v -> sink.accept(StateRecord.of(SERVICE, p.account, p.region, LISTENER, v.arn,
                new ListenerRecord(v, tags(v.arn)))));
        p.rules.values().forEach(v -> sink.accept(StateRecord.of(SERVICE, p.account, p.region, RULE, v.arn,
                new RuleRecord(v, tags(v.arn)))));
        p.trustStores.values().forEach(v -> sink.accept(StateRecord.of(SERVICE, p.account, p.region, TRUST_STORE,
                v.arn, new TrustStoreRecord(v, tags(v.arn)))));
    }

    private Map<String, String> tags(String arn) {
        return Map.copyOf(context.registry().tags(Arn.parse(arn)));
    }

    void capture(Consumer<StateRecord> sink) {
        state.lock.lock();
        try {
            state.forEachPlace(p -> each(p, sink));
        } finally {
            state.lock.unlock();
        }
    }

    void restore(List<StateRecord> records) {
        state.lock.lock();
        try {
            for (StateRecord r : records) {
                ElbState.Place p = state.place(r.account(), r.region());
                switch (r.kind()) {
                    case LB -> {
                        LbRecord v = r.value(LbRecord.class);
                        p.loadBalancers.put(v.value().arn, v.value());
                        ElbTags.register(context.registry(), p, v.value().arn, v.tags());
                    }
                    case TG -> {
                        TgRecord v = r.value(TgRecord.class);
                        p.targetGroups.put(v.value().arn, v.value());
                        ElbTags.register(context.registry(), p, v.value().arn, v.tags());
                    }
                    case LISTENER -> {
                        ListenerRecord v = r.value(ListenerRecord.class);
                        p.listeners.put(v.value().arn, v.value());
                        ElbTags.register(context.registry(), p, v.value().arn, v.tags());
                    }
                    case RULE -> {
                        RuleRecord v = r.value(RuleRecord.class);
                        p.rules.put(v.value().arn, v.value());
                        ElbTags.register(context.registry(), p, v.value().arn, v.tags());
                    }
                    case TRUST_STORE -> {
                        TrustStoreRecord v = r.value(TrustStoreRecord.class);
                        p.trustStores.put(v.value().arn, v.value());
                        ElbTags.register(context.registry(), p, v.value().arn, v.tags());
                    }
                    default -> {
                    }
                }
            }
            state.forEachPlace(p -> {
                Map<String, byte[]> before = new HashMap<>();
                each(p, rec -> before.put(rec.kind() + "|" + rec.key(), rec.value()));
                written.put(p, before);
            });
        } finally {
            state.lock.unlock();
        }
    }
}
