package io.gureum.sqs;

import io.gureum.core.spi.ServiceContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.model.CancelMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.CancelMessageMoveTaskResponse;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksRequest;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResponse;
import software.amazon.awssdk.services.sqs.model.ListMessageMoveTasksResultEntry;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskRequest;
import software.amazon.awssdk.services.sqs.model.StartMessageMoveTaskResponse;

/**
 * Dead-letter queue redrive: StartMessageMoveTask moves the visible messages of a dead-letter queue
 * back to their source queues (or to a given destination), at most MaxNumberOfMessagesPerSecond, in
 * the background; ListMessageMoveTasks and CancelMessageMoveTask observe and stop it. See
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
 */
final class MoveTasks {
    private static final long TICK_MS = 100;

    static final class Task {
        final String handle;
        final String sourceArn;
        final String destinationArn;
        final Integer rate;
        final long startedAt;
        final long toMove;
        volatile String status = "RUNNING";
        volatile long moved;
        volatile String failureReason;
        ScheduledFuture<?> ticker;

        Task(String handle, String sourceArn, String destinationArn, Integer rate, long startedAt, long toMove) {
            this.handle = handle;
            this.sourceArn = sourceArn;
            this.destinationArn = destinationArn;
            this.rate = rate;
            this.startedAt = startedAt;
            this.toMove = toMove;
        }
    }

    private final ServiceContext context;
    private final SqsQueues queues;
    private final ScheduledExecutorService timers;
    private final Map<String, List<Task>> bySource = new ConcurrentHashMap<>();

    MoveTasks(ServiceContext context, SqsQueues queues, ScheduledExecutorService timers) {
        this.context = context;
        this.queues = queues;
        this.timers = timers;
    }

    private long now() {
        return context.clock().now().toEpochMilli();
    }

    public StartMessageMoveTaskResponse startMessageMoveTask(StartMessageMoveTaskRequest request) {
        return StartMessageMoveTaskResponse.builder().taskHandle(start(request.sourceArn(),
                request.destinationArn(), request.maxNumberOfMessagesPerSecond())).build();
    }

    public CancelMessageMoveTaskResponse cancelMessageMoveTask(CancelMessageMoveTaskRequest request) {
        return CancelMessageMoveTaskResponse.builder().approximateNumberOfMessagesMoved(cancel(request.taskHandle()))
                .build();
    }

    public ListMessageMoveTasksResponse listMessageMoveTasks(ListMessageMoveTasksRequest request) {
        return ListMessageMoveTasksResponse.builder().results(list(request.sourceArn(), request.maxResults())).build();
    }

    private String start(String sourceArn, String destinationArn, Integer rate) {
        if (sourceArn == null || sourceArn.isEmpty()) {
            throw SqsErrors.missingParameter("SourceArn");
        }
        Queue source = queues.byArn(sourceArn);
        if (source == null || source.deleted()) {
            throw SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
        }
        boolean isDeadLetterQueue = queues.all().stream().anyMatch(q -> {
            Redrive.Policy p = q.redrivePolicy();
            return p != null && p.deadLetterTargetArn().equals(source.arnText);
        });
        if (!isDeadLetterQueue) {
            throw SqsErrors.invalidParameterValue("Source queue must be configured as a Dead Letter Queue.");
        }
        if (destinationArn != null && !destinationArn.isEmpty()) {
            Queue dest = queues.byArn(destinationArn);
            if (dest == null || dest.deleted()) {
                throw SqsErrors.resourceNotFound(
                        "The resource that you specified for the DestinationArn parameter doesn't exist.");
            }
        }
        if (rate != null && (rate < 1 || rate > 500)) {
            throw SqsErrors.invalidParameterValue("MaxNumberOfMessagesPerSecond", rate,
                    "MaxNumberOfMessagesPerSecond must be between 1 and 500.");
        }
        List<Task> tasks = bySource.computeIfAbsent(sourceArn, k -> new ArrayList<>());
        Task task;
        synchronized (tasks) {
            if (tasks.stream().anyMatch(t -> t.status.equals("RUNNING"))) {
                throw SqsErrors.invalidParameterValue("There is already a task running. Only one active task is "
                        + "allowed for a source queue arn at a given time.");
            }
            String handle = Base64.getEncoder().encodeToString(("{\"taskId\":\"" + context.ids().requestId()
                    + "\",\"sourceArn\":\"" + sourceArn + "\"}").getBytes(StandardCharsets.UTF_8));
            task = new Task(handle, sourceArn, destinationArn == null || destinationArn.isEmpty() ? null
                    : destinationArn, rate, now(), source.approximateVisible(now()));
            tasks.add(0, task);
        }
        task.ticker = timers.scheduleAtFixedRate(() -> tick(task), 0, TICK_MS, TimeUnit.MILLISECONDS);
        return task.handle;
    }

