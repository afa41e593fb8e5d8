package io.gureum.ssm;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import io.gureum.core.time.DueTimer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.ssm.model.*;

/**
 * Maintenance window executions. Each enabled window has one entry on the module's {@link DueTimer} at its
 * next run; when Gureum's clock reaches it, an execution starts and runs the window's tasks in Priority
 * order, then the window is armed for its next run after the present (a clock moved past several runs
 * starts one execution, not one per missed run). LAMBDA tasks invoke their function in-process as
 * {@code ssm.amazonaws.com} (RequestResponse, with the task's Payload, Qualifier and ClientContext; the
 * pseudo parameters {@code {{WINDOW_ID}}} … are replaced): one invocation without targets, else one per
 * managed node ID of the task's targets; a function error or a failed call is a FAILED invocation. Task
 * types Gureum cannot run end FAILED saying why: RUN_COMMAND (no SSM Agent runs commands here),
 * AUTOMATION and STEP_FUNCTIONS (not served). Targets named by tags or resource groups are not resolved.
 */
final class WindowRuns {
    private static final String PRINCIPAL = "ssm.amazonaws.com";

    private final SsmState state;
    private final DueTimer due;
    private final ServiceClients clients;
    /** Records a store after an execution changed it (MaintenanceRecords). */
    private final Consumer<MaintenanceStore> recorded;

    WindowRuns(SsmState state, DueTimer due, ServiceClients clients, Consumer<MaintenanceStore> recorded) {
        this.state = state;
        this.due = due;
        this.clients = clients;
        this.recorded = recorded;
    }

    /** Puts a window's next run (after now) on the timer; earlier entries for it are void. Holds the lock. */
    void arm(MaintenanceStore store, MaintenanceStore.Window window) {
        long generation = ++window.generation;
        if (!Boolean.TRUE.equals(window.w.enabled())) {
            return;
        }
        List<Instant> next = WindowSchedules.next(window.w, state.now(), 1);
        if (!next.isEmpty()) {
            Instant at = next.get(0);
            due.at(at, () -> fire(store, window, generation, at));
        }
    }

    private void fire(MaintenanceStore store, MaintenanceStore.Window window, long generation, Instant at) {
        state.lock.lock();
        try {
            if (store.windows.get(window.w.windowId()) != window || window.generation != generation) {
                return;
            }
            try {
                run(store, window);
            } finally {
                // The next run is armed whatever became of this one.
                if (store.windows.get(window.w.windowId()) == window && window.generation == generation) {
                    arm(store, window);
                }
                store.revision++;
                recorded.accept(store);
            }
        } finally {
            state.lock.unlock();
        }
    }

