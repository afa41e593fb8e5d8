package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.ExportTask;
import software.amazon.awssdk.services.cloudwatchlogs.model.ExportTaskStatusCode;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidOperationException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Export tasks write a group's events to an S3 bucket of the same server, with AWS's key layout. */
class ExportTasksIT extends LogsTestSupport {

    static ExportTask await(String taskId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            ExportTask t = logs.describeExportTasks(b -> b.taskId(taskId)).exportTasks().get(0);
            if (t.status().code() != ExportTaskStatusCode.PENDING && t.status().code() != ExportTaskStatusCode.RUNNING) {
                return t;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("export task " + taskId + " did not end");
    }

    static String gunzip(byte[] bytes) throws Exception {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void exportsEachStreamsEventsInTheRangeToS3() throws Exception {
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), gureum)) {
            String bucket = unique("export-bucket").toLowerCase();
            s3.createBucket(b -> b.bucket(bucket));
            String group = groupWithStream("a");
            logs.createLogStream(b -> b.logGroupName(group).logStreamName("b"));
            logs.createLogStream(b -> b.logGroupName(group).logStreamName("other"));
            long t = now() - 10_000;
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("a").logEvents(event(t, "first"),
                    event(t + 1000, "second"), event(t + 5000, "too late")));
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("b").logEvents(event(t + 500, "in b")));
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName("other").logEvents(event(t, "not this prefix")));
            String taskId = logs.createExportTask(b -> b.taskName("nightly").logGroupName(group).from(t).to(t + 1000)
                    .destination(bucket).destinationPrefix("logs").logStreamNamePrefix("a")).taskId();
            ExportTask task = await(taskId);
            assertEquals(ExportTaskStatusCode.COMPLETED, task.status().code());
            assertEquals("nightly", task.taskName());
            assertEquals(bucket, task.destination());
            assertEquals("logs", task.destinationPrefix());
            assertTrue(task.executionInfo().completionTime() >= task.executionInfo().creationTime());

            List<String> keys = s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
            assertEquals(java.util.Set.of("logs/aws-logs-write-test", "logs/" + taskId + "/a/000000.gz"),
                    java.util.Set.copyOf(keys));
            assertEquals(2, keys.size());
            String exported = gunzip(s3.getObjectAsBytes(b -> b.bucket(bucket).key("logs/" + taskId + "/a/000000.gz"))
                    .asByteArray());
            assertEquals(Instant.ofEpochMilli(t) + " first\n" + Instant.ofEpochMilli(t + 1000) + " second\n", exported);

            // Finished tasks cannot be cancelled.
            assertError(InvalidOperationException.class, "InvalidOperationException", 400, null,
                    () -> logs.cancelExportTask(b -> b.taskId(taskId)));
            assertEquals(1, logs.describeExportTasks(b -> b.statusCode(ExportTaskStatusCode.COMPLETED)).exportTasks()
                    .stream().filter(x -> x.taskId().equals(taskId)).count());
        }
    }

    @Test
    void errors() {
        String group = groupWithStream("s");
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The specified bucket does not exist", () -> logs.createExportTask(b -> b.logGroupName(group).from(0L)
                        .to(10L).destination(unique("no-such-bucket"))));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.createExportTask(b -> b.logGroupName(group + "-none").from(0L).to(10L).destination("x")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.createExportTask(b -> b.logGroupName(group).from(10L).to(0L).destination("x")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.cancelExportTask(b -> b.taskId("00000000-0000-0000-0000-000000000000")));
    }
}
