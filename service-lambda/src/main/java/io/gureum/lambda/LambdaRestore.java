package io.gureum.lambda;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds Lambda from its records at start: layers, functions (re-registered with their tags, URLs served again),
 * event source mappings (polling again), code signing configs, then the asynchronous invocations still due. Code
 * packages no record names (an upload whose function was never recorded) are removed from the data directory.
 */
final class LambdaRestore {
    private static final Logger LOG = LoggerFactory.getLogger(LambdaRestore.class);

    private LambdaRestore() {
    }

    /** What restoring needs from the running module. */
    record Target(ServiceContext context, AccountRegionStore<LambdaStore> stores, CodeStore codes, FunctionUrls urls,
            AsyncInvoker async, LambdaRecords records, DurableEngine durable, DurableCheckpoints checkpoints) {
    }

    static void restore(List<StateRecord> restored, Target t) {
        Set<String> packages = new HashSet<>();
        List<DurableExecution> durable = new java.util.ArrayList<>();
        Map<String, AsyncEventRecord> pending = new HashMap<>();
        List<StateRecord> events = new java.util.ArrayList<>();
        for (String kind : List.of(LambdaRecords.LAYER, LambdaRecords.FUNCTION, LambdaRecords.MAPPING,
                LambdaRecords.SIGNING, LambdaRecords.CAPACITY, LambdaRecords.DURABLE, LambdaRecords.EVENT)) {
            for (StateRecord r : restored) {
                if (!r.kind().equals(kind)) {
                    continue;
                }
                LambdaStore store = t.stores().get(r.account(), r.region());
                switch (kind) {
                    case LambdaRecords.LAYER -> layer(r.value(LayerRecord.class), store, t, packages);
                    case LambdaRecords.FUNCTION -> function(r.value(FunctionRecord.class), store, t, packages);
                    case LambdaRecords.MAPPING -> mapping(r.value(MappingRecord.class), store, t);
                    case LambdaRecords.SIGNING -> signing(r.key(), r.value(SigningConfigRecord.class), store, t);
                    case LambdaRecords.CAPACITY -> capacity(r.key(), r.value(CapacityProviderRecord.class), store, t);
                    case LambdaRecords.DURABLE -> {
                        DurableExecution e = r.value(DurableExecutionRecord.class).toExecution();
                        store.durableExecutions.put(e.arn, e);
                        durable.add(e);
                    }
                    default -> events.add(r);
                }
            }
        }
        t.codes().removeUnreferenced(packages);
        for (StateRecord r : events) {
            AsyncEventRecord e = r.value(AsyncEventRecord.class);
            LambdaFunction f = t.stores().get(r.account(), r.region()).functions.get(e.functionName());
            FunctionVersion v = f == null ? null : f.version(e.version());
            if (v == null) {
                LOG.warn("Lambda: the queued event {} of {} is dropped: its function version is gone", e.requestId(),
                        e.functionName());
                continue;
            }
            pending.put(r.account() + "|" + r.region() + "|" + e.requestId(), e);
            t.async().resume(f, e, v);
        }
        t.records().restored(pending);
        durable.forEach(e -> t.durable().resumed(e, t.checkpoints()::timers));
    }

    private static void layer(LayerRecord rec, LambdaStore store, Target t, Set<String> packages) {
        Layer layer = rec.toLayer(t.codes());
        layer.versions.values().forEach(v -> packages.add(v.code().sha256()));
        store.layers.put(layer.name, layer);
    }

    private static void function(FunctionRecord rec, LambdaStore store, Target t, Set<String> packages) {
        LambdaFunction f = rec.toFunction(store.account, store.region, t.codes());
        if (f == null) {
            LOG.warn("Lambda: function {} is not restored: its code package is missing from the data directory",
                    rec.arn());
            return;
        }
        packages.add(f.latest.code().sha256());
        f.latest.layers().forEach(l -> packages.add(l.code().sha256()));
        for (FunctionVersion v : f.versions.values()) {
            packages.add(v.code().sha256());
            v.layers().forEach(l -> packages.add(l.code().sha256()));
        }
        store.functions.put(f.name, f);
        Arn arn = Arn.parse(f.arn);
        t.context().registry().register(store.account, store.region, "lambda", "function:" + f.name, arn);
        if (rec.tags() != null && !rec.tags().isEmpty()) {
            t.context().registry().tag(arn, rec.tags());
        }
        f.urls.values().forEach(t.urls()::restored);
    }

    private static void mapping(MappingRecord rec, LambdaStore store, Target t) {
        EventSourceMapping m = rec.toMapping(store.account, store.region);
        store.mappings.put(m.uuid, m);
        Arn arn = Arn.parse(m.arn);
        t.context().registry().register(store.account, store.region, "lambda", "event-source-mapping:" + m.uuid, arn);
        if (rec.tags() != null && !rec.tags().isEmpty()) {
            t.context().registry().tag(arn, rec.tags());
        }
    }

    private static void signing(String arn, SigningConfigRecord rec, LambdaStore store, Target t) {
        var config = rec.toConfig();
        store.codeSigningConfigs.put(arn, config);
        if (rec.tags() != null && !rec.tags().isEmpty()) {
            t.context().registry().register(store.account, store.region, "lambda",
                    "code-signing-config:" + config.codeSigningConfigId(), Arn.parse(arn));
            t.context().registry().tag(Arn.parse(arn), rec.tags());
        }
    }

    private static void capacity(String name, CapacityProviderRecord rec, LambdaStore store, Target t) {
        CapacityProviderEntry e = rec.toEntry();
        store.capacityProviders.put(name, e);
        Arn arn = Arn.parse(e.config().capacityProviderArn());
        t.context().registry().register(store.account, store.region, "lambda", "capacity-provider:" + name, arn);
        if (rec.tags() != null && !rec.tags().isEmpty()) {
            t.context().registry().tag(arn, rec.tags());
        }
    }
}
