package io.gureum.ssm;

import io.gureum.core.error.CommonErrors;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ssm.model.*;

/**
 * Maintenance windows, their targets and tasks (CreateMaintenanceWindow … DescribeMaintenanceWindowSchedule).
 * Quotas (Systems Manager service quotas): 50 windows per account and region, 100 targets and 20 tasks per
 * window. Executions are {@link WindowRuns}'.
 */
final class MaintenanceWindows {
    static final int MAX_WINDOWS = 50;
    static final int MAX_TARGETS = 100;
    static final int MAX_TASKS = 20;

    private final SsmState state;
    private final WindowRuns runs;

    MaintenanceWindows(SsmState state, WindowRuns runs) {
        this.state = state;
        this.runs = runs;
    }

    // ----------------------------------------------------------------------------------- windows

    public CreateMaintenanceWindowResponse createMaintenanceWindow(CreateMaintenanceWindowRequest r) {
        MaintenanceStore store = store();
        String existing = idempotent(store, "window", r.clientToken(), r.toBuilder().clientToken("").build());
        if (existing != null) {
            return CreateMaintenanceWindowResponse.builder().windowId(existing).build();
        }
        if (store.windows.size() >= MAX_WINDOWS) {
            throw limit("You have exceeded the maximum number of maintenance windows (" + MAX_WINDOWS + ") for this"
                    + " account and Region.");
        }
        tagCount(r.hasTags() ? r.tags().size() : 0);
        Instant now = state.now();
        GetMaintenanceWindowResponse w = GetMaintenanceWindowResponse.builder()
                .windowId(state.context.ids().next("mw")).name(r.name()).description(r.description())
                .startDate(r.startDate()).endDate(r.endDate()).schedule(r.schedule())
                .scheduleTimezone(r.scheduleTimezone()).scheduleOffset(r.scheduleOffset()).duration(r.duration())
                .cutoff(r.cutoff()).allowUnassociatedTargets(r.allowUnassociatedTargets()).enabled(true)
                .createdDate(now).modifiedDate(now).build();
        WindowSchedules.check(w, now);
        MaintenanceStore.Window window = new MaintenanceStore.Window(w);
        if (r.hasTags()) {
            r.tags().forEach(t -> window.tags.put(t.key(), t.value()));
        }
        store.register(state.context.registry(), window);
        store.windows.put(w.windowId(), window);
        remember(store, "window", r.clientToken(), w.windowId(), r.toBuilder().clientToken("").build());
        store.revision++;
        runs.arm(store, window);
        return CreateMaintenanceWindowResponse.builder().windowId(w.windowId()).build();
    }

    public GetMaintenanceWindowResponse getMaintenanceWindow(GetMaintenanceWindowRequest r) {
        MaintenanceStore.Window window = window(store(), r.windowId());
        return window.w.toBuilder().nextExecutionTime(nextRun(window.w)).build();
    }

