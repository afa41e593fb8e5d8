package io.gureum.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.persist.DurableState;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.testing.AwsClients;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A crash between a schedule's firing and its journaling loses no occurrence: the target is invoked (its SQS message
 * journaled) before the schedule's record names the occurrence as fired. The journal of a run whose one-time schedule
 * fired is cut at every record boundary: wherever the restored schedule counts the occurrence as fired, the queue
 * holds its message; and a server started on the cut just before the fired record fires the occurrence again (at
 * least once, as AWS delivers).
 */
class SchedulerFiringCrashIT {
    @TempDir
    Path dataDir;
    @TempDir
    Path scratch;

    private static Gureum start(Path dir) {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dir).services("scheduler", "sqs").build());
    }

    @Test
    void everyCutOfTheJournalKeepsAFiredOccurrencesDeliveryOrFiresItAgain() throws Exception {
        Path journal = dataDir.resolve("state").resolve("journal-000000000000.log");
        long from;
        String url;
        try (Gureum g = start(dataDir); SchedulerClient scheduler = AwsClients.client(SchedulerClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            url = sqs.createQueue(b -> b.queueName("fired")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            LocalDateTime when = LocalDateTime.ofInstant(g.context().clock().now(), ZoneId.of("UTC")).plusHours(1)
                    .truncatedTo(ChronoUnit.SECONDS);
            scheduler.createSchedule(CreateScheduleRequest.builder().name("once")
                    .scheduleExpression(SchedulerTestSupport.at(when))
                    .flexibleTimeWindow(f -> f.mode(FlexibleTimeWindowMode.OFF))
                    .target(t -> t.arn(arn).roleArn(SchedulerTestSupport.ROLE).input("{\"n\":1}")).build());
            from = Files.size(journal);
            g.context().clock().advance(Duration.ofHours(2));
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).visibilityTimeout(0))
                    .messages();
            assertEquals(1, got.size(), "the occurrence is delivered");
        } // the stop writes what the firing journaled after the delivery
        byte[] bytes = Files.readAllBytes(journal);
        long lastUnfired = -1;
        boolean firedSomewhere = false;
        for (long cut : frameStarts(journal, bytes.length)) {
            if (cut < from) {
                continue;
            }
            Map<String, List<StateRecord>> restored = restore(bytes, cut);
            boolean fired = restored.getOrDefault("scheduler", List.of()).stream()
                    .filter(r -> r.kind().equals("schedule"))
                    .anyMatch(r -> !r.value(JsonNode.class).path("lastFired").isNull()
                            && !r.value(JsonNode.class).path("lastFired").isMissingNode());
            boolean delivered = restored.getOrDefault("sqs", List.of()).stream()
                    .anyMatch(r -> r.kind().equals("message"));
            if (fired) {
                firedSomewhere = true;
                assertTrue(delivered, "journal cut at byte " + cut + ": the occurrence counts as fired, its message is lost");
            } else {
                lastUnfired = cut;
            }
        }
        assertTrue(firedSomewhere, "the whole journal records the occurrence as fired");
        assertTrue(lastUnfired >= from, "some cut precedes the fired record");
        // A crash just before the fired record: the message is kept, and the restart fires the occurrence again.
        Path copy = copyCut("restart", bytes, lastUnfired);
        try (Gureum g = start(copy); SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            Set<String> ids = new HashSet<>();
            // Each message received stays hidden for 10 minutes: the second receive waits for the one fired again.
            for (int i = 0; i < 2 && ids.size() < 2; i++) {
                sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20).visibilityTimeout(600).maxNumberOfMessages(10))
                        .messages().forEach(m -> ids.add(m.messageId()));
            }
            assertEquals(2, ids.size(), "the delivered message, and the occurrence fired again after the restart");
        }
    }

    private Path copyCut(String name, byte[] journal, long cut) throws IOException {
        Path copy = Files.createDirectories(scratch.resolve(name + "-" + cut));
        Files.copy(dataDir.resolve("FORMAT"), copy.resolve("FORMAT"));
        Files.createDirectories(copy.resolve("state"));
        Files.write(copy.resolve("state").resolve("journal-000000000000.log"), java.util.Arrays.copyOf(journal, (int) cut));
        return copy;
    }

    /** The records a start finds in a copy of the data directory whose journal ends at {@code cut}. */
    private Map<String, List<StateRecord>> restore(byte[] journal, long cut) throws IOException {
        Path copy = copyCut("cut", journal, cut);
        try (DurableState state = DurableState.open(copy)) {
            return state.takeRestored();
        }
    }

    /** Where each record of a journal file starts, and its end ({@code [int length][int CRC32C][payload]} frames). */
    private static List<Long> frameStarts(Path journal, long size) throws IOException {
        List<Long> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(journal))) {
            long position = 0;
            while (position < size) {
                out.add(position);
                int length = in.readInt();
                in.readInt();
                in.skipNBytes(length);
                position += 8 + length;
            }
            out.add(position);
        }
        return out;
    }
}
