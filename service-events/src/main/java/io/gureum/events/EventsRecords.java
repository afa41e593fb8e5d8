package io.gureum.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.patterns.EventPattern;
import io.gureum.core.persist.SdkJson;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.OperationCall;
import io.gureum.events.schedule.ScheduleExpression;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthResponseParameters;
import software.amazon.awssdk.services.eventbridge.model.DeadLetterConfig;
import software.amazon.awssdk.services.eventbridge.model.EndpointEventBus;
import software.amazon.awssdk.services.eventbridge.model.ReplicationConfig;
import software.amazon.awssdk.services.eventbridge.model.RoutingConfig;
import software.amazon.awssdk.services.eventbridge.model.Target;

/**
 * EventBridge's records for {@code --data-dir}: each event bus (description, KMS key, dead-letter queue,
 * resource policy, tags) under its name and each rule (pattern or schedule, state, role, targets, tags)
 * under {@code bus/name}, in the store's account and region. After an operation that may change them the
 * store's buses and rules are compared, under the store's monitor, with the records last written, and
 * only those that differ are journaled. At restore, scheduled rules are armed again from the restart
 * (occurrences that fell while the server was down are not delivered). Archives with their events and
 * replays are kept too ({@link ArchiveRecords}), and connections (their credentials stay in their secrets), API
 * destinations and global endpoints. Each delivery of a matched event to a target is journaled when the event is
 * matched (before PutEvents answers) and forgotten when it is done with; unfinished ones start again after a
 * restart.
 */
final class EventsRecords {
    static final String BUS = "bus";
    static final String RULE = "rule";
    static final String CONNECTION = "connection";
    static final String API_DESTINATION = "api-destination";
    static final String ENDPOINT = "endpoint";
    static final String DELIVERY = "delivery";

    /** A connection; its credentials are in its secret, never here. */
    record ConnectionRecord(String name, String arn, Instant creationTime, String description,
            String authorizationType, String state, String stateReason, String secretArn, String kmsKeyIdentifier,
            String connectivityResource, JsonNode authParameters, Instant lastModifiedTime,
            Instant lastAuthorizedTime) {
    }

    record ApiDestinationRecord(String name, String arn, Instant creationTime, String description,
            String connectionArn, String invocationEndpoint, String httpMethod, Integer invocationRateLimitPerSecond,
            String state, Instant lastModifiedTime) {
    }

    record EndpointRecord(String name, String arn, String endpointId, Instant creationTime, String description,
            JsonNode routingConfig, JsonNode replicationConfig, List<String> eventBusArns, String roleArn,
            String state, Instant lastModifiedTime) {
    }

    /** A matched event not yet delivered to one target: journaled before PutEvents answers. */
    record DeliveryRecord(String ruleAccount, String ruleRegion, String ruleArn, String ruleName, JsonNode target,
            String event, Instant ingested) {
        static String key(String eventId, String ruleArn, String targetId) {
            return eventId + "|" + ruleArn + "|" + targetId;
        }
    }

    record BusRecord(String name, Instant creationTime, String description, String kmsKeyIdentifier,
            JsonNode deadLetterConfig, String policy, Instant lastModifiedTime, Map<String, String> tags) {
    }

    record RuleRecord(String busName, String name, String eventPattern, String schedule, Instant scheduleOrigin,
            String state, String description, String roleArn, String managedBy, List<JsonNode> targets,
            Map<String, String> tags) {
    }

    private final StateStore state;
    private final EventsStores stores;
    /** What each record held when last written, by store and "kind|key". Guarded by the store's monitor. */
    private final Map<EventsStore, Map<String, byte[]>> written = new HashMap<>();

    EventsRecords(StateStore state, EventsStores stores) {
        this.state = state;
        this.stores = stores;
    }

    /** Runs inside the store's monitor (or, for PutEvents, without it: PutEvents changes nothing kept). */
    Object intercept(OperationCall call) throws Exception {
        String op = call.operation();
        if (!state.enabled() || op.equals("PutEvents") || op.startsWith("Describe") || op.startsWith("List")
                || op.startsWith("Test")) {
            return call.proceed();
        }
        try {
            return call.proceed();
        } finally {
            record(stores.current());
        }
    }

    boolean enabled() {
        return state.enabled();
    }

    StateStore state() {
        return state;
    }

    /** Records what differs in one store; the caller holds its monitor. */
    void record(EventsStore store) {
        if (!state.enabled()) {
            return;
        }
        Map<String, byte[]> before = written.computeIfAbsent(store, s -> new HashMap<>());
        Set<String> seen = new HashSet<>();
        each(store, (r, value) -> {
            String id = r.kind() + "|" + r.key();
            seen.add(id);
            if (!Arrays.equals(before.get(id), r.value())) {
                state.put(EventsStores.SERVICE, store.account, store.region, r.kind(), r.key(), value);
                before.put(id, r.value());
            }
        });
        for (var it = before.keySet().iterator(); it.hasNext();) {
            String id = it.next();
            if (!seen.contains(id)) {
                int bar = id.indexOf('|');
                state.delete(EventsStores.SERVICE, store.account, store.region, id.substring(0, bar),
                        id.substring(bar + 1));
                it.remove();
            }
        }
    }