    public UpdateMaintenanceWindowResponse updateMaintenanceWindow(UpdateMaintenanceWindowRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        boolean replace = Boolean.TRUE.equals(r.replace());
        if (replace && (r.name() == null || r.schedule() == null || r.duration() == null || r.cutoff() == null
                || r.allowUnassociatedTargets() == null)) {
            throw SsmErrors.validation("With Replace, the fields CreateMaintenanceWindow requires are required: Name,"
                    + " Schedule, Duration, Cutoff and AllowUnassociatedTargets.");
        }
        GetMaintenanceWindowResponse old = window.w;
        GetMaintenanceWindowResponse.Builder b = old.toBuilder().modifiedDate(state.now());
        b.name(or(r.name(), old.name(), false)).schedule(or(r.schedule(), old.schedule(), false))
                .duration(or(r.duration(), old.duration(), false)).cutoff(or(r.cutoff(), old.cutoff(), false))
                .allowUnassociatedTargets(or(r.allowUnassociatedTargets(), old.allowUnassociatedTargets(), false))
                .enabled(or(r.enabled(), old.enabled(), false))
                .description(or(r.description(), old.description(), replace))
                .startDate(or(r.startDate(), old.startDate(), replace)).endDate(or(r.endDate(), old.endDate(), replace))
                .scheduleTimezone(or(r.scheduleTimezone(), old.scheduleTimezone(), replace))
                .scheduleOffset(or(r.scheduleOffset(), old.scheduleOffset(), replace));
        GetMaintenanceWindowResponse w = b.build();
        WindowSchedules.check(w, state.now());
        window.w = w;
        store.revision++;
        runs.arm(store, window);
        return UpdateMaintenanceWindowResponse.builder().windowId(w.windowId()).name(w.name())
                .description(w.description()).startDate(w.startDate()).endDate(w.endDate()).schedule(w.schedule())
                .scheduleTimezone(w.scheduleTimezone()).scheduleOffset(w.scheduleOffset()).duration(w.duration())
                .cutoff(w.cutoff()).allowUnassociatedTargets(w.allowUnassociatedTargets()).enabled(w.enabled())
                .build();
    }

    public DeleteMaintenanceWindowResponse deleteMaintenanceWindow(DeleteMaintenanceWindowRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        store.windows.remove(r.windowId());
        window.tags.detach();
        window.generation++;
        Set<String> ids = new java.util.HashSet<>(window.targets.keySet());
        ids.addAll(window.tasks.keySet());
        ids.add(r.windowId());
        forget(store, ids);
        store.executions.values().removeIf(e -> e.windowId.equals(r.windowId()));
        store.revision++;
        return DeleteMaintenanceWindowResponse.builder().windowId(r.windowId()).build();
    }

    public DescribeMaintenanceWindowsResponse describeMaintenanceWindows(DescribeMaintenanceWindowsRequest r) {
        Map<String, List<String>> filters = filters(r.hasFilters() ? r.filters() : List.of(), Set.of("Name",
                "Enabled"));
        List<MaintenanceWindowIdentity> all = new ArrayList<>();
        for (MaintenanceStore.Window window : store().windows.values()) {
            GetMaintenanceWindowResponse w = window.w;
            if (!matches(filters, "Name", w.name()) || !matches(filters, "Enabled", String.valueOf(w.enabled()))) {
                continue;
            }
            all.add(MaintenanceWindowIdentity.builder().windowId(w.windowId()).name(w.name())
                    .description(w.description()).enabled(w.enabled()).duration(w.duration()).cutoff(w.cutoff())
                    .schedule(w.schedule()).scheduleTimezone(w.scheduleTimezone()).scheduleOffset(w.scheduleOffset())
                    .endDate(w.endDate()).startDate(w.startDate()).nextExecutionTime(nextRun(w)).build());
        }
        Page<MaintenanceWindowIdentity> page = page("windows", all, r.maxResults(), r.nextToken());
        return DescribeMaintenanceWindowsResponse.builder().windowIdentities(page.items()).nextToken(page.next())
                .build();
    }

    // ----------------------------------------------------------------------------------- targets

    public RegisterTargetWithMaintenanceWindowResponse registerTargetWithMaintenanceWindow(
            RegisterTargetWithMaintenanceWindowRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        String existing = idempotent(store, "target", r.clientToken(), r.toBuilder().clientToken("").build());
        if (existing != null) {
            return RegisterTargetWithMaintenanceWindowResponse.builder().windowTargetId(existing).build();
        }
        if (window.targets.size() >= MAX_TARGETS) {
            throw limit("You have exceeded the maximum number of targets (" + MAX_TARGETS + ") for this maintenance"
                    + " window.");
        }
        checkTargets(r.resourceTypeAsString(), r.targets());
        MaintenanceWindowTarget t = MaintenanceWindowTarget.builder().windowId(r.windowId())
                .windowTargetId(state.context.ids().requestId()).resourceType(r.resourceTypeAsString())
                .targets(r.targets()).ownerInformation(r.ownerInformation()).name(r.name())
                .description(r.description()).build();
        window.targets.put(t.windowTargetId(), t);
        remember(store, "target", r.clientToken(), t.windowTargetId(), r.toBuilder().clientToken("").build());
        store.revision++;
        return RegisterTargetWithMaintenanceWindowResponse.builder().windowTargetId(t.windowTargetId()).build();
    }