    private void tick(Task task) {
        try {
            if (!task.status.equals("RUNNING")) {
                task.ticker.cancel(false);
                return;
            }
            Queue source = queues.byArn(task.sourceArn);
            long remaining = task.toMove - task.moved;
            if (source == null || source.deleted()) {
                finish(task, "FAILED", "AWS.SimpleQueueService.NonExistentQueue");
                return;
            }
            int batch = (int) Math.min(remaining, task.rate == null ? 1000 : Math.max(1, task.rate * TICK_MS / 1000));
            List<SqsMessage> taken = batch <= 0 ? List.of() : source.takeForMove(batch, now());
            for (int i = 0; i < taken.size(); i++) {
                SqsMessage m = taken.get(i);
                String target = task.destinationArn != null ? task.destinationArn : m.deadLetterSourceArn;
                Queue dest = target == null ? null : queues.byArn(target);
                if (dest == null || dest.deleted()) {
                    // This message and the rest of the batch go back where they were taken from.
                    for (SqsMessage back : taken.subList(i, taken.size())) {
                        source.acceptMoved(List.of(back), back.deadLetterSourceArn, now(), true);
                    }
                    source.recordGone(taken.subList(i, taken.size()));
                    finish(task, "FAILED", "AWS.SimpleQueueService.NonExistentQueue");
                    return;
                }
                // Recorded in the destination before it is recorded gone here: a crash between the two keeps it.
                dest.acceptMoved(List.of(m), source.arnText, now(), false);
                source.recordGone(List.of(m));
                task.moved++;
            }
            if (taken.isEmpty() || task.moved >= task.toMove) {
                finish(task, "COMPLETED", null);
            }
        } catch (RuntimeException e) {
            finish(task, "FAILED", e.getMessage());
        }
    }

    private static void finish(Task task, String status, String reason) {
        task.status = status;
        task.failureReason = reason;
        if (task.ticker != null) {
            task.ticker.cancel(false);
        }
    }

    private long cancel(String handle) {
        if (handle == null || handle.isEmpty()) {
            throw SqsErrors.missingParameter("TaskHandle");
        }
        for (List<Task> tasks : bySource.values()) {
            synchronized (tasks) {
                for (Task t : tasks) {
                    if (t.handle.equals(handle)) {
                        if (!t.status.equals("RUNNING")) {
                            throw SqsErrors.resourceNotFound("Only active tasks can be cancelled.");
                        }
                        finish(t, "CANCELLED", null);
                        return t.moved;
                    }
                }
            }
        }
        throw SqsErrors.resourceNotFound("Task does not exist.");
    }

    private List<ListMessageMoveTasksResultEntry> list(String sourceArn, Integer maxResults) {
        if (sourceArn == null || sourceArn.isEmpty()) {
            throw SqsErrors.missingParameter("SourceArn");
        }
        Queue source = queues.byArn(sourceArn);
        if (source == null || source.deleted()) {
            throw SqsErrors.resourceNotFound("The resource that you specified for the SourceArn parameter doesn't exist.");
        }
        int max = maxResults == null ? 1 : maxResults;
        if (max < 1 || max > 10) {
            throw SqsErrors.invalidParameterValue("MaxResults", max, "MaxResults must be between 1 and 10.");
        }
        List<Task> tasks = bySource.getOrDefault(sourceArn, List.of());
        List<ListMessageMoveTasksResultEntry> out = new ArrayList<>();
        synchronized (tasks) {
            for (Task t : tasks) {
                if (out.size() >= max) {
                    break;
                }
                out.add(ListMessageMoveTasksResultEntry.builder()
                        .taskHandle(t.status.equals("RUNNING") ? t.handle : null)
                        .status(t.status).sourceArn(t.sourceArn).destinationArn(t.destinationArn)
                        .maxNumberOfMessagesPerSecond(t.rate).approximateNumberOfMessagesMoved(t.moved)
                        .approximateNumberOfMessagesToMove(t.toMove).failureReason(t.failureReason)
                        .startedTimestamp(t.startedAt).build());
            }
        }
        return out;
    }
}
