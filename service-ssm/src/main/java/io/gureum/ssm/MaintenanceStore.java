package io.gureum.ssm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowExecutionResponse;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowExecutionTaskResponse;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowResponse;
import software.amazon.awssdk.services.ssm.model.GetMaintenanceWindowTaskResponse;
import software.amazon.awssdk.services.ssm.model.GetPatchBaselineResponse;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowExecutionTaskInvocationIdentity;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowTarget;

/**
 * Maintenance windows (with their targets, tasks and executions) and patch baselines (with the default
 * baseline of each operating system and the patch groups) of one account and region. Each entity is kept
 * as the SDK shape that answers for it (immutable; a change replaces it), which is also how SsmRecords'
 * neighbour MaintenanceRecords writes it to {@code --data-dir}. Guarded by the module's lock.
 */
final class MaintenanceStore {
    final String account;
    final String region;
    /** Windows by ID, in creation order. */
    final Map<String, Window> windows = new LinkedHashMap<>();
    /** Executions by ID, in start order. */
    final Map<String, Execution> executions = new LinkedHashMap<>();
    /** The account's own patch baselines by ID, in creation order. */
    final Map<String, Baseline> baselines = new LinkedHashMap<>();
    /** Operating system → the ID of the custom baseline registered as its default. */
    final Map<String, String> defaults = new LinkedHashMap<>();
    /** ClientToken → what it created (kind, ID and the request it came with). */
    final Map<String, Token> tokens = new LinkedHashMap<>();
    /** Bumped by every change, so MaintenanceRecords knows to record the store again. */
    long revision;

    MaintenanceStore(String account, String region) {
        this.account = account;
        this.region = region;
    }

    /** Enters a window's tags in core's registry under its ARN. */
    void register(io.gureum.core.state.ResourceRegistry registry, Window w) {
        String id = "maintenancewindow/" + w.w.windowId();
        w.tags.attach(registry, account, region, "ssm", id, io.gureum.core.ids.Arn.of("ssm", region, account, id));
    }

    /** Enters a baseline's tags in core's registry under its ARN. */
    void register(io.gureum.core.state.ResourceRegistry registry, Baseline b) {
        String id = "patchbaseline/" + b.b.baselineId();
        b.tags.attach(registry, account, region, "ssm", id, io.gureum.core.ids.Arn.of("ssm", region, account, id));
    }

    /** What an idempotency token created: {@code request} is the wire JSON of the request without its token. */
    record Token(String kind, String id, String request) {
    }

    static final class Window {
        GetMaintenanceWindowResponse w;
        /** Entered in core's registry, so the Resource Groups Tagging API sees them. */
        final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();
        final Map<String, MaintenanceWindowTarget> targets = new LinkedHashMap<>();
        final Map<String, GetMaintenanceWindowTaskResponse> tasks = new LinkedHashMap<>();
        /** Bumped by every change of the schedule, so a timer armed for an older one does nothing. */
        long generation;

        Window(GetMaintenanceWindowResponse w) {
            this.w = w;
        }
    }

    static final class Execution {
        final String windowId;
        GetMaintenanceWindowExecutionResponse e;
        final Map<String, TaskRun> tasks = new LinkedHashMap<>();

        Execution(String windowId, GetMaintenanceWindowExecutionResponse e) {
            this.windowId = windowId;
            this.e = e;
        }
    }

    static final class TaskRun {
        GetMaintenanceWindowExecutionTaskResponse t;
        final List<MaintenanceWindowExecutionTaskInvocationIdentity> invocations = new ArrayList<>();

        TaskRun(GetMaintenanceWindowExecutionTaskResponse t) {
            this.t = t;
        }
    }

    static final class Baseline {
        /** Its PatchGroups are those registered for it. */
        GetPatchBaselineResponse b;
        /** Entered in core's registry, so the Resource Groups Tagging API sees them. */
        final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

        Baseline(GetPatchBaselineResponse b) {
            this.b = b;
        }
    }
}
