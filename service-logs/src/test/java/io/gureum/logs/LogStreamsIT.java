package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class LogStreamsIT extends LogsTestSupport {

    private static List<String> names(DescribeLogStreamsResponse r) {
        return r.logStreams().stream().map(LogStream::logStreamName).toList();
    }

    @Test
    void createAndDescribeALogStream() {
        String group = groupWithStream("2026/11/26/[$LATEST]abc");
        LogStream s = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams().get(0);
        assertEquals("2026/11/26/[$LATEST]abc", s.logStreamName());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:" + group + ":log-stream:2026/11/26/[$LATEST]abc",
                s.arn());
        assertTrue(s.creationTime() > 0);
        assertEquals(0L, s.storedBytes());
        assertNull(s.firstEventTimestamp());
        assertNull(s.lastEventTimestamp());

        long t = now();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName(s.logStreamName())
                .logEvents(event(t - 10, "one"), event(t, "two")));
        LogStream after = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams().get(0);
        assertEquals(t - 10, after.firstEventTimestamp());
        assertEquals(t, after.lastEventTimestamp());
        assertTrue(after.lastIngestionTime() >= t);
        assertTrue(after.uploadSequenceToken().matches("\\d{56}"), after.uploadSequenceToken());
    }

    @Test
    void createLogStreamErrors() {
        String group = groupWithStream("s");
        assertError(ResourceAlreadyExistsException.class, "ResourceAlreadyExistsException", 400,
                "The specified log stream already exists",
                () -> logs.createLogStream(b -> b.logGroupName(group).logStreamName("s")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.createLogStream(b -> b.logGroupName(unique("none")).logStreamName("s")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value 'a:b' at 'logStreamName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [^:*]*",
                () -> logs.createLogStream(b -> b.logGroupName(group).logStreamName("a:b")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.createLogStream(b -> b.logGroupName(group).logStreamName("a*b")));
    }

    @Test
    void deleteLogStream() {
        String group = groupWithStream("s");
        logs.deleteLogStream(b -> b.logGroupName(group).logStreamName("s"));
        assertEquals(List.of(), logs.describeLogStreams(b -> b.logGroupName(group)).logStreams());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log stream does not exist.",
                () -> logs.deleteLogStream(b -> b.logGroupName(group).logStreamName("s")));
    }

    @Test
    void describeLogStreamsOrdersFiltersAndPages() {
        String group = groupWithStream("c");
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("a"));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("b"));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("other"));
        long t = now();
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("a").logEvents(event(t - 100, "x")));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("c").logEvents(event(t - 300, "x")));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("b").logEvents(event(t - 200, "x")));

        assertEquals(List.of("a", "b", "c", "other"), names(logs.describeLogStreams(b -> b.logGroupName(group))));
        assertEquals(List.of("other", "c", "b", "a"),
                names(logs.describeLogStreams(b -> b.logGroupName(group).descending(true))));
        assertEquals(List.of("a", "b", "c"), names(logs.describeLogStreams(b -> b.logGroupName(group)
                .orderBy(OrderBy.LAST_EVENT_TIME).descending(true).limit(3))));
        assertEquals(List.of("other"), names(logs.describeLogStreams(b -> b.logGroupName(group)
                .logStreamNamePrefix("o"))));

        DescribeLogStreamsResponse first = logs.describeLogStreams(b -> b.logGroupName(group).limit(3));
        assertEquals(List.of("a", "b", "c"), names(first));
        DescribeLogStreamsResponse second = logs.describeLogStreams(b -> b.logGroupName(group).limit(3)
                .nextToken(first.nextToken()));
        assertEquals(List.of("other"), names(second));
        assertNull(second.nextToken());
        assertEquals(4, logs.describeLogStreamsPaginator(b -> b.logGroupName(group).limit(1)).logStreams().stream().count());
    }

    @Test
    void describeLogStreamsByIdentifierArn() {
        String group = groupWithStream("s");
        String arn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        assertEquals(List.of("s"), names(logs.describeLogStreams(b -> b.logGroupIdentifier(arn))));
        assertEquals(List.of("s"), names(logs.describeLogStreams(b -> b.logGroupIdentifier(group))));
    }

    @Test
    void describeLogStreamsErrors() {
        String group = groupWithStream("s");
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Cannot order by LastEventTime with a logStreamNamePrefix.",
                () -> logs.describeLogStreams(b -> b.logGroupName(group).orderBy(OrderBy.LAST_EVENT_TIME)
                        .logStreamNamePrefix("s")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.describeLogStreams(b -> b.logGroupName(unique("none"))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.describeLogStreams(b -> b.logGroupName(group).logGroupIdentifier(group)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.describeLogStreams(b -> b.limit(1)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The specified nextToken is invalid.",
                () -> logs.describeLogStreams(b -> b.logGroupName(group).nextToken("AAAA")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1",
                () -> logs.describeLogStreams(b -> b.logGroupName(group).limit(0)));
    }

    @Test
    void deletingAGroupDeletesItsStreams() {
        String group = groupWithStream("s");
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s").logEvents(event(now(), "x")));
        logs.deleteLogGroup(b -> b.logGroupName(group));
        logs.createLogGroup(b -> b.logGroupName(group));
        assertEquals(List.of(), logs.describeLogStreams(b -> b.logGroupName(group)).logStreams());
    }
}