    public UpdateMaintenanceWindowTargetResponse updateMaintenanceWindowTarget(UpdateMaintenanceWindowTargetRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        MaintenanceWindowTarget old = window.targets.get(r.windowTargetId());
        if (old == null) {
            throw doesNotExist("Maintenance window target " + r.windowTargetId() + " does not exist in window "
                    + r.windowId() + ".");
        }
        boolean replace = Boolean.TRUE.equals(r.replace());
        if (replace && !r.hasTargets()) {
            throw SsmErrors.validation("With Replace, Targets is required.");
        }
        List<Target> targets = r.hasTargets() ? r.targets() : old.targets();
        checkTargets(old.resourceTypeAsString(), targets);
        MaintenanceWindowTarget t = old.toBuilder().targets(targets)
                .ownerInformation(or(r.ownerInformation(), old.ownerInformation(), replace))
                .name(or(r.name(), old.name(), replace)).description(or(r.description(), old.description(), replace))
                .build();
        window.targets.put(t.windowTargetId(), t);
        store.revision++;
        return UpdateMaintenanceWindowTargetResponse.builder().windowId(t.windowId())
                .windowTargetId(t.windowTargetId()).targets(t.targets()).ownerInformation(t.ownerInformation())
                .name(t.name()).description(t.description()).build();
    }

    public DeregisterTargetFromMaintenanceWindowResponse deregisterTargetFromMaintenanceWindow(
            DeregisterTargetFromMaintenanceWindowRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        if (!window.targets.containsKey(r.windowTargetId())) {
            throw doesNotExist("Maintenance window target " + r.windowTargetId() + " does not exist in window "
                    + r.windowId() + ".");
        }
        List<GetMaintenanceWindowTaskResponse> using = window.tasks.values().stream()
                .filter(t -> windowTargetIds(t.targets()).contains(r.windowTargetId())).toList();
        if (!using.isEmpty()) {
            if (Boolean.TRUE.equals(r.safe())) {
                throw ModeledErrors.of(TargetInUseException.class, "Target " + r.windowTargetId() + " is being"
                        + " referenced in task " + using.get(0).windowTaskId() + ".");
            }
            for (GetMaintenanceWindowTaskResponse t : using) {
                List<Target> kept = new ArrayList<>();
                for (Target target : t.targets()) {
                    if (!"WindowTargetIds".equals(target.key())) {
                        kept.add(target);
                        continue;
                    }
                    List<String> values = target.values().stream().filter(v -> !v.equals(r.windowTargetId()))
                            .toList();
                    if (!values.isEmpty()) {
                        kept.add(target.toBuilder().values(values).build());
                    }
                }
                window.tasks.put(t.windowTaskId(), t.toBuilder().targets(kept).build());
            }
        }
        window.targets.remove(r.windowTargetId());
        forget(store, Set.of(r.windowTargetId()));
        store.revision++;
        return DeregisterTargetFromMaintenanceWindowResponse.builder().windowId(r.windowId())
                .windowTargetId(r.windowTargetId()).build();
    }

