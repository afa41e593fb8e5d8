package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import io.gureum.core.state.RegisteredResource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Lambda's records for {@code --data-dir} (docs/adr/0013-state-that-survives.md): one per function (with its
 * versions, aliases, policies, concurrency, invoke configs, URLs and tags), layer, event source mapping and code
 * signing config, keyed by name, UUID or ARN in the resource's account and region; and one per acknowledged
 * asynchronous invocation not yet finished.
 *
 * <p>Lambda's operations lock per function (or layer, or mapping), not per module. After an operation that may
 * change something, the resources are read again, each under its own lock, while this class's recording lock is
 * held; those whose record differs from the last one written are recorded, those gone deleted. Whichever of two
 * racing operations records last therefore reads the newest state. An operation that finds its change already
 * recorded by another one waits until that record is on the disk before it answers.
 */
final class LambdaRecords {
    static final String SERVICE = "lambda";
    static final String FUNCTION = "function";
    static final String LAYER = "layer";
    static final String MAPPING = "event-source-mapping";
    static final String SIGNING = "code-signing-config";
    static final String CAPACITY = "capacity-provider";
    static final String EVENT = "async-event";
    static final String DURABLE = "durable-execution";

    private static final Set<String> READS = Set.of("Invoke", "InvokeAsync", "InvokeWithResponseStream");

    private final StateStore state;
    private final ServiceContext context;
    private final AccountRegionStore<LambdaStore> stores;
    private final Object lock = new Object();
    /** What each record held when last written, by "account|region|kind|key". Guarded by {@link #lock}. */
    private final Map<String, byte[]> written = new HashMap<>();
    /** Acknowledged asynchronous invocations not yet finished, by "account|region|requestId". */
    private final Map<String, AsyncEventRecord> events = new ConcurrentHashMap<>();

    LambdaRecords(ServiceContext context, AccountRegionStore<LambdaStore> stores) {
        this.state = context.state();
        this.context = context;
        this.stores = stores;
    }

    boolean enabled() {
        return state.enabled();
    }

    /** Records what an operation changed once it has run (also when it failed: it may have changed something first). */
    Object intercept(OperationCall call) throws Exception {
        String op = call.operation();
        if (!state.enabled() || READS.contains(op) || op.startsWith("Get") || op.startsWith("List")) {
            return call.proceed();
        }
        try {
            return call.proceed();
        } finally {
            recordChanges(true);
        }
    }

    /** What a poller changed (a mapping's position), with no client waiting. */
    void recordPollerChanges() {
        if (state.enabled()) {
            recordChanges(false);
        }
    }

    /**
     * Writes what differs from the last records and deletes the records of what is gone.
     *
     * @param forRequest a request waits for its change: when another thread recorded it, until that record is durable
     */
    private void recordChanges(boolean forRequest) {
        boolean wrote = false;
        synchronized (lock) {
            Map<String, StateRecord> now = new LinkedHashMap<>();
            Map<String, Object> values = new HashMap<>();
            each((r, value) -> {
                now.put(name(r), r);
                values.put(name(r), value);
            });
            for (Map.Entry<String, StateRecord> e : now.entrySet()) {
                StateRecord r = e.getValue();
                byte[] before = written.get(e.getKey());
                if (before == null || !Arrays.equals(before, r.value())) {
                    state.put(SERVICE, r.account(), r.region(), r.kind(), r.key(), values.get(e.getKey()));
                    written.put(e.getKey(), r.value());
                    wrote = true;
                }
            }
            for (var it = written.keySet().iterator(); it.hasNext();) {
                String gone = it.next();
                if (!now.containsKey(gone)) {
                    String[] p = gone.split("\\|", 4);
                    state.delete(SERVICE, p[0], p[1], p[2], p[3]);
                    it.remove();
                    wrote = true;
                }
            }
        }
        if (!wrote && forRequest) {
            // Another operation recorded this one's change (or there was none): answer once that record is durable.
            state.durableNow().join();
        }
    }

