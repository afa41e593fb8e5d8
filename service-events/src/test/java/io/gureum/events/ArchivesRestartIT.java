package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.Snapshots;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Archives with their events, and replays, after a restart on the same --data-dir. */
class ArchivesRestartIT {
    private static final String ACCOUNT = "000000000000";
    private static final String BUS = "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/default";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    private static void put(EventBridgeClient events, int n) {
        events.putEvents(b -> b.entries(e -> e.source("shop").detailType("order").detail("{\"n\":" + n + "}")));
    }

    /** Waits for the timer's workers; no bound on how fast, only a generous cap. */
    private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        for (int i = 0; i < 1200 && !condition.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.get(), "condition not reached");
    }

    private static List<JsonNode> drain(SqsClient sqs, String url, int atLeast) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < 60 && out.size() < atLeast; i++) {
            for (Message m : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                out.add(JSON.readTree(m.body()));
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        return out;
    }

    @Test
    void archivedEventsAndReplaysSurviveAndAnInterruptedReplayFinishes() throws Exception {
        String url;
        String archiveArn;
        long size;
        Instant from;
        Instant to;
        try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            url = sqs.createQueue(b -> b.queueName("inbox")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            events.putRule(b -> b.name("orders").eventPattern("{\"source\":[\"shop\"]}"));
            events.putTargets(b -> b.rule("orders").targets(t -> t.id("q").arn(queueArn)));
            archiveArn = events.createArchive(b -> b.archiveName("all").eventSourceArn(BUS).description("every order")
                    .eventPattern("{\"source\":[\"shop\"]}").retentionDays(7)).archiveArn();
            events.createArchive(b -> b.archiveName("gone").eventSourceArn(BUS));
            from = g.context().clock().now().minusSeconds(1);
            put(events, 1);
            put(events, 2);
            events.deleteArchive(b -> b.archiveName("gone"));
            g.context().clock().advance(Duration.ofSeconds(2));
            to = g.context().clock().now();
            String arn = archiveArn;
            events.startReplay(b -> b.replayName("done").eventSourceArn(arn).eventStartTime(from).eventEndTime(to)
                    .destination(d -> d.arn(BUS)));
            waitFor(() -> events.describeReplay(b -> b.replayName("done")).state() == ReplayState.COMPLETED);
            size = events.describeArchive(b -> b.archiveName("all")).sizeBytes();
            assertEquals(4, drain(sqs, url, 4).size(), "two events and their replay");
            // A replay the server was running when it stopped, as its record says (kill -9 in the middle of it).
            g.context().state().put(EventsStores.SERVICE, ACCOUNT, "us-east-1", ArchiveRecords.REPLAY, "cut",
                    new ArchiveRecords.ReplayRecord("cut", "arn:aws:events:us-east-1:" + ACCOUNT + ":replay/cut",
                            archiveArn, null, from, to, BUS, List.of(), to, "RUNNING", null, null, null));
        }
        try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g);
                SqsClient sqs = AwsClients.client(SqsClient.builder(), g)) {
            var archive = events.describeArchive(b -> b.archiveName("all"));
            assertEquals(2, archive.eventCount());
            assertEquals(size, archive.sizeBytes());
            assertEquals("every order", archive.description());
            assertEquals(7, archive.retentionDays());
            assertThrows(ResourceNotFoundException.class, () -> events.describeArchive(b -> b.archiveName("gone")));
            var done = events.describeReplay(b -> b.replayName("done"));
            assertEquals(ReplayState.COMPLETED, done.state());
            assertEquals(archiveArn, done.eventSourceArn());

            waitFor(() -> events.describeReplay(b -> b.replayName("cut")).state() == ReplayState.COMPLETED);
            List<JsonNode> replayed = drain(sqs, url, 2);
            assertEquals(2, replayed.size(), "the interrupted replay sends the archived events after the restart: " + replayed);
            assertTrue(replayed.stream().allMatch(e -> e.get("replay-name").asText().equals("cut")));

            put(events, 3);
            assertEquals(3, events.describeArchive(b -> b.archiveName("all")).eventCount(), "archiving goes on");
            g.context().clock().advance(Duration.ofDays(8));
            assertEquals(0, events.describeArchive(b -> b.archiveName("all")).eventCount());
        }
        try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g)) {
            assertEquals(0, events.describeArchive(b -> b.archiveName("all")).eventCount(),
                    "events past retention stay gone");
        }
    }

    @Test
    void aSnapshotTakenWhileServingKeepsArchivedEvents() throws Exception {
        int[] count = {0};
        System.setProperty("gureum.compactBytes", "8192");
        try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g)) {
            events.createArchive(b -> b.archiveName("snap").eventSourceArn(BUS));
            Snapshots.writeUntilSnapshot(dataDir, n -> {
                count[0]++;
                put(events, n);
            });
            put(events, -1);
        } finally {
            System.clearProperty("gureum.compactBytes");
        }
        try (Gureum g = start(); EventBridgeClient events = AwsClients.client(EventBridgeClient.builder(), g)) {
            assertEquals(count[0] + 1, events.describeArchive(b -> b.archiveName("snap")).eventCount());
        }
    }
}