    /** Runs one execution of a window now. Holds the lock, except while a function runs. */
    private void run(MaintenanceStore store, MaintenanceStore.Window window) {
        String windowId = window.w.windowId();
        Instant start = state.now();
        String executionId = state.context.ids().requestId();
        List<GetMaintenanceWindowTaskResponse> tasks = new ArrayList<>(window.tasks.values());
        tasks.sort(Comparator.comparing(t -> t.priority() == null ? 0 : t.priority()));
        MaintenanceStore.Execution execution = new MaintenanceStore.Execution(windowId,
                GetMaintenanceWindowExecutionResponse.builder().windowExecutionId(executionId)
                        .status(MaintenanceWindowExecutionStatus.IN_PROGRESS).startTime(start).build());
        store.executions.put(executionId, execution);
        for (GetMaintenanceWindowTaskResponse task : tasks) {
            String taskExecutionId = state.context.ids().requestId();
            MaintenanceStore.TaskRun run = new MaintenanceStore.TaskRun(GetMaintenanceWindowExecutionTaskResponse
                    .builder().windowExecutionId(executionId).taskExecutionId(taskExecutionId)
                    .taskArn(task.taskArn()).serviceRole(task.serviceRoleArn()).type(task.taskTypeAsString())
                    .priority(task.priority()).maxConcurrency(task.maxConcurrency()).maxErrors(task.maxErrors())
                    .status(MaintenanceWindowExecutionStatus.PENDING).alarmConfiguration(task.alarmConfiguration())
                    .build());
            execution.tasks.put(taskExecutionId, run);
        }
        execution.e = execution.e.toBuilder().taskIds(List.copyOf(execution.tasks.keySet())).build();
        int i = 0;
        for (MaintenanceStore.TaskRun run : new ArrayList<>(execution.tasks.values())) {
            GetMaintenanceWindowTaskResponse task = tasks.get(i++);
            if (execution.e.status() == MaintenanceWindowExecutionStatus.CANCELLING) {
                run.t = run.t.toBuilder().status(MaintenanceWindowExecutionStatus.CANCELLED)
                        .statusDetails("The maintenance window execution was cancelled before this task started.")
                        .build();
                continue;
            }
            runTask(store, window, execution, run, task);
        }
        List<MaintenanceWindowExecutionStatus> statuses = execution.tasks.values().stream().map(r -> r.t.status())
                .toList();
        MaintenanceWindowExecutionStatus status;
        String details = null;
        if (execution.e.status() == MaintenanceWindowExecutionStatus.CANCELLING) {
            status = MaintenanceWindowExecutionStatus.CANCELLED;
        } else if (statuses.stream().allMatch(s -> s == MaintenanceWindowExecutionStatus.SUCCESS)) {
            status = MaintenanceWindowExecutionStatus.SUCCESS;
            details = tasks.isEmpty() ? "No tasks to run." : null;
        } else {
            status = MaintenanceWindowExecutionStatus.FAILED;
            long failed = statuses.stream().filter(s -> s != MaintenanceWindowExecutionStatus.SUCCESS).count();
            details = failed + " of " + statuses.size() + " tasks failed.";
        }
        execution.e = execution.e.toBuilder().status(status).statusDetails(details).endTime(state.now()).build();
    }