    public DescribeMaintenanceWindowTargetsResponse describeMaintenanceWindowTargets(
            DescribeMaintenanceWindowTargetsRequest r) {
        MaintenanceStore.Window window = window(store(), r.windowId());
        Map<String, List<String>> filters = filters(r.hasFilters() ? r.filters() : List.of(),
                Set.of("Type", "WindowTargetId", "OwnerInformation"));
        List<MaintenanceWindowTarget> all = window.targets.values().stream()
                .filter(t -> matches(filters, "Type", t.resourceTypeAsString())
                        && matches(filters, "WindowTargetId", t.windowTargetId())
                        && matches(filters, "OwnerInformation", t.ownerInformation()))
                .toList();
        Page<MaintenanceWindowTarget> page = page("targets", all, r.maxResults(), r.nextToken());
        return DescribeMaintenanceWindowTargetsResponse.builder().targets(page.items()).nextToken(page.next()).build();
    }

    public DescribeMaintenanceWindowsForTargetResponse describeMaintenanceWindowsForTarget(
            DescribeMaintenanceWindowsForTargetRequest r) {
        List<MaintenanceWindowIdentityForTarget> all = new ArrayList<>();
        for (MaintenanceStore.Window window : store().windows.values()) {
            boolean hit = window.targets.values().stream().anyMatch(t -> t.resourceTypeAsString()
                    .equals(r.resourceTypeAsString()) && overlaps(t.targets(), r.targets()));
            if (hit) {
                all.add(MaintenanceWindowIdentityForTarget.builder().windowId(window.w.windowId())
                        .name(window.w.name()).build());
            }
        }
        Page<MaintenanceWindowIdentityForTarget> page = page("windows-for-target", all, r.maxResults(),
                r.nextToken());
        return DescribeMaintenanceWindowsForTargetResponse.builder().windowIdentities(page.items())
                .nextToken(page.next()).build();
    }

    // ------------------------------------------------------------------------------------- tasks

    public RegisterTaskWithMaintenanceWindowResponse registerTaskWithMaintenanceWindow(
            RegisterTaskWithMaintenanceWindowRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        String existing = idempotent(store, "task", r.clientToken(), r.toBuilder().clientToken("").build());
        if (existing != null) {
            return RegisterTaskWithMaintenanceWindowResponse.builder().windowTaskId(existing).build();
        }
        if (window.tasks.size() >= MAX_TASKS) {
            throw limit("You have exceeded the maximum number of tasks (" + MAX_TASKS + ") for this maintenance"
                    + " window.");
        }
        List<Target> targets = r.hasTargets() ? r.targets() : List.of();
        checkTask(window, r.taskTypeAsString(), targets, r.taskInvocationParameters());
        GetMaintenanceWindowTaskResponse t = GetMaintenanceWindowTaskResponse.builder().windowId(r.windowId())
                .windowTaskId(state.context.ids().requestId()).targets(targets).taskArn(r.taskArn())
                .serviceRoleArn(r.serviceRoleArn()).taskType(r.taskTypeAsString())
                .taskParameters(r.hasTaskParameters() ? r.taskParameters() : null)
                .taskInvocationParameters(r.taskInvocationParameters())
                .priority(r.priority() == null ? 1 : r.priority()).maxConcurrency(r.maxConcurrency())
                .maxErrors(r.maxErrors()).loggingInfo(r.loggingInfo()).name(r.name()).description(r.description())
                .cutoffBehavior(r.cutoffBehavior() == null ? "CONTINUE_TASK" : r.cutoffBehaviorAsString())
                .alarmConfiguration(r.alarmConfiguration()).build();
        window.tasks.put(t.windowTaskId(), t);
        remember(store, "task", r.clientToken(), t.windowTaskId(), r.toBuilder().clientToken("").build());
        store.revision++;
        return RegisterTaskWithMaintenanceWindowResponse.builder().windowTaskId(t.windowTaskId()).build();
    }

    public GetMaintenanceWindowTaskResponse getMaintenanceWindowTask(GetMaintenanceWindowTaskRequest r) {
        return task(window(store(), r.windowId()), r.windowTaskId());
    }

