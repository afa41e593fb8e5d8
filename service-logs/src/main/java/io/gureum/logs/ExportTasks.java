package io.gureum.logs;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudwatchlogs.model.CancelExportTaskRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CancelExportTaskResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateExportTaskRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateExportTaskResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeExportTasksRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeExportTasksResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ExportTask;
import software.amazon.awssdk.services.cloudwatchlogs.model.ExportTaskExecutionInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ExportTaskStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidOperationException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LimitExceededException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Export tasks to S3 (S3Export.html, API_CreateExportTask.html). CreateExportTask checks the bucket by writing
 * {@code <prefix>/aws-logs-write-test} as {@code logs.amazonaws.com}, then a worker writes, for each stream with
 * events from {@code from} to {@code to} (both inclusive), the gzipped object {@code <prefix>/<taskId>/<stream>/000000.gz}
 * of lines {@code <ISO-8601 timestamp> <message>}; the task goes PENDING → RUNNING → COMPLETED. "Each account can
 * only have one active (RUNNING or PENDING) export task at a time." Only tasks still active can be cancelled.
 */
final class ExportTasks {
    static final String DEFAULT_PREFIX = "exportedlogs";

    /** An export task; its status changes under its own lock. */
    static final class Task {
        final String taskId;
        final String taskName;
        final String logGroupName;
        final String logStreamNamePrefix;
        final long from;
        final long to;
        final String destination;
        final String destinationPrefix;
        final long creationTime;
        private String status = "PENDING";
        private String message = "Pending";
        private Long completionTime;

        Task(String taskId, String taskName, String logGroupName, String logStreamNamePrefix, long from, long to,
                String destination, String destinationPrefix, long creationTime) {
            this.taskId = taskId;
            this.taskName = taskName;
            this.logGroupName = logGroupName;
            this.logStreamNamePrefix = logStreamNamePrefix;
            this.from = from;
            this.to = to;
            this.destination = destination;
            this.destinationPrefix = destinationPrefix;
            this.creationTime = creationTime;
        }

        synchronized boolean active() {
            return status.equals("PENDING") || status.equals("RUNNING");
        }

        synchronized boolean move(String from, String to, String message, Long completionTime) {
            if (!status.equals(from)) {
                return false;
            }
            this.status = to;
            this.message = message;
            this.completionTime = completionTime;
            return true;
        }

        synchronized ExportTask describe() {
            return ExportTask.builder().taskId(taskId).taskName(taskName).logGroupName(logGroupName).from(from).to(to)
                    .destination(destination).destinationPrefix(destinationPrefix)
                    .status(ExportTaskStatus.builder().code(status).message(message).build())
                    .executionInfo(ExportTaskExecutionInfo.builder().creationTime(creationTime)
                            .completionTime(completionTime).build())
                    .build();
        }

        synchronized String status() {
            return status;
        }

        /** The task as {@code --data-dir} records it. */
        synchronized LogsRecordValues.ExportTaskValue value() {
            return new LogsRecordValues.ExportTaskValue(taskId, taskName, logGroupName, logStreamNamePrefix, from, to,
                    destination, destinationPrefix, creationTime, status, message, completionTime);
        }

        /**
         * A task recorded before a restart. One that was pending or running then is marked failed: its export was
         * cut short (objects it wrote stay in the bucket), and Gureum does not start it again by itself.
         */
        static Task restored(LogsRecordValues.ExportTaskValue v, long now) {
            Task t = new Task(v.taskId(), v.taskName(), v.logGroupName(), v.logStreamNamePrefix(), v.from(), v.to(),
                    v.destination(), v.destinationPrefix(), v.creationTime());
            t.status = v.status();
            t.message = v.message();
            t.completionTime = v.completionTime();
            if (t.active()) {
                t.move(t.status, "FAILED", "Failed: the server stopped while the task ran", now);
            }
            return t;
        }
    }

    private final LogsStores stores;
    private final ServiceClients clients;
    private final Executor workers;
    private final ResourceIds ids;
    /** Told when a task's status changed on a worker (the change is recorded for --data-dir). */
    private final java.util.function.Consumer<LogsStore> changed;

    ExportTasks(LogsStores stores, ServiceClients clients, Executor workers, ResourceIds ids,
            java.util.function.Consumer<LogsStore> changed) {
        this.changed = changed;
        this.stores = stores;
        this.clients = clients;
        this.workers = workers;
        this.ids = ids;
    }

