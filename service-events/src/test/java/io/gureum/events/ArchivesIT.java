package io.gureum.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.ArchiveState;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.IllegalStatusException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

class ArchivesIT extends EventsTestSupport {
    private static final String DEFAULT_BUS = "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/default";

    private static void put(String source, int n) {
        events.putEvents(b -> b.entries(PutEventsRequestEntry.builder().source(source).detailType("t")
                .detail("{\"n\":" + n + "}").build()));
    }

    @Test
    void archiveKeepsMatchingEventsAndReplaySendsThemBack() {
        String source = unique("app");
        String archive = unique("arch");
        String archiveArn = events.createArchive(b -> b.archiveName(archive).eventSourceArn(DEFAULT_BUS)
                .eventPattern("{\"source\":[\"" + source + "\"]}")).archiveArn();
        assertEquals("arn:aws:events:us-east-1:" + ACCOUNT + ":archive/" + archive, archiveArn);
        Instant start = gureum.context().clock().now().minusSeconds(1);
        put(source, 1);
        put(source, 2);
        put("unrelated", 3);
        var d = events.describeArchive(b -> b.archiveName(archive));
        assertEquals(2, d.eventCount());
        assertTrue(d.sizeBytes() > 0);
        assertEquals(ArchiveState.ENABLED, d.state());
        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                "Archive " + archive + " already exists.",
                () -> events.createArchive(b -> b.archiveName(archive).eventSourceArn(DEFAULT_BUS)));

        // a rule made after the events: only the replay brings them to it
        String rule = unique("late");
        String url = ruleToQueue(rule, "{\"source\":[\"" + source + "\"]}");
        gureum.context().clock().advance(Duration.ofSeconds(2));
        Instant end = gureum.context().clock().now();
        String replay = unique("replay");
        var started = events.startReplay(b -> b.replayName(replay).eventSourceArn(archiveArn).eventStartTime(start)
                .eventEndTime(end).destination(x -> x.arn(DEFAULT_BUS)));
        assertEquals(ReplayState.STARTING, started.state());
        assertEquals(2, receive(url, 2).stream().map(m -> json(m.body())).filter(e -> e.get("replay-name").asText()
                .equals(replay)).count());
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (events.describeReplay(b -> b.replayName(replay)).state() != ReplayState.COMPLETED) {
            if (System.nanoTime() > deadline) {
                fail("replay did not complete");
            }
            Thread.onSpinWait();
        }
        var r = events.describeReplay(b -> b.replayName(replay));
        assertEquals(archiveArn, r.eventSourceArn());
        assertEquals(DEFAULT_BUS, r.destination().arn());
        assertTrue(events.listReplays(b -> b.namePrefix(replay)).replays().size() == 1);
        assertError(IllegalStatusException.class, "IllegalStatusException", 400, null,
                () -> events.cancelReplay(b -> b.replayName(replay)));
        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400, null,
                () -> events.startReplay(b -> b.replayName(replay).eventSourceArn(archiveArn).eventStartTime(start)
                        .eventEndTime(end).destination(x -> x.arn(DEFAULT_BUS))));
        // replayed events are not archived again
        assertEquals(2, events.describeArchive(b -> b.archiveName(archive)).eventCount());
    }

    @Test
    void retentionOnTheClockAndErrors() {
        String source = unique("app");
        String archive = unique("short");
        events.createArchive(b -> b.archiveName(archive).eventSourceArn(DEFAULT_BUS).retentionDays(1)
                .eventPattern("{\"source\":[\"" + source + "\"]}"));
        put(source, 1);
        assertEquals(1, events.describeArchive(b -> b.archiveName(archive)).eventCount());
        gureum.context().clock().advance(Duration.ofDays(2));
        assertEquals(0, events.describeArchive(b -> b.archiveName(archive)).eventCount());
        events.updateArchive(b -> b.archiveName(archive).retentionDays(0).description("forever"));
        assertEquals("forever", events.describeArchive(b -> b.archiveName(archive)).description());
        assertEquals(1, events.listArchives(b -> b.namePrefix(archive)).archives().size());
        events.deleteArchive(b -> b.archiveName(archive));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "Archive " + archive + " does not exist.", () -> events.describeArchive(b -> b.archiveName(archive)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> events.createArchive(b -> b.archiveName(unique("a")).eventSourceArn(
                        "arn:aws:events:us-east-1:" + ACCOUNT + ":event-bus/none")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, "Archive x does not exist.",
                () -> events.startReplay(b -> b.replayName(unique("r")).eventSourceArn("arn:aws:events:us-east-1:"
                        + ACCOUNT + ":archive/x").eventStartTime(Instant.EPOCH).eventEndTime(Instant.EPOCH.plusSeconds(1))
                        .destination(x -> x.arn(DEFAULT_BUS))));
        assertError(EventBridgeException.class, "ValidationException", 400, null,
                () -> events.startReplay(b -> b.replayName(unique("r")).eventSourceArn("not-an-arn")
                        .eventStartTime(Instant.EPOCH).eventEndTime(Instant.EPOCH.plusSeconds(1))
                        .destination(x -> x.arn(DEFAULT_BUS))));
    }
}