    public UpdateMaintenanceWindowTaskResponse updateMaintenanceWindowTask(UpdateMaintenanceWindowTaskRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        GetMaintenanceWindowTaskResponse old = task(window, r.windowTaskId());
        boolean replace = Boolean.TRUE.equals(r.replace());
        if (replace && r.taskArn() == null) {
            throw SsmErrors.validation("With Replace, TaskArn is required.");
        }
        List<Target> targets = r.hasTargets() ? r.targets() : replace ? List.of() : old.targets();
        MaintenanceWindowTaskInvocationParameters invocation = or(r.taskInvocationParameters(),
                old.taskInvocationParameters(), replace);
        checkTask(window, old.taskTypeAsString(), targets, invocation);
        GetMaintenanceWindowTaskResponse t = old.toBuilder().targets(targets)
                .taskArn(or(r.taskArn(), old.taskArn(), false))
                .serviceRoleArn(or(r.serviceRoleArn(), old.serviceRoleArn(), replace))
                .taskParameters(r.hasTaskParameters() ? r.taskParameters() : replace ? null : old.taskParameters())
                .taskInvocationParameters(invocation).priority(or(r.priority(), old.priority(), false))
                .maxConcurrency(or(r.maxConcurrency(), old.maxConcurrency(), replace))
                .maxErrors(or(r.maxErrors(), old.maxErrors(), replace))
                .loggingInfo(or(r.loggingInfo(), old.loggingInfo(), replace)).name(or(r.name(), old.name(), replace))
                .description(or(r.description(), old.description(), replace))
                .cutoffBehavior(or(r.cutoffBehaviorAsString(), old.cutoffBehaviorAsString(), false))
                .alarmConfiguration(or(r.alarmConfiguration(), old.alarmConfiguration(), replace)).build();
        window.tasks.put(t.windowTaskId(), t);
        store.revision++;
        return UpdateMaintenanceWindowTaskResponse.builder().windowId(t.windowId()).windowTaskId(t.windowTaskId())
                .targets(t.targets()).taskArn(t.taskArn()).serviceRoleArn(t.serviceRoleArn())
                .taskParameters(t.hasTaskParameters() ? t.taskParameters() : null)
                .taskInvocationParameters(t.taskInvocationParameters()).priority(t.priority())
                .maxConcurrency(t.maxConcurrency()).maxErrors(t.maxErrors()).loggingInfo(t.loggingInfo())
                .name(t.name()).description(t.description()).cutoffBehavior(t.cutoffBehaviorAsString())
                .alarmConfiguration(t.alarmConfiguration()).build();
    }

    public DeregisterTaskFromMaintenanceWindowResponse deregisterTaskFromMaintenanceWindow(
            DeregisterTaskFromMaintenanceWindowRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Window window = window(store, r.windowId());
        task(window, r.windowTaskId());
        window.tasks.remove(r.windowTaskId());
        forget(store, Set.of(r.windowTaskId()));
        store.revision++;
        return DeregisterTaskFromMaintenanceWindowResponse.builder().windowId(r.windowId())
                .windowTaskId(r.windowTaskId()).build();
    }

