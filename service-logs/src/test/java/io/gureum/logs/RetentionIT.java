package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** Retention on Gureum's clock; this class moves the clock of its own server. */
class RetentionIT extends LogsTestSupport {
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static List<String> messages(String group) {
        return logs.getLogEvents(b -> b.logGroupName(group).logStreamName("s").startFromHead(true)).events().stream()
                .map(OutputLogEvent::message).toList();
    }

    @Test
    void eventsPastTheRetentionPeriodExpireWhenTheClockMoves() {
        String kept = groupWithStream("s");
        String expiring = groupWithStream("s");
        long t = now();
        for (String g : List.of(kept, expiring)) {
            logs.putLogEvents(b -> b.logGroupName(g).logStreamName("s").logEvents(event(t - 2 * DAY, "two days old")));
            logs.putLogEvents(b -> b.logGroupName(g).logStreamName("s").logEvents(event(t - 1000, "recent")));
        }
        logs.putRetentionPolicy(b -> b.logGroupName(expiring).retentionInDays(3));
        assertEquals(List.of("two days old", "recent"), messages(expiring));

        gureum.context().clock().advance(Duration.ofDays(1).plusHours(1));
        assertEquals(List.of("recent"), messages(expiring));
        assertEquals(List.of("two days old", "recent"), messages(kept));

        gureum.context().clock().advance(Duration.ofDays(2));
        assertEquals(List.of(), messages(expiring));
        assertEquals(0L, logs.describeLogGroups(b -> b.logGroupNamePrefix(expiring)).logGroups().get(0).storedBytes());

        // A shorter policy expires at once what it no longer keeps.
        logs.putRetentionPolicy(b -> b.logGroupName(kept).retentionInDays(1));
        assertEquals(List.of(), messages(kept));
    }
}
