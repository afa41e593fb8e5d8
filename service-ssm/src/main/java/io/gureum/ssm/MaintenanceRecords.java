package io.gureum.ssm;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import io.gureum.core.protocol.JsonValues;
import io.gureum.core.protocol.Pojos;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowExecutionResponse;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowExecutionTaskResponse;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowResponse;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowTaskResponse;
import software.amazon.awssdk.services.ssm.model.GetPatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecutionTaskInvocationIdentity;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowTarget;

/**
 * Maintenance windows (targets, tasks, executions) and patch baselines for {@code --data-dir}: one record
 * per account and region (kind {@code maintenance}), written again whenever its store's revision moved
 * since the last recording (after a call that changes it, or an execution). Each entity is written as the
 * wire JSON of the SDK shape the store keeps it as, so that it reads back exactly.
 */
final class MaintenanceRecords {
    static final String KIND = "maintenance";
    private static final String KEY = "store";
    private static final ObjectMapper JSON = new ObjectMapper();

    record WindowRecord(String window, Map<String, String> tags, List<String> targets, List<String> tasks) {
    }

    record TaskRunRecord(String task, List<String> invocations) {
    }

    record ExecutionRecord(String windowId, String execution, List<TaskRunRecord> tasks) {
    }

    record BaselineRecord(String baseline, Map<String, String> tags) {
    }

    record TokenRecord(String key, String kind, String id, String request) {
    }

    record StoreRecord(List<WindowRecord> windows, List<ExecutionRecord> executions, List<BaselineRecord> baselines,
            Map<String, String> defaults, List<TokenRecord> tokens) {
    }

    private final StateStore state;
    private final SsmState ssm;
    private final Map<MaintenanceStore, Long> written = new HashMap<>();

    MaintenanceRecords(StateStore state, SsmState ssm) {
        this.state = state;
        this.ssm = ssm;
    }

    /** Records the store when it changed since its last recording. Holds the module's lock. */
    void recordChanges(MaintenanceStore store) {
        if (!state.enabled()) {
            return;
        }
        Long last = written.get(store);
        if (last != null && last == store.revision || last == null && store.revision == 0) {
            return;
        }
        state.put(SsmRecords.SERVICE, store.account, store.region, KIND, KEY, recordOf(store));
        written.put(store, store.revision);
    }

    void capture(Consumer<StateRecord> sink) {
        ssm.lock.lock();
        try {
            ssm.maintenance.forEach((place, store) -> {
                if (!store.windows.isEmpty() || !store.baselines.isEmpty() || !store.tokens.isEmpty()) {
                    sink.accept(StateRecord.of(SsmRecords.SERVICE, store.account, store.region, KIND, KEY,
                            recordOf(store)));
                }
            });
        } finally {
            ssm.lock.unlock();
        }
    }

    /** Rebuilds the stores, then arms each window's next run. */
    void restore(List<StateRecord> records, WindowRuns runs) {
        ssm.lock.lock();
        try {
            for (StateRecord r : records) {
                if (!r.kind().equals(KIND)) {
                    continue;
                }
                StoreRecord s = r.value(StoreRecord.class);
                MaintenanceStore store = ssm.maintenance.get(r.account(), r.region());
                for (WindowRecord w : s.windows()) {
                    MaintenanceStore.Window window = new MaintenanceStore.Window(read(w.window(),
                            GetMaintenanceWindowResponse.class));
                    window.tags.putAll(w.tags());
                    store.register(ssm.context.registry(), window);
                    w.targets().forEach(t -> {
                        MaintenanceWindowTarget target = read(t, MaintenanceWindowTarget.class);
                        window.targets.put(target.windowTargetId(), target);
                    });
                    w.tasks().forEach(t -> {
                        GetMaintenanceWindowTaskResponse task = read(t, GetMaintenanceWindowTaskResponse.class);
                        window.tasks.put(task.windowTaskId(), task);
                    });
                    store.windows.put(window.w.windowId(), window);
                }
                for (ExecutionRecord e : s.executions()) {
                    MaintenanceStore.Execution execution = new MaintenanceStore.Execution(e.windowId(),
                            read(e.execution(), GetMaintenanceWindowExecutionResponse.class));
                    for (TaskRunRecord t : e.tasks()) {
                        MaintenanceStore.TaskRun run = new MaintenanceStore.TaskRun(read(t.task(),
                                GetMaintenanceWindowExecutionTaskResponse.class));
                        t.invocations().forEach(i -> run.invocations.add(read(i,
                                MaintenanceWindowExecutionTaskInvocationIdentity.class)));
                        execution.tasks.put(run.t.taskExecutionId(), run);
                    }
                    store.executions.put(execution.e.windowExecutionId(), execution);
                }
                for (BaselineRecord b : s.baselines()) {
                    MaintenanceStore.Baseline baseline = new MaintenanceStore.Baseline(read(b.baseline(),
                            GetPatchBaselineResponse.class));
                    baseline.tags.putAll(b.tags());
                    store.register(ssm.context.registry(), baseline);
                    store.baselines.put(baseline.b.baselineId(), baseline);
                }
                store.defaults.putAll(s.defaults());
                for (TokenRecord t : s.tokens()) {
                    store.tokens.put(t.key(), new MaintenanceStore.Token(t.kind(), t.id(), t.request()));
                }
                written.put(store, store.revision);
                store.windows.values().forEach(w -> runs.arm(store, w));
            }
        } finally {
            ssm.lock.unlock();
        }
    }

    private static StoreRecord recordOf(MaintenanceStore store) {
        List<WindowRecord> windows = new ArrayList<>();
        store.windows.values().forEach(w -> windows.add(new WindowRecord(write(w.w), new LinkedHashMap<>(w.tags),
                w.targets.values().stream().map(MaintenanceRecords::write).toList(),
                w.tasks.values().stream().map(MaintenanceRecords::write).toList())));
        List<ExecutionRecord> executions = new ArrayList<>();
        store.executions.values().forEach(e -> executions.add(new ExecutionRecord(e.windowId, write(e.e),
                e.tasks.values().stream().map(t -> new TaskRunRecord(write(t.t),
                        t.invocations.stream().map(MaintenanceRecords::write).toList())).toList())));
        List<BaselineRecord> baselines = new ArrayList<>();
        store.baselines.values().forEach(b -> baselines.add(new BaselineRecord(write(b.b),
                new LinkedHashMap<>(b.tags))));
        List<TokenRecord> tokens = new ArrayList<>();
        store.tokens.forEach((k, t) -> tokens.add(new TokenRecord(k, t.kind(), t.id(), t.request())));
        return new StoreRecord(windows, executions, baselines, new LinkedHashMap<>(store.defaults), tokens);
    }

    /** The wire JSON of an SDK shape. */
    static String write(Object pojo) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            JsonValues.writeStruct(g, pojo, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    static <T> T read(String json, Class<T> type) {
        SdkPojo builder = Pojos.builderSupplier(type).get();
        try {
            JsonValues.readStruct(JSON.readTree(json), builder, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (T) Pojos.build(builder);
    }
}