    public DescribeMaintenanceWindowTasksResponse describeMaintenanceWindowTasks(
            DescribeMaintenanceWindowTasksRequest r) {
        MaintenanceStore.Window window = window(store(), r.windowId());
        Map<String, List<String>> filters = filters(r.hasFilters() ? r.filters() : List.of(),
                Set.of("WindowTaskId", "TaskArn", "Priority", "TaskType"));
        List<MaintenanceWindowTask> all = window.tasks.values().stream()
                .filter(t -> matches(filters, "WindowTaskId", t.windowTaskId())
                        && matches(filters, "TaskArn", t.taskArn())
                        && matches(filters, "Priority", String.valueOf(t.priority()))
                        && matches(filters, "TaskType", t.taskTypeAsString()))
                .map(t -> MaintenanceWindowTask.builder().windowId(t.windowId()).windowTaskId(t.windowTaskId())
                        .taskArn(t.taskArn()).type(t.taskTypeAsString()).targets(t.targets())
                        .taskParameters(t.hasTaskParameters() ? t.taskParameters() : null).priority(t.priority())
                        .loggingInfo(t.loggingInfo()).serviceRoleArn(t.serviceRoleArn())
                        .maxConcurrency(t.maxConcurrency()).maxErrors(t.maxErrors()).name(t.name())
                        .description(t.description()).cutoffBehavior(t.cutoffBehaviorAsString())
                        .alarmConfiguration(t.alarmConfiguration()).build())
                .toList();
        Page<MaintenanceWindowTask> page = page("tasks", all, r.maxResults(), r.nextToken());
        return DescribeMaintenanceWindowTasksResponse.builder().tasks(page.items()).nextToken(page.next()).build();
    }

    // ---------------------------------------------------------------------------------- schedule

    public DescribeMaintenanceWindowScheduleResponse describeMaintenanceWindowSchedule(
            DescribeMaintenanceWindowScheduleRequest r) {
        if (r.hasFilters() && !r.filters().isEmpty()) {
            throw CommonErrors.notImplemented("ssm", "DescribeMaintenanceWindowSchedule with Filters");
        }
        MaintenanceStore store = store();
        List<MaintenanceStore.Window> windows = new ArrayList<>();
        if (r.windowId() != null) {
            windows.add(window(store, r.windowId()));
        } else if (r.hasTargets() && r.resourceType() != null) {
            for (MaintenanceStore.Window w : store.windows.values()) {
                if (w.targets.values().stream().anyMatch(t -> t.resourceTypeAsString().equals(r.resourceTypeAsString())
                        && overlaps(t.targets(), r.targets()))) {
                    windows.add(w);
                }
            }
        } else {
            throw SsmErrors.validation("Specify a WindowId, or Targets and a ResourceType.");
        }
        int max = r.maxResults() == null ? 50 : r.maxResults();
        String after = PageTokens.decode("window-schedule", r.nextToken());
        Instant from = state.now();
        if (after != null) {
            try {
                from = Instant.parse(after);
            } catch (RuntimeException e) {
                throw SsmErrors.invalidNextToken();
            }
        }
        List<ScheduledWindowExecution> found = new ArrayList<>();
        record Run(Instant at, MaintenanceStore.Window w) {
        }
        List<Run> all = new ArrayList<>();
        for (MaintenanceStore.Window w : windows) {
            if (!Boolean.TRUE.equals(w.w.enabled())) {
                continue;
            }
            WindowSchedules.next(w.w, from, max + 1).forEach(t -> all.add(new Run(t, w)));
        }
        all.sort(Comparator.comparing(Run::at));
        String next = null;
        for (Run run : all) {
            if (found.size() == max) {
                next = PageTokens.encode("window-schedule", all.get(max - 1).at().toString());
                break;
            }
            found.add(ScheduledWindowExecution.builder().windowId(run.w().w.windowId()).name(run.w().w.name())
                    .executionTime(WindowSchedules.format(run.at(), run.w().w.scheduleTimezone())).build());
        }
        return DescribeMaintenanceWindowScheduleResponse.builder().scheduledWindowExecutions(found).nextToken(next)
                .build();
    }

    // ------------------------------------------------------------------------------------ shared

    MaintenanceStore store() {
        RequestContext ctx = RequestContext.current();
        return state.maintenance.get(ctx.accountId(), ctx.region());
    }

    static MaintenanceStore.Window window(MaintenanceStore store, String id) {
        MaintenanceStore.Window w = store.windows.get(id);
        if (w == null) {
            throw doesNotExist("Maintenance window " + id + " does not exist");
        }
        return w;
    }