    /** An asynchronous invocation is acknowledged, or will be tried again: journaled before Invoke answers 202. */
    void eventQueued(LambdaFunction f, AsyncEventRecord event) {
        if (state.enabled()) {
            synchronized (lock) {
                events.put(f.account + "|" + f.region + "|" + event.requestId(), event);
                state.put(SERVICE, f.account, f.region, EVENT, event.requestId(), event);
            }
        }
    }

    /** An asynchronous invocation has succeeded, failed for good, or lost its function. */
    void eventFinished(LambdaFunction f, String requestId) {
        if (state.enabled()) {
            synchronized (lock) {
                if (events.remove(f.account + "|" + f.region + "|" + requestId) != null) {
                    state.delete(SERVICE, f.account, f.region, EVENT, requestId);
                }
            }
        }
    }

    /** Every live record, for a snapshot. */
    void capture(Consumer<StateRecord> sink) {
        synchronized (lock) {
            each((r, value) -> sink.accept(r));
            events.forEach((k, e) -> {
                String[] p = k.split("\\|", 3);
                sink.accept(StateRecord.of(SERVICE, p[0], p[1], EVENT, e.requestId(), e));
            });
        }
    }

    /** After a restore: what the records hold is what was last written. */
    void restored(Map<String, AsyncEventRecord> pending) {
        synchronized (lock) {
            each((r, value) -> written.put(name(r), r.value()));
            events.putAll(pending);
        }
    }

    private static String name(StateRecord r) {
        return r.account() + "|" + r.region() + "|" + r.kind() + "|" + r.key();
    }

    private Map<String, String> tags(String arn) {
        return context.registry().byArn(Arn.parse(arn)).map(RegisteredResource::tags).orElse(Map.of());
    }

    /** Every resource as a record, each read under its own lock. */
    private void each(BiConsumer<StateRecord, Object> sink) {
        stores.forEach((place, store) -> {
            for (LambdaFunction f : store.functions.values()) {
                Map<String, String> tags = tags(f.arn);
                FunctionRecord value;
                StateRecord r;
                synchronized (f) {
                    if (f.deleted) {
                        continue;
                    }
                    value = FunctionRecord.of(f, tags);
                    r = StateRecord.of(SERVICE, store.account, store.region, FUNCTION, f.name, value);
                }
                sink.accept(r, value);
            }
            for (Layer layer : store.layers.values()) {
                LayerRecord value;
                StateRecord r;
                synchronized (layer) {
                    value = LayerRecord.of(layer);
                    r = StateRecord.of(SERVICE, store.account, store.region, LAYER, layer.name, value);
                }
                sink.accept(r, value);
            }
            for (EventSourceMapping m : store.mappings.values()) {
                Map<String, String> tags = tags(m.arn);
                MappingRecord value;
                StateRecord r;
                synchronized (m) {
                    if (m.deleted) {
                        continue;
                    }
                    value = MappingRecord.of(m, tags);
                    r = StateRecord.of(SERVICE, store.account, store.region, MAPPING, m.uuid, value);
                }
                sink.accept(r, value);
            }
            store.codeSigningConfigs.forEach((arn, c) -> {
                SigningConfigRecord value = SigningConfigRecord.of(c, tags(arn));
                sink.accept(StateRecord.of(SERVICE, store.account, store.region, SIGNING, arn, value), value);
            });
            for (DurableExecution e : store.durableExecutions.values()) {
                DurableExecutionRecord value;
                StateRecord r;
                synchronized (e) {
                    value = DurableExecutionRecord.of(e);
                    r = StateRecord.of(SERVICE, store.account, store.region, DURABLE, e.arn, value);
                }
                sink.accept(r, value);
            }
            store.capacityProviders.forEach((name, e) -> {
                CapacityProviderRecord value = CapacityProviderRecord.of(e, tags(e.config().capacityProviderArn()));
                sink.accept(StateRecord.of(SERVICE, store.account, store.region, CAPACITY, name, value), value);
            });
        });
    }
}
