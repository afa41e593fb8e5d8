package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.MalformedQueryException;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;

/** Logs Insights through the SDK: StartQuery, GetQueryResults, StopQuery, DescribeQueries, GetLogRecord. */
class QueriesIT extends LogsTestSupport {

    /** Polls until the query has ended; the worker runs it soon, but the machine may be slow. */
    static GetQueryResultsResponse await(String queryId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            GetQueryResultsResponse r = logs.getQueryResults(b -> b.queryId(queryId));
            if (r.status() != QueryStatus.SCHEDULED && r.status() != QueryStatus.RUNNING) {
                return r;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("query " + queryId + " did not end");
    }

    static Map<String, String> row(List<ResultField> fields) {
        return fields.stream().collect(Collectors.toMap(ResultField::field, ResultField::value, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    static String group(long base) {
        String group = groupWithStream("s1");
        logs.createLogStream(b -> b.logGroupName(group).logStreamName("s2"));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s1").logEvents(
                event(base, "{\"level\":\"ERROR\",\"ms\":40}"), event(base + 1000, "{\"level\":\"INFO\",\"ms\":10}")));
        logs.putLogEvents(b -> b.logGroupName(group).logStreamName("s2").logEvents(
                event(base + 2000, "{\"level\":\"ERROR\",\"ms\":20}"), event(base + 3000, "plain text line")));
        return group;
    }

    @Test
    void aQueryCompletesWithRowsAndStatistics() throws Exception {
        long base = now() - 60_000;
        String group = group(base);
        long start = base / 1000 - 10;
        long end = now() / 1000 + 10;
        String id = logs.startQuery(b -> b.logGroupName(group).startTime(start).endTime(end)
                .queryString("filter level = 'ERROR' | fields @timestamp, ms, @logStream | sort ms desc")).queryId();
        GetQueryResultsResponse r = await(id);
        assertEquals(QueryStatus.COMPLETE, r.status());
        assertEquals(2, r.results().size());
        Map<String, String> first = row(r.results().get(0));
        assertEquals("40", first.get("ms"));
        assertEquals("s1", first.get("@logStream"));
        assertNotNull(first.get("@ptr"));
        assertEquals(2.0, r.statistics().recordsMatched());
        assertEquals(4.0, r.statistics().recordsScanned());
        assertEquals((double) ("{\"level\":\"ERROR\",\"ms\":40}{\"level\":\"INFO\",\"ms\":10}"
                + "{\"level\":\"ERROR\",\"ms\":20}plain text line").length(), r.statistics().bytesScanned());

        Map<String, String> record = logs.getLogRecord(b -> b.logRecordPointer(first.get("@ptr"))).logRecord();
        assertEquals("{\"level\":\"ERROR\",\"ms\":40}", record.get("@message"));
        assertEquals(Long.toString(base), record.get("@timestamp"));
        assertEquals("ERROR", record.get("level"));
        assertEquals("s1", record.get("@logStream"));
    }

    @Test
    void statsByBinAcrossGroupsAndTheTimeRange() throws Exception {
        // In the next 5-minute bins: a window that ends before the groups were created would be refused.
        long base = (now() / 300_000) * 300_000 + 300_000;
        String a = group(base);
        String b2 = group(base + 300_000);
        String id = logs.startQuery(b -> b.logGroupIdentifiers(a, b2).startTime(base / 1000)
                .endTime((base + 300_000) / 1000 + 2) // both inclusive: the third event of b2 is out
                .queryString("stats count(*) as n, sum(ms) by bin(5m) as t | sort t asc")).queryId();
        GetQueryResultsResponse r = await(id);
        assertEquals(2, r.results().size());
        assertEquals("4", row(r.results().get(0)).get("n"));
        assertEquals("3", row(r.results().get(1)).get("n"));
        assertEquals("70", row(r.results().get(1)).get("sum(ms)"));
        assertEquals(List.of("t", "n", "sum(ms)"), List.copyOf(row(r.results().get(0)).keySet()));
        assertEquals(7.0, r.statistics().recordsMatched());
        assertEquals(List.of("arn:aws:logs:us-east-1:000000000000:log-group:" + a,
                "arn:aws:logs:us-east-1:000000000000:log-group:" + b2),
                logs.listLogGroupsForQuery(b -> b.queryId(id)).logGroupIdentifiers());
    }

    @Test
    void limitAndPaging() throws Exception {
        long base = now() - 60_000;
        String group = group(base);
        String id = logs.startQuery(b -> b.logGroupName(group).startTime(0L).endTime(now() / 1000 + 1)
                .queryString("fields @message").limit(3)).queryId();
        GetQueryResultsResponse r = await(id);
        assertEquals(3, r.results().size());
        assertEquals("plain text line", row(r.results().get(0)).get("@message"));
        GetQueryResultsResponse page = logs.getQueryResults(b -> b.queryId(id).maxItems(2));
        assertEquals(2, page.results().size());
        assertNotNull(page.nextToken());
        GetQueryResultsResponse rest = logs.getQueryResults(b -> b.queryId(id).maxItems(2).nextToken(page.nextToken()));
        assertEquals(1, rest.results().size());
        assertNull(rest.nextToken());
    }

    @Test
    void describeQueriesAndStop() throws Exception {
        String group = group(now() - 60_000);
        String id = logs.startQuery(b -> b.logGroupName(group).startTime(0L).endTime(now() / 1000)
                .queryString("fields @message")).queryId();
        await(id);
        List<QueryInfo> infos = logs.describeQueries(b -> b.logGroupName(group)).queries();
        assertEquals(1, infos.size());
        assertEquals(id, infos.get(0).queryId());
        assertEquals("fields @message", infos.get(0).queryString());
        assertEquals(QueryStatus.COMPLETE, infos.get(0).status());
        assertEquals(group, infos.get(0).logGroupName());
        assertEquals(1, logs.describeQueries(b -> b.logGroupName(group).status(QueryStatus.COMPLETE)).queries().size());
        assertEquals(0, logs.describeQueries(b -> b.logGroupName(group).status(QueryStatus.RUNNING)).queries().size());
        // "If the query has already ended, the operation returns an error" (API_StopQuery.html)
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.stopQuery(b -> b.queryId(id)));
    }

    @Test
    void errors() {
        String group = groupWithStream("s");
        MalformedQueryException e = assertError(MalformedQueryException.class, "MalformedQueryException", 400,
                "unexpected symbol found sortt at line 1 and position 18",
                () -> logs.startQuery(b -> b.logGroupName(group).startTime(0L).endTime(10L)
                        .queryString("fields @message | sortt @timestamp")));
        assertEquals(18, e.queryCompileError().location().startCharOffset());
        assertEquals(22, e.queryCompileError().location().endCharOffset());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.startQuery(b -> b.logGroupName(unique("/none")).startTime(0L).endTime(10L)
                        .queryString("fields @message")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.startQuery(b -> b.startTime(0L).endTime(10L).queryString("fields @message")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.startQuery(b -> b.logGroupName(group).logGroupNames(group).startTime(0L).endTime(10L)
                        .queryString("fields @message")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.startQuery(b -> b.logGroupName(group).startTime(10L).endTime(5L)
                        .queryString("fields @message")));
        List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> group).toList();
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.startQuery(b -> b.logGroupNames(many).startTime(0L).endTime(10L)
                        .queryString("fields @message")));
        // A window that ends before the group was created is an error, not an empty result.
        assertError(MalformedQueryException.class, "MalformedQueryException", 400,
                "Query's end date and time is either before the log groups creation time or exceeds the log groups "
                        + "log retention settings ([0,14])",
                () -> logs.startQuery(b -> b.logGroupName(group).startTime(0L).endTime(10L)
                        .queryString("fields @message")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getQueryResults(b -> b.queryId("00000000-0000-0000-0000-000000000000")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.stopQuery(b -> b.queryId("00000000-0000-0000-0000-000000000000")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.getLogRecord(b -> b.logRecordPointer("not-a-pointer")));
        assertTrue(logs.describeQueries(b -> b.logGroupName(group)).queries().isEmpty());
    }
}