    private static GetMaintenanceWindowTaskResponse task(MaintenanceStore.Window window, String id) {
        GetMaintenanceWindowTaskResponse t = window.tasks.get(id);
        if (t == null) {
            throw doesNotExist("Maintenance window task " + id + " does not exist in window " + window.w.windowId()
                    + ".");
        }
        return t;
    }

    /** The next run of an enabled window, as GetMaintenanceWindow and DescribeMaintenanceWindows show it. */
    private String nextRun(GetMaintenanceWindowResponse w) {
        if (!Boolean.TRUE.equals(w.enabled())) {
            return null;
        }
        List<Instant> next = WindowSchedules.next(w, state.now(), 1);
        return next.isEmpty() ? null : WindowSchedules.format(next.get(0), w.scheduleTimezone());
    }

    static DoesNotExistException doesNotExist(String message) {
        return ModeledErrors.of(DoesNotExistException.class, message);
    }

    static ResourceLimitExceededException limit(String message) {
        return ModeledErrors.of(ResourceLimitExceededException.class, message);
    }

    static void tagCount(int n) {
        if (n > ParameterTags.MAX) {
            throw SsmErrors.tooManyTags();
        }
    }

    /**
     * The ID a ClientToken already created with the same request (null when the token is new or absent);
     * IdempotentParameterMismatch when it came with another one.
     */
    static String idempotent(MaintenanceStore store, String kind, String token, Object request) {
        if (token == null) {
            return null;
        }
        MaintenanceStore.Token t = store.tokens.get(kind + "\u0000" + token);
        if (t == null) {
            return null;
        }
        if (!t.request().equals(MaintenanceRecords.write(request))) {
            throw ModeledErrors.of(IdempotentParameterMismatchException.class, "Error. The client token "
                    + token + " was already used with different parameters.");
        }
        return t.id();
    }

    static void remember(MaintenanceStore store, String kind, String token, String id, Object request) {
        if (token != null) {
            store.tokens.put(kind + "\u0000" + token, new MaintenanceStore.Token(kind, id,
                    MaintenanceRecords.write(request)));
        }
    }

    /** Forgets the client tokens that created what is deleted (the SDK sends a new token with every create). */
    static void forget(MaintenanceStore store, Set<String> ids) {
        store.tokens.values().removeIf(t -> ids.contains(t.id()));
    }

    static <T> T or(T given, T old, boolean replace) {
        return given != null ? given : replace ? null : old;
    }

    /** Target keys by ResourceType, as RegisterTargetWithMaintenanceWindow documents them. */
    private static void checkTargets(String type, List<Target> targets) {
        if (targets == null || targets.isEmpty()) {
            throw SsmErrors.validation("Targets must contain at least one target.");
        }
        for (Target t : targets) {
            String k = t.key() == null ? "" : t.key();
            boolean group = k.equals("resource-groups:Name") || k.equals("resource-groups:ResourceTypeFilters");
            boolean instance = k.equals("InstanceIds") || k.equals("tag-key") || k.startsWith("tag:");
            if ("RESOURCE_GROUP".equals(type) ? !group : !instance) {
                throw SsmErrors.validation("Target key " + k + " is not valid for ResourceType " + type + ".");
            }
            if (!t.hasValues() || t.values().isEmpty()) {
                throw SsmErrors.validation("Target " + k + " must have at least one value.");
            }
        }
        if ("RESOURCE_GROUP".equals(type) && targets.stream().noneMatch(t -> t.key().equals("resource-groups:Name"))) {
            throw SsmErrors.validation("A RESOURCE_GROUP target needs the key resource-groups:Name.");
        }
    }