    private void runTask(MaintenanceStore store, MaintenanceStore.Window window, MaintenanceStore.Execution execution,
            MaintenanceStore.TaskRun run, GetMaintenanceWindowTaskResponse task) {
        Instant start = state.now();
        run.t = run.t.toBuilder().status(MaintenanceWindowExecutionStatus.IN_PROGRESS).startTime(start).build();
        String cannot = switch (task.taskTypeAsString()) {
            case "RUN_COMMAND" -> "Gureum does not run commands: no SSM Agent runs on managed nodes here.";
            case "AUTOMATION" -> "Gureum does not run Automation runbooks (Systems Manager Automation is not served).";
            case "STEP_FUNCTIONS" -> "Gureum does not start Step Functions state machines (not served).";
            default -> null;
        };
        if (cannot != null) {
            run.t = run.t.toBuilder().status(MaintenanceWindowExecutionStatus.FAILED).statusDetails(cannot)
                    .endTime(state.now()).build();
            return;
        }
        List<Invocation> invocations = invocations(window, task);
        boolean failed = false;
        for (Invocation target : invocations) {
            String invocationId = state.context.ids().requestId();
            Map<String, String> pseudo = new LinkedHashMap<>();
            pseudo.put("WINDOW_ID", window.w.windowId());
            pseudo.put("WINDOW_TASK_ID", task.windowTaskId());
            pseudo.put("WINDOW_EXECUTION_ID", execution.e.windowExecutionId());
            pseudo.put("TASK_EXECUTION_ID", run.t.taskExecutionId());
            pseudo.put("INVOCATION_ID", invocationId);
            pseudo.put("WINDOW_TARGET_ID", target.windowTargetId() == null ? "" : target.windowTargetId());
            pseudo.put("TARGET_ID", target.resourceId() == null ? "" : target.resourceId());
            pseudo.put("TARGET_TYPE", target.resourceId() == null ? "" : "INSTANCE");
            pseudo.put("RESOURCE_ID", target.resourceId() == null ? "" : target.resourceId());
            pseudo.put("RESOURCE_TYPE", target.resourceId() == null ? "" : "INSTANCE");
            MaintenanceWindowLambdaParameters lambda = task.taskInvocationParameters() == null ? null
                    : task.taskInvocationParameters().lambda();
            String payload = lambda == null || lambda.payload() == null ? null
                    : substitute(lambda.payload().asUtf8String(), pseudo);
            Instant began = state.now();
            Result result = target.unresolved() != null ? new Result(false, target.unresolved())
                    : invoke(store, window, task, lambda, payload);
            failed |= !result.ok();
            Map<String, Object> parameters = new LinkedHashMap<>();
            if (payload != null) {
                parameters.put("payload", Base64.getEncoder().encodeToString(payload.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
            }
            if (lambda != null && lambda.qualifier() != null) {
                parameters.put("qualifier", lambda.qualifier());
            }
            if (lambda != null && lambda.clientContext() != null) {
                parameters.put("clientContext", lambda.clientContext());
            }
            run.invocations.add(MaintenanceWindowExecutionTaskInvocationIdentity.builder()
                    .windowExecutionId(execution.e.windowExecutionId()).taskExecutionId(run.t.taskExecutionId())
                    .invocationId(invocationId).taskType(task.taskTypeAsString()).parameters(json(parameters))
                    .status(result.ok() ? MaintenanceWindowExecutionStatus.SUCCESS
                            : MaintenanceWindowExecutionStatus.FAILED)
                    .statusDetails(truncate(result.details())).startTime(began).endTime(state.now())
                    .ownerInformation(target.ownerInformation()).windowTargetId(target.windowTargetId()).build());
        }
        run.t = run.t.toBuilder().status(failed ? MaintenanceWindowExecutionStatus.FAILED
                : MaintenanceWindowExecutionStatus.SUCCESS)
                .statusDetails(failed ? "One or more invocations failed." : null).endTime(state.now()).build();
    }

    record Invocation(String windowTargetId, String resourceId, String ownerInformation, String unresolved) {
    }

    record Result(boolean ok, String details) {
    }

    /** One invocation without targets, else one per managed node the targets name. */
    private static List<Invocation> invocations(MaintenanceStore.Window window, GetMaintenanceWindowTaskResponse task) {
        List<Invocation> out = new ArrayList<>();
        if (!task.hasTargets() || task.targets().isEmpty()) {
            out.add(new Invocation(null, null, null, null));
            return out;
        }
        for (Target t : task.targets()) {
            if ("InstanceIds".equals(t.key())) {
                t.values().forEach(id -> out.add(new Invocation(null, id, null, null)));
                continue;
            }
            for (String targetId : t.values()) {
                MaintenanceWindowTarget registered = window.targets.get(targetId);
                if (registered == null) {
                    continue;
                }
                for (Target rt : registered.targets()) {
                    if ("InstanceIds".equals(rt.key())) {
                        rt.values().forEach(id -> out.add(new Invocation(targetId, id,
                                registered.ownerInformation(), null)));
                    } else {
                        out.add(new Invocation(targetId, null, registered.ownerInformation(), "Gureum does not"
                                + " resolve targets by " + rt.key() + ": only InstanceIds targets are run."));
                    }
                }
            }
        }
        return out;
    }

    private Result invoke(MaintenanceStore store, MaintenanceStore.Window window,
            GetMaintenanceWindowTaskResponse task, MaintenanceWindowLambdaParameters lambda, String payload) {
        if (!clients.serves(LambdaClient.class)) {
            return new Result(false, "Lambda is not served by this server.");
        }
        Arn windowArn = Arn.of("ssm", store.region, store.account, "maintenancewindow/" + window.w.windowId());
        try {
            InvokeResponse response = state.unlocked(() -> clients.client(LambdaClient.class,
                    Caller.service(PRINCIPAL, windowArn.accountId(), windowArn.region(), windowArn.toString()))
                    .invoke(b -> b.functionName(task.taskArn()).invocationType(InvocationType.REQUEST_RESPONSE)
                            .qualifier(lambda == null ? null : lambda.qualifier())
                            .clientContext(lambda == null ? null : lambda.clientContext())
                            .payload(payload == null ? null : SdkBytes.fromUtf8String(payload))));
            if (response.functionError() != null) {
                String body = response.payload() == null ? "" : response.payload().asUtf8String();
                return new Result(false, "The function returned an error (" + response.functionError() + "): " + body);
            }
            return new Result(true, null);
        } catch (RuntimeException e) {
            String message = e instanceof software.amazon.awssdk.awscore.exception.AwsServiceException a
                    && a.awsErrorDetails() != null ? a.awsErrorDetails().errorCode() + ": "
                            + a.awsErrorDetails().errorMessage() : String.valueOf(e.getMessage());
            return new Result(false, message);
        }
    }

    private static String substitute(String text, Map<String, String> pseudo) {
        String out = text;
        for (var e : pseudo.entrySet()) {
            out = out.replace("{{" + e.getKey() + "}}", e.getValue());
        }
        return out;
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 250 ? s : s.substring(0, 247) + "...";
    }

    private static String json(Map<String, Object> m) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------ execution reads

    public DescribeMaintenanceWindowExecutionsResponse describeMaintenanceWindowExecutions(
            DescribeMaintenanceWindowExecutionsRequest r) {
        MaintenanceStore store = store();
        MaintenanceWindows.window(store, r.windowId());
        Map<String, List<String>> filters = MaintenanceWindows.filters(r.hasFilters() ? r.filters() : List.of(),
                Set.of("ExecutedBefore", "ExecutedAfter"));
        Instant before = time(filters.get("ExecutedBefore"));
        Instant after = time(filters.get("ExecutedAfter"));
        List<MaintenanceWindowExecution> all = new ArrayList<>();
        for (MaintenanceStore.Execution e : store.executions.values()) {
            Instant t = e.e.startTime();
            if (!e.windowId.equals(r.windowId()) || before != null && !t.isBefore(before)
                    || after != null && t.isBefore(after)) {
                continue;
            }
            all.add(MaintenanceWindowExecution.builder().windowId(e.windowId)
                    .windowExecutionId(e.e.windowExecutionId()).status(e.e.status()).statusDetails(e.e.statusDetails())
                    .startTime(t).endTime(e.e.endTime()).build());
        }
        java.util.Collections.reverse(all);
        MaintenanceWindows.Page<MaintenanceWindowExecution> page = MaintenanceWindows.page("executions", all,
                r.maxResults(), r.nextToken());
        return DescribeMaintenanceWindowExecutionsResponse.builder().windowExecutions(page.items())
                .nextToken(page.next()).build();
    }

    public GetMaintenanceWindowExecutionResponse getMaintenanceWindowExecution(GetMaintenanceWindowExecutionRequest r) {
        return execution(store(), r.windowExecutionId()).e;
    }

    public DescribeMaintenanceWindowExecutionTasksResponse describeMaintenanceWindowExecutionTasks(
            DescribeMaintenanceWindowExecutionTasksRequest r) {
        MaintenanceStore.Execution e = execution(store(), r.windowExecutionId());
        Map<String, List<String>> filters = MaintenanceWindows.filters(r.hasFilters() ? r.filters() : List.of(),
                Set.of("STATUS"));
        List<MaintenanceWindowExecutionTaskIdentity> all = e.tasks.values().stream().map(x -> x.t)
                .filter(t -> MaintenanceWindows.matches(filters, "STATUS", t.statusAsString()))
                .map(t -> MaintenanceWindowExecutionTaskIdentity.builder().windowExecutionId(t.windowExecutionId())
                        .taskExecutionId(t.taskExecutionId()).status(t.status()).statusDetails(t.statusDetails())
                        .startTime(t.startTime()).endTime(t.endTime()).taskArn(t.taskArn()).taskType(t.type())
                        .alarmConfiguration(t.alarmConfiguration()).build())
                .toList();
        MaintenanceWindows.Page<MaintenanceWindowExecutionTaskIdentity> page = MaintenanceWindows.page(
                "execution-tasks", all, r.maxResults(), r.nextToken());
        return DescribeMaintenanceWindowExecutionTasksResponse.builder().windowExecutionTaskIdentities(page.items())
                .nextToken(page.next()).build();
    }

    public GetMaintenanceWindowExecutionTaskResponse getMaintenanceWindowExecutionTask(
            GetMaintenanceWindowExecutionTaskRequest r) {
        return taskRun(execution(store(), r.windowExecutionId()), r.taskId()).t;
    }

    public DescribeMaintenanceWindowExecutionTaskInvocationsResponse describeMaintenanceWindowExecutionTaskInvocations(
            DescribeMaintenanceWindowExecutionTaskInvocationsRequest r) {
        MaintenanceStore.TaskRun run = taskRun(execution(store(), r.windowExecutionId()), r.taskId());
        Map<String, List<String>> filters = MaintenanceWindows.filters(r.hasFilters() ? r.filters() : List.of(),
                Set.of("STATUS"));
        List<MaintenanceWindowExecutionTaskInvocationIdentity> all = run.invocations.stream()
                .filter(i -> MaintenanceWindows.matches(filters, "STATUS", i.statusAsString())).toList();
        MaintenanceWindows.Page<MaintenanceWindowExecutionTaskInvocationIdentity> page = MaintenanceWindows.page(
                "invocations", all, r.maxResults(), r.nextToken());
        return DescribeMaintenanceWindowExecutionTaskInvocationsResponse.builder()
                .windowExecutionTaskInvocationIdentities(page.items()).nextToken(page.next()).build();
    }

    public GetMaintenanceWindowExecutionTaskInvocationResponse getMaintenanceWindowExecutionTaskInvocation(
            GetMaintenanceWindowExecutionTaskInvocationRequest r) {
        MaintenanceStore.TaskRun run = taskRun(execution(store(), r.windowExecutionId()), r.taskId());
        MaintenanceWindowExecutionTaskInvocationIdentity i = run.invocations.stream()
                .filter(x -> x.invocationId().equals(r.invocationId())).findFirst()
                .orElseThrow(() -> MaintenanceWindows.doesNotExist("Invocation " + r.invocationId()
                        + " does not exist in task execution " + r.taskId() + "."));
        return GetMaintenanceWindowExecutionTaskInvocationResponse.builder().windowExecutionId(i.windowExecutionId())
                .taskExecutionId(i.taskExecutionId()).invocationId(i.invocationId()).executionId(i.executionId())
                .taskType(i.taskType()).parameters(i.parameters()).status(i.status()).statusDetails(i.statusDetails())
                .startTime(i.startTime()).endTime(i.endTime()).ownerInformation(i.ownerInformation())
                .windowTargetId(i.windowTargetId()).build();
    }

    public CancelMaintenanceWindowExecutionResponse cancelMaintenanceWindowExecution(
            CancelMaintenanceWindowExecutionRequest r) {
        MaintenanceStore store = store();
        MaintenanceStore.Execution e = execution(store, r.windowExecutionId());
        if (e.e.status() == MaintenanceWindowExecutionStatus.IN_PROGRESS
                || e.e.status() == MaintenanceWindowExecutionStatus.PENDING) {
            e.e = e.e.toBuilder().status(MaintenanceWindowExecutionStatus.CANCELLING).build();
            store.revision++;
        }
        return CancelMaintenanceWindowExecutionResponse.builder().windowExecutionId(r.windowExecutionId()).build();
    }

    private MaintenanceStore store() {
        RequestContext ctx = RequestContext.current();
        return state.maintenance.get(ctx.accountId(), ctx.region());
    }

    private static MaintenanceStore.Execution execution(MaintenanceStore store, String id) {
        MaintenanceStore.Execution e = store.executions.get(id);
        if (e == null) {
            throw MaintenanceWindows.doesNotExist("Maintenance window execution " + id + " does not exist.");
        }
        return e;
    }

    private static MaintenanceStore.TaskRun taskRun(MaintenanceStore.Execution e, String id) {
        MaintenanceStore.TaskRun run = e.tasks.get(id);
        if (run == null) {
            throw MaintenanceWindows.doesNotExist("Task execution " + id + " does not exist in maintenance window"
                    + " execution " + e.e.windowExecutionId() + ".");
        }
        return run;
    }

    private static Instant time(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(values.get(0)).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw SsmErrors.validation("Filter value " + values.get(0) + " is not an ISO 8601 date and time, such"
                    + " as 2024-11-04T05:00:00Z.");
        }
    }
}
