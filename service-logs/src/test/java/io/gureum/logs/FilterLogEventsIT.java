package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.events.LogEvents;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class FilterLogEventsIT extends LogsTestSupport {

    private static List<String> messages(FilterLogEventsResponse r) {
        return r.events().stream().map(FilteredLogEvent::message).toList();
    }

    private static List<String> filter(String group, String pattern) {
        return messages(logs.filterLogEvents(b -> b.logGroupName(group).filterPattern(pattern)));
    }

    /** A group with streams "app-1" and "app-2" and "worker", their events interleaved in time. */
    private static String populated(long t) {
        String group = groupWithStream("app-1");
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("app-2"));
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("worker"));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("app-1").logEvents(
                event(t, "ERROR disk full"), event(t + 20, "INFO started")));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("app-2").logEvents(
                event(t + 10, "WARN slow request"), event(t + 30, "{\"level\":\"ERROR\",\"latency\":12}")));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("worker").logEvents(
                event(t + 5, "Exception in thread main"), event(t + 40, "{\"level\":\"INFO\",\"latency\":3}")));
        return group;
    }

    @Test
    void filterLogEventsMergesStreamsInTimestampOrder() {
        long t = now() - 10_000;
        String group = populated(t);
        FilterLogEventsResponse all = logs.filterLogEvents(b -> b.logGroupName(group));
        assertEquals(List.of("ERROR disk full", "Exception in thread main", "WARN slow request", "INFO started",
                "{\"level\":\"ERROR\",\"latency\":12}", "{\"level\":\"INFO\",\"latency\":3}"), messages(all));
        FilteredLogEvent first = all.events().get(0);
        assertEquals("app-1", first.logStreamName());
        assertEquals(t, first.timestamp());
        assertTrue(first.ingestionTime() >= t);
        assertTrue(first.eventId().matches("\\d{56}"), first.eventId());
        assertNull(all.nextToken());
        assertTrue(all.searchedLogStreams().isEmpty());
    }

    @Test
    void filterPatternsSelectEvents() {
        String group = populated(now() - 10_000);
        assertEquals(List.of("ERROR disk full"), filter(group, "ERROR disk"));
        assertEquals(List.of("ERROR disk full", "WARN slow request", "{\"level\":\"ERROR\",\"latency\":12}"),
                filter(group, "?ERROR ?WARN"));
        assertEquals(List.of("WARN slow request"), filter(group, "\"slow request\""));
        assertEquals(List.of(), filter(group, "error"));
        assertEquals(List.of("Exception in thread main", "WARN slow request", "INFO started"),
                filter(group, "-ERROR -latency"));
        assertEquals(List.of("{\"level\":\"ERROR\",\"latency\":12}"), filter(group, "{ $.level = \"ERROR\" }"));
        assertEquals(List.of("{\"level\":\"ERROR\",\"latency\":12}"), filter(group, "{ $.latency > 5 }"));
        assertEquals(List.of("{\"level\":\"ERROR\",\"latency\":12}", "{\"level\":\"INFO\",\"latency\":3}"),
                filter(group, "{ $.level = \"ERR*\" || $.latency < 5 }"));
        assertEquals(List.of(), filter(group, "{ $.level = \"ERROR\" && $.latency < 5 }"));
        assertEquals(List.of("ERROR disk full"), filter(group, "%disk f[aeiou]ll%"));
    }

    @Test
    void filterByStreamNamesPrefixAndTime() {
        long t = now() - 10_000;
        String group = populated(t);
        assertEquals(List.of("Exception in thread main", "{\"level\":\"INFO\",\"latency\":3}"),
                messages(logs.filterLogEvents(b -> b.logGroupName(group).logStreamNames("worker", "missing"))));
        assertEquals(List.of("ERROR disk full", "WARN slow request", "INFO started", "{\"level\":\"ERROR\",\"latency\":12}"),
                messages(logs.filterLogEvents(b -> b.logGroupName(group).logStreamNamePrefix("app-"))));
        // startTime and endTime are both inclusive for FilterLogEvents.
        assertEquals(List.of("Exception in thread main", "WARN slow request", "INFO started"),
                messages(logs.filterLogEvents(b -> b.logGroupName(group).startTime(t + 5).endTime(t + 20))));
    }

    @Test
    void filterLogEventsPagesWithNextToken() {
        String group = groupWithStream("a");
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("b"));
        long t = now() - 10_000;
        for (String stream : List.of("a", "b")) {
            logs.putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(
                    event(t, stream + "0"), event(t + 1, stream + "1"), event(t + 2, stream + "2")));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String tk = token;
            FilterLogEventsResponse page = logs.filterLogEvents(b -> b.logGroupName(group).limit(4).nextToken(tk));
            seen.addAll(messages(page));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(2, pages);
        assertEquals(List.of("a0", "b0", "a1", "b1", "a2", "b2"), seen);
        assertEquals(6, logs.filterLogEventsPaginator(FilterLogEventsRequest.builder().logGroupName(group).limit(1)
                .build()).events().stream().count());
    }

    @Test
    void filterLogEventsErrors() {
        String group = groupWithStream("s");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.filterLogEvents(b -> b.logGroupName(unique("none"))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.filterLogEvents(b -> b.logGroupName(group).logStreamNames("s").logStreamNamePrefix("s")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.filterLogEvents(b -> b.logGroupName(group).filterPattern("{ $.a = ")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "The specified nextToken is invalid.",
                () -> logs.filterLogEvents(b -> b.logGroupName(group).nextToken("bm9wZQ")));
    }

    @Test
    void logEventsPublishedOnTheBusAppearWithTheirGroupAndStream() {
        String group = "/aws/lambda/" + unique("fn");
        String stream = "2026/11/26/[$LATEST]0123456789abcdef0123456789abcdef";
        long t = now();
        gureum.context().events().publish(new LogEvents("000000000000", "us-east-1", group, stream, List.of(
                new LogEvents.Event(t, "START RequestId: 1 Version: $LATEST"),
                new LogEvents.Event(t + 1, "hello from the function"),
                new LogEvents.Event(t + 2, "END RequestId: 1"))));
        assertEquals(List.of("hello from the function"), filter(group, "hello"));
        LogStream s = logs.describeLogStreams(b -> b.logGroupName(group)).logStreams().get(0);
        assertEquals(stream, s.logStreamName());
        assertEquals(t + 2, s.lastEventTimestamp());
        assertNotNull(logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).creationTime());

        // More output appends to the same stream; another account's output stays in that account.
        gureum.context().events().publish(new LogEvents("000000000000", "us-east-1", group, stream,
                List.of(new LogEvents.Event(t + 3, "second invocation"))));
        gureum.context().events().publish(new LogEvents("111111111111", "us-east-1", group, stream,
                List.of(new LogEvents.Event(t + 3, "other account"))));
        assertEquals(4, logs.getLogEvents(b -> b.logGroupName(group).logStreamName(stream)).events().size());
    }
}