    /**
     * A task's targets: RUN_COMMAND tasks need some (the other types may have none); WindowTargetIds must
     * name targets of the window; the invocation parameters must be those of the task's type.
     */
    private static void checkTask(MaintenanceStore.Window window, String type, List<Target> targets,
            MaintenanceWindowTaskInvocationParameters invocation) {
        if (type.equals("RUN_COMMAND") && targets.isEmpty()) {
            throw SsmErrors.validation("One or more targets must be specified for maintenance window Run"
                    + " Command-type tasks.");
        }
        for (Target t : targets) {
            String k = t.key() == null ? "" : t.key();
            if (!k.equals("WindowTargetIds") && !k.equals("InstanceIds")) {
                throw SsmErrors.validation("Task target key " + k + " is not valid: use WindowTargetIds or"
                        + " InstanceIds.");
            }
        }
        for (String id : windowTargetIds(targets)) {
            if (!window.targets.containsKey(id)) {
                throw doesNotExist("Maintenance window target " + id + " does not exist in window "
                        + window.w.windowId() + ".");
            }
        }
        if (invocation != null) {
            Map<String, Object> given = new java.util.LinkedHashMap<>();
            given.put("RUN_COMMAND", invocation.runCommand());
            given.put("AUTOMATION", invocation.automation());
            given.put("STEP_FUNCTIONS", invocation.stepFunctions());
            given.put("LAMBDA", invocation.lambda());
            given.forEach((kind, value) -> {
                if (value != null && !kind.equals(type)) {
                    throw SsmErrors.validation("TaskInvocationParameters for " + kind + " do not match the task type "
                            + type + ".");
                }
            });
        }
    }

    static List<String> windowTargetIds(List<Target> targets) {
        List<String> ids = new ArrayList<>();
        for (Target t : targets == null ? List.<Target>of() : targets) {
            if ("WindowTargetIds".equals(t.key()) && t.hasValues()) {
                ids.addAll(t.values());
            }
        }
        return ids;
    }

    /** Whether a registered target names any of the given ones (same key and a common value). */
    private static boolean overlaps(List<Target> registered, List<Target> asked) {
        for (Target a : asked) {
            for (Target t : registered) {
                if (Objects.equals(a.key(), t.key()) && a.hasValues() && t.hasValues()
                        && a.values().stream().anyMatch(t.values()::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    static Map<String, List<String>> filters(List<MaintenanceWindowFilter> given, Set<String> keys) {
        Map<String, List<String>> filters = new java.util.LinkedHashMap<>();
        for (MaintenanceWindowFilter f : given) {
            if (!keys.contains(f.key())) {
                throw SsmErrors.validation("Filter key " + f.key() + " is not supported. Supported keys: "
                        + keys.stream().sorted().toList() + ".");
            }
            filters.computeIfAbsent(f.key(), k -> new ArrayList<>()).addAll(f.hasValues() ? f.values() : List.of());
        }
        return filters;
    }

    static boolean matches(Map<String, List<String>> filters, String key, String value) {
        List<String> values = filters.get(key);
        return values == null || values.isEmpty() || values.stream().anyMatch(v -> v.equalsIgnoreCase(
                String.valueOf(value)));
    }

    record Page<T>(List<T> items, String next) {
    }

    /** A page of {@code all} from the position a token names, {@code max} items (default 50, AWS's maximum 100). */
    static <T> Page<T> page(String kind, List<T> all, Integer maxResults, String token) {
        int max = maxResults == null ? 50 : maxResults;
        String after = PageTokens.decode(kind, token);
        int from = 0;
        if (after != null) {
            try {
                from = Integer.parseInt(after);
            } catch (NumberFormatException e) {
                throw SsmErrors.invalidNextToken();
            }
            if (from < 0) {
                throw SsmErrors.invalidNextToken();
            }
            from = Math.min(from, all.size());
        }
        int to = Math.min(all.size(), from + max);
        return new Page<>(List.copyOf(all.subList(from, to)), to < all.size() ? PageTokens.encode(kind,
                Integer.toString(to)) : null);
    }

    static <T, R> List<R> map(List<T> in, Function<T, R> f) {
        return in.stream().map(f).toList();
    }
}