    public CreateExportTaskResponse createExportTask(CreateExportTaskRequest request) {
        LogsStore store = stores.current();
        LogGroup group = store.group(request.logGroupName());
        if (request.to() < request.from()) {
            throw LogsErrors.invalidParameter("The 'to' time must be later than the 'from' time.");
        }
        String prefix = request.destinationPrefix() == null ? DEFAULT_PREFIX : request.destinationPrefix();
        synchronized (store.exportTasks) {
            if (store.exportTasks.values().stream().anyMatch(Task::active)) {
                throw ModeledErrors.of(LimitExceededException.class, "Resource limit exceeded.");
            }
            S3Client s3 = s3(group);
            try {
                s3.putObject(b -> b.bucket(request.destination()).key(prefix + "/aws-logs-write-test"),
                        RequestBody.fromString("Permission Check Successful"));
            } catch (NoSuchBucketException e) {
                throw LogsErrors.invalidParameter("The specified bucket does not exist");
            } catch (RuntimeException e) {
                throw LogsErrors.invalidParameter("GetBucketAcl call on the given bucket failed. "
                        + "Please check if CloudWatch Logs has been granted permission to perform this operation.");
            }
            Task task = new Task(ids.requestId(), request.taskName(), group.name, request.logStreamNamePrefix(),
                    request.from(), request.to(), request.destination(), prefix, stores.now());
            store.exportTasks.put(task.taskId, task);
            try {
                workers.execute(() -> {
                    run(group, task, s3);
                    changed.accept(store);
                });
            } catch (RejectedExecutionException closing) {
                task.move("PENDING", "CANCELLED", "Cancelled", stores.now());
            }
            return CreateExportTaskResponse.builder().taskId(task.taskId).build();
        }
    }

    private S3Client s3(LogGroup group) {
        if (!clients.serves(S3Client.class)) {
            throw LogsErrors.invalidParameter("The specified bucket does not exist");
        }
        return clients.client(S3Client.class,
                Caller.service(SubscriptionDelivery.PRINCIPAL, group.account, group.region, group.arn()));
    }

    private void run(LogGroup group, Task task, S3Client s3) {
        if (!task.move("PENDING", "RUNNING", "Running", null)) {
            return;
        }
        try {
            for (LogStream stream : group.streams.values()) {
                if (task.logStreamNamePrefix != null && !stream.name.startsWith(task.logStreamNamePrefix)) {
                    continue;
                }
                List<String> lines = new ArrayList<>();
                for (StoredEvent e : stream.all()) {
                    if (e.timestamp() >= task.from && e.timestamp() <= task.to) {
                        lines.add(Instant.ofEpochMilli(e.timestamp()) + " " + e.message());
                    }
                }
                if (lines.isEmpty() || !task.active()) {
                    continue;
                }
                String key = task.destinationPrefix + "/" + task.taskId + "/" + stream.name + "/000000.gz";
                s3.putObject(b -> b.bucket(task.destination).key(key).contentEncoding("gzip")
                        .contentType("application/octet-stream"), RequestBody.fromBytes(gzip(lines)));
            }
            task.move("RUNNING", "COMPLETED", "Completed successfully", stores.now());
        } catch (RuntimeException e) {
            task.move("RUNNING", "FAILED", "Failed: " + e.getMessage(), stores.now());
        }
    }

    private static byte[] gzip(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** By {@code taskId} or {@code statusCode}, newest first, {@code limit} 1–50 with {@code nextToken}. */
    public DescribeExportTasksResponse describeExportTasks(DescribeExportTasksRequest request) {
        LogsStore store = stores.current();
        List<Task> all = new ArrayList<>(store.exportTasks.values());
        all.sort((a, b) -> a.creationTime != b.creationTime ? Long.compare(b.creationTime, a.creationTime)
                : a.taskId.compareTo(b.taskId));
        String status = request.statusCodeAsString();
        all.removeIf(t -> (request.taskId() != null && !request.taskId().equals(t.taskId))
                || (status != null && !status.equals(t.status())));
        int from = 0;
        if (request.nextToken() != null) {
            try {
                from = Integer.parseInt(PageTokens.decode("exportTasks", request.nextToken()));
            } catch (NumberFormatException e) {
                throw LogsErrors.invalidToken();
            }
        }
        int limit = request.limit() == null ? 50 : request.limit();
        int to = Math.min(all.size(), from + limit);
        List<ExportTask> out = new ArrayList<>();
        for (Task t : all.subList(Math.min(from, to), to)) {
            out.add(t.describe());
        }
        return DescribeExportTasksResponse.builder().exportTasks(out)
                .nextToken(to < all.size() ? PageTokens.encode("exportTasks", Integer.toString(to)) : null).build();
    }

    public CancelExportTaskResponse cancelExportTask(CancelExportTaskRequest request) {
        Task task = stores.current().exportTasks.get(request.taskId());
        if (task == null) {
            throw LogsErrors.notFound("The specified export task does not exist.");
        }
        if (!task.move("PENDING", "CANCELLED", "Cancelled", stores.now())
                && !task.move("RUNNING", "CANCELLED", "Cancelled", stores.now())) {
            throw ModeledErrors.of(InvalidOperationException.class,
                    "The specified export task has already finished. Only PENDING or RUNNING tasks can be cancelled.");
        }
        return CancelExportTaskResponse.builder().build();
    }
}