    private static void each(EventsStore store, BiConsumer<StateRecord, Object> sink) {
        for (Bus b : store.buses.values()) {
            BusRecord value = new BusRecord(b.name, b.creationTime, b.description, b.kmsKeyIdentifier,
                    SdkJson.toJson(b.deadLetterConfig), b.policy, b.lastModifiedTime, new LinkedHashMap<>(b.tags));
            sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, BUS, b.name, value), value);
            for (Rule r : b.rules.values()) {
                List<JsonNode> targets = new ArrayList<>();
                r.targets.values().forEach(t -> targets.add(SdkJson.toJson(t)));
                RuleRecord rule = new RuleRecord(r.busName, r.name, r.eventPatternText, r.scheduleText,
                        r.scheduleOrigin, r.state, r.description, r.roleArn, r.managedBy, targets,
                        new LinkedHashMap<>(r.tags));
                sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, RULE,
                        r.busName + "/" + r.name, rule), rule);
            }
        }
        for (Connection c : store.connections.values()) {
            ConnectionRecord value = new ConnectionRecord(c.name, c.arn, c.creationTime, c.description,
                    c.authorizationType, c.state, c.stateReason, c.secretArn, c.kmsKeyIdentifier,
                    c.connectivityResource, SdkJson.toJson(c.authParameters), c.lastModifiedTime,
                    c.lastAuthorizedTime);
            sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, CONNECTION, c.name, value),
                    value);
        }
        for (ApiDestination d : store.apiDestinations.values()) {
            ApiDestinationRecord value = new ApiDestinationRecord(d.name, d.arn, d.creationTime, d.description,
                    d.connectionArn, d.invocationEndpoint, d.httpMethod, d.invocationRateLimitPerSecond, d.state,
                    d.lastModifiedTime);
            sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, API_DESTINATION, d.name,
                    value), value);
        }
        for (Endpoint e : store.endpoints.values()) {
            EndpointRecord value = new EndpointRecord(e.name, e.arn, e.endpointId, e.creationTime, e.description,
                    SdkJson.toJson(e.routingConfig), SdkJson.toJson(e.replicationConfig),
                    e.eventBuses.stream().map(EndpointEventBus::eventBusArn).toList(), e.roleArn, e.state,
                    e.lastModifiedTime);
            sink.accept(StateRecord.of(EventsStores.SERVICE, store.account, store.region, ENDPOINT, e.name, value),
                    value);
        }
        ArchiveRecords.each(store, sink);
    }

    /** Journals a delivery about to start (the caller holds the store's monitor). */
    void deliveryStarted(EventsStore store, String key, DeliveryRecord record) {
        if (!state.enabled()) {
            return;
        }
        store.pending.put(key, record);
        state.put(EventsStores.SERVICE, store.account, store.region, DELIVERY, key, record);
    }

    /** Forgets a delivery that is done with (delivered, dead-lettered or dropped). */
    void deliveryFinished(EventsStore store, String key) {
        synchronized (store) {
            if (store.pending.remove(key) != null) {
                state.delete(EventsStores.SERVICE, store.account, store.region, DELIVERY, key);
            }
        }
    }

    /** Every bus and rule, for a snapshot, each store under its monitor. */
    void capture(Consumer<StateRecord> sink) {
        stores.forEach(store -> {
            synchronized (store) {
                each(store, (r, value) -> sink.accept(r));
                ArchiveRecords.captureEvents(store, sink);
                store.pending.forEach((key, d) -> sink.accept(StateRecord.of(EventsStores.SERVICE, store.account,
                        store.region, DELIVERY, key, d)));
            }
        });
    }

    /**
     * Rebuilds buses and rules (tags back in the registry), arms scheduled rules again, rebuilds archives and
     * replays; returns the replays that were unfinished when the server stopped.
     */
    List<Map.Entry<EventsStore, io.gureum.events.archive.Replay>> restore(List<StateRecord> records,
            Schedules schedules) {
        var unfinished = ArchiveRecords.restore(records, stores, stores.now());
        for (StateRecord r : records) {
            if (!r.kind().equals(BUS)) {
                continue;
            }
            BusRecord s = r.value(BusRecord.class);
            EventsStore store = stores.get(r.account(), r.region());
            synchronized (store) {
                Bus bus = store.buses.get(s.name());
                if (bus == null) {
                    bus = new Bus(r.account(), r.region(), s.name(), s.creationTime());
                    bus.tags.putAll(s.tags());
                    stores.register(bus);
                    store.buses.put(bus.name, bus);
                } else {
                    bus.tags.putAll(s.tags());
                }
                bus.description = s.description();
                bus.kmsKeyIdentifier = s.kmsKeyIdentifier();
                bus.deadLetterConfig = SdkJson.fromJson(s.deadLetterConfig(), DeadLetterConfig.class);
                bus.policy = s.policy();
                bus.lastModifiedTime = s.lastModifiedTime();
            }
        }
        List<Rule> restored = new ArrayList<>();
        for (StateRecord r : records) {
            if (!r.kind().equals(RULE)) {
                continue;
            }
            RuleRecord s = r.value(RuleRecord.class);
            EventsStore store = stores.get(r.account(), r.region());
            synchronized (store) {
                Bus bus = store.buses.get(s.busName());
                if (bus == null) {
                    continue;
                }
                Rule rule = new Rule(r.account(), r.region(), s.busName(), s.name());
                rule.tags.putAll(s.tags());
                rule.eventPatternText = s.eventPattern();
                rule.eventPattern = s.eventPattern() == null ? null : EventPattern.parse(s.eventPattern());
                rule.scheduleText = s.schedule();
                rule.schedule = s.schedule() == null ? null : ScheduleExpression.parse(s.schedule());
                rule.scheduleOrigin = s.scheduleOrigin();
                rule.state = s.state();
                rule.description = s.description();
                rule.roleArn = s.roleArn();
                rule.managedBy = s.managedBy();
                Map<String, Target> targets = new LinkedHashMap<>();
                s.targets().forEach(t -> {
                    Target target = SdkJson.fromJson(t, Target.class);
                    targets.put(target.id(), target);
                });
                rule.targets = targets;
                stores.register(rule);
                bus.rules.put(rule.name, rule);
                restored.add(rule);
            }
        }
        restored.forEach(schedules::arm);
        for (StateRecord r : records) {
            EventsStore store = stores.get(r.account(), r.region());
            synchronized (store) {
                switch (r.kind()) {
                    case CONNECTION -> {
                        ConnectionRecord s = r.value(ConnectionRecord.class);
                        Connection c = new Connection(s.name(), s.arn(), s.creationTime());
                        c.description = s.description();
                        c.authorizationType = s.authorizationType();
                        c.state = s.state();
                        c.stateReason = s.stateReason();
                        c.secretArn = s.secretArn();
                        c.kmsKeyIdentifier = s.kmsKeyIdentifier();
                        c.connectivityResource = s.connectivityResource();
                        c.authParameters = SdkJson.fromJson(s.authParameters(), ConnectionAuthResponseParameters.class);
                        c.lastModifiedTime = s.lastModifiedTime();
                        c.lastAuthorizedTime = s.lastAuthorizedTime();
                        store.connections.put(c.name, c);
                    }
                    case API_DESTINATION -> {
                        ApiDestinationRecord s = r.value(ApiDestinationRecord.class);
                        ApiDestination d = new ApiDestination(s.name(), s.arn(), s.creationTime());
                        d.description = s.description();
                        d.connectionArn = s.connectionArn();
                        d.invocationEndpoint = s.invocationEndpoint();
                        d.httpMethod = s.httpMethod();
                        d.invocationRateLimitPerSecond = s.invocationRateLimitPerSecond();
                        d.state = s.state();
                        d.lastModifiedTime = s.lastModifiedTime();
                        store.apiDestinations.put(d.name, d);
                    }
                    case ENDPOINT -> {
                        EndpointRecord s = r.value(EndpointRecord.class);
                        Endpoint e = new Endpoint(s.name(), s.arn(), s.endpointId(), s.creationTime());
                        e.description = s.description();
                        e.routingConfig = SdkJson.fromJson(s.routingConfig(), RoutingConfig.class);
                        e.replicationConfig = SdkJson.fromJson(s.replicationConfig(), ReplicationConfig.class);
                        e.eventBuses = s.eventBusArns().stream()
                                .map(a -> EndpointEventBus.builder().eventBusArn(a).build()).toList();
                        e.roleArn = s.roleArn();
                        e.state = s.state();
                        e.lastModifiedTime = s.lastModifiedTime();
                        store.endpoints.put(e.name, e);
                    }
                    case DELIVERY -> store.pending.put(r.key(), r.value(DeliveryRecord.class));
                    default -> {
                    }
                }
            }
        }
        stores.forEach(store -> {
            synchronized (store) {
                Map<String, byte[]> before = written.computeIfAbsent(store, s -> new HashMap<>());
                each(store, (r, value) -> before.put(r.kind() + "|" + r.key(), r.value()));
            }
        });
        return unfinished;
    }
}
