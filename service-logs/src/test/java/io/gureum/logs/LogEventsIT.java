package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** PutLogEvents and GetLogEvents. */
class LogEventsIT extends LogsTestSupport {
    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long DAY = Duration.ofDays(1).toMillis();

    private static List<String> messages(GetLogEventsResponse r) {
        return r.events().stream().map(OutputLogEvent::message).toList();
    }

    private static void put(String group, String stream, InputLogEvent... events) {
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    @Test
    void putThenGetReturnsEventsInTimestampOrder() {
        String group = groupWithStream("s");
        long t = now();
        PutLogEventsResponse r = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s")
                .sequenceToken("ignored-now").logEvents(event(t - 50, "b"), event(t - 40, "c")));
        assertTrue(r.nextSequenceToken().matches("\\d{56}"), r.nextSequenceToken());
        assertNull(r.rejectedLogEventsInfo());
        put(group, "s", event(t - 60, "a"));
        GetLogEventsResponse got = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").startFromHead(true));
        assertEquals(List.of("a", "b", "c"), messages(got));
        OutputLogEvent first = got.events().get(0);
        assertEquals(t - 60, first.timestamp());
        assertTrue(first.ingestionTime() >= t);
    }

    @Test
    void putLogEventsToMissingGroupOrStream() {
        String group = groupWithStream("s");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> put(unique("none"), "s", event(now(), "x")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log stream does not exist.", () -> put(group, "nope", event(now(), "x")));
    }

    @Test
    void putLogEventsRejectsAnUnorderedBatch() {
        String group = groupWithStream("s");
        long t = now();
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Log events in a single PutLogEvents request must be in chronological order.",
                () -> put(group, "s", event(t, "later"), event(t - 1, "earlier")));
        assertEquals(List.of(), logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")).events());
    }

    @Test
    void putLogEventsRejectsABatchSpanningMoreThanADay() {
        String group = groupWithStream("s");
        long t = now();
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
                () -> put(group, "s", event(t - DAY - 1, "old"), event(t, "new")));
        put(group, "s", event(t - DAY, "exactly a day"), event(t, "apart"));
    }

    @Test
    void putLogEventsEnforcesCountAndSizeLimits() {
        String group = groupWithStream("s");
        long t = now();
        List<InputLogEvent> tooMany = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            tooMany.add(event(t, "m"));
        }
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(tooMany)));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(tooMany.subList(0, 10_000)));

        // 1,048,576 bytes counting 26 per event: two events of (524,288 - 26) bytes fit exactly.
        String fits = "x".repeat(524_288 - 26);
        put(group, "s", event(t, fits), event(t, fits));
        String over = fits + "x";
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Upload too large: 1048577 bytes exceeds limit of 1048576",
                () -> put(group, "s", event(t, fits), event(t, over)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value '' at 'logEvents.1.member.message' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1",
                () -> put(group, "s", event(t, "")));
    }

    @Test
    void putLogEventsReportsTooOldTooNewAndExpiredEvents() {
        String group = groupWithStream("s");
        long t = now();
        PutLogEventsResponse r = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                event(t - 15 * DAY, "too old"), event(t - 15 * DAY + 1, "too old too"), event(t - HOUR, "kept"),
                event(t + 3 * HOUR, "too new")));
        assertEquals(RejectedLogEventsInfo.builder().tooOldLogEventEndIndex(1).tooNewLogEventStartIndex(3).build(),
                r.rejectedLogEventsInfo());
        assertEquals(List.of("kept"), messages(logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s"))));

        logs.putRetentionPolicy(b -> b.logGroupName(group).retentionInDays(1));
        PutLogEventsResponse expired = logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(
                event(t - 2 * DAY, "expired"), event(t, "fresh")));
        assertEquals(RejectedLogEventsInfo.builder().expiredLogEventEndIndex(0).build(), expired.rejectedLogEventsInfo());
    }

    @Test
    void getLogEventsDefaultsToTheLatestEventsAndPagesBothWays() {
        String group = groupWithStream("s");
        long t = now() - 1000;
        List<InputLogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(event(t + i, "e" + i));
        }
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(batch));

        GetLogEventsResponse tail = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").limit(3));
        assertEquals(List.of("e7", "e8", "e9"), messages(tail));
        assertTrue(tail.nextForwardToken().matches("f/\\d{56}/s"), tail.nextForwardToken());
        assertTrue(tail.nextBackwardToken().matches("b/\\d{56}/s"), tail.nextBackwardToken());

        GetLogEventsResponse back = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").limit(3)
                .nextToken(tail.nextBackwardToken()));
        assertEquals(List.of("e4", "e5", "e6"), messages(back));

        // At the end, the same forward token comes back: the signal clients stop on.
        GetLogEventsResponse end = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")
                .nextToken(tail.nextForwardToken()).startFromHead(true));
        assertEquals(List.of(), end.events());
        assertEquals(tail.nextForwardToken(), end.nextForwardToken());

        // Forward from the head in pages of 4 until the token repeats.
        List<String> all = new ArrayList<>();
        String token = null;
        while (true) {
            String tk = token;
            GetLogEventsResponse page = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").limit(4)
                    .startFromHead(true).nextToken(tk));
            all.addAll(messages(page));
            if (page.nextForwardToken().equals(token)) {
                break;
            }
            token = page.nextForwardToken();
        }
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"), all);

        // New events show up behind a token that had reached the end.
        put(group, "s", event(t + 20, "late"));
        GetLogEventsResponse more = logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")
                .nextToken(tail.nextForwardToken()));
        assertEquals(List.of("late"), messages(more));
        assertNotEquals(tail.nextForwardToken(), more.nextForwardToken());
        // The SDK's paginator stops on the repeated token too.
        assertEquals(11, logs.getLogEventsPaginator(b -> b.logGroupName(group).logStreamName("s").startFromHead(true)
                .limit(5)).events().stream().count());
    }

    @Test
    void getLogEventsTimeWindowIncludesStartAndExcludesEnd() {
        String group = groupWithStream("s");
        long t = now() - 1000;
        put(group, "s", event(t, "a"), event(t + 10, "b"), event(t + 20, "c"));
        assertEquals(List.of("b"), messages(logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")
                .startTime(t + 10).endTime(t + 20))));
    }

    @Test
    void getLogEventsErrors() {
        String group = groupWithStream("s");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log stream does not exist.",
                () -> logs.getLogEvents(b -> b.logGroupName(group).logStreamName("nope")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.getLogEvents(b -> b.logGroupName(unique("none")).logStreamName("s")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The specified nextToken is invalid.",
                () -> logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").nextToken("x/1/s")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The specified nextToken is invalid.",
                () -> logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s")
                        .nextToken("f/" + "9".repeat(56) + "/s")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000",
                () -> logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").limit(10_001)));
    }
}
