package io.gureum.logs.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query language over records, without a server: each command, function and error of CWL_QuerySyntax.html. */
class QueryTest {
    static final long T0 = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();

    static LogRecord rec(long offsetSeconds, String stream, String message) {
        return new LogRecord(T0 + offsetSeconds * 1000, T0 + offsetSeconds * 1000 + 5, message, stream,
                "123456789012:/app", "p" + offsetSeconds);
    }

    static final List<LogRecord> RECORDS = List.of(
            rec(0, "a", "{\"level\":\"INFO\",\"ms\":10,\"user\":{\"id\":\"u1\"},\"tags\":[\"x\",\"y\"]}"),
            rec(60, "a", "{\"level\":\"ERROR\",\"ms\":30,\"user\":{\"id\":\"u2\"}}"),
            rec(120, "b", "{\"level\":\"ERROR\",\"ms\":50,\"user\":{\"id\":\"u1\"}}"),
            rec(400, "b", "GET /index.html 200 12ms user=alice"),
            rec(500, "b", "POST /login 500 99ms user=bob"));

    static List<Map<String, String>> run(String query) {
        return run(query, 10_000);
    }

    static List<Map<String, String>> run(String query, int limit) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Query.Row r : Parser.parse(query).run(RECORDS, limit).rows()) {
            out.add(r.fields());
        }
        return out;
    }

    static List<String> column(List<Map<String, String>> rows, String field) {
        return rows.stream().map(r -> r.get(field)).toList();
    }

    @Test
    void fieldsReturnsNewestFirstWithPtrAndFormatsTimestamps() {
        List<Map<String, String>> rows = run("fields @timestamp, level, ms");
        assertEquals(5, rows.size());
        assertEquals(List.of("@timestamp", "@ptr"), List.copyOf(rows.get(0).keySet()));
        assertEquals("2024-03-01 10:08:20.000", rows.get(0).get("@timestamp"));
        assertEquals(List.of("@timestamp", "level", "ms", "@ptr"), List.copyOf(rows.get(2).keySet()));
        assertEquals("50", rows.get(2).get("ms"));
        assertEquals("p120", rows.get(2).get("@ptr"));
    }

    @Test
    void jsonFieldsAreDiscoveredWithDotsAndIndexes() {
        List<Map<String, String>> rows = run("filter user.id = 'u1' | fields user.id, tags.1, @logStream, @log | sort @timestamp asc");
        assertEquals(2, rows.size());
        assertEquals("y", rows.get(0).get("tags.1"));
        assertEquals("a", rows.get(0).get("@logStream"));
        assertEquals("123456789012:/app", rows.get(0).get("@log"));
    }

    @Test
    void filterOperators() {
        assertEquals(List.of("50", "30"), column(run("filter level = \"ERROR\" | fields ms"), "ms"));
        assertEquals(List.of("30"), column(run("filter ms > 10 and ms < 50 | fields ms"), "ms"));
        assertEquals(List.of("50", "10"), column(run("filter ms >= 50 or ms <= 10 | fields ms"), "ms"));
        assertEquals(List.of("50", "30"), column(run("filter level != 'INFO' | fields ms"), "ms"));
        assertEquals(List.of("10"), column(run("filter ispresent(level) and not (level = 'ERROR') | fields ms"), "ms"));
        assertEquals(List.of("50", "10"), column(run("filter user.id in ['u1', 'u3'] | fields ms"), "ms"));
        assertEquals(List.of("30"), column(run("filter user.id not in ['u1'] | fields ms"), "ms"));
        assertEquals(2, run("filter @message like /(GET|POST) \\//").size());
        assertEquals(1, run("filter @message like 'login'").size());
        assertEquals(4, run("filter @message not like 'login'").size());
        assertEquals(1, run("filter @message like /post/i").size());
        assertEquals(1, run("filter @message =~ /alice/").size());
        assertEquals(3, run("filter ispresent(level)").size());
        assertEquals(2, run("filter not ispresent(level)").size());
        assertEquals(1, run("filter ms * 2 + 1 = 61").size());
        assertEquals(1, run("filter /bob/").size());
    }

    @Test
    void statsWithEveryAggregation() {
        Map<String, String> row = run("filter ispresent(ms) | stats count(*) as n, sum(ms), avg(ms), min(ms), max(ms), "
                + "pct(ms, 50), count_distinct(user.id) as users, earliest(level), latest(level), stddev(ms)").get(0);
        assertEquals("3", row.get("n"));
        assertEquals("90", row.get("sum(ms)"));
        assertEquals("30", row.get("avg(ms)"));
        assertEquals("10", row.get("min(ms)"));
        assertEquals("50", row.get("max(ms)"));
        assertEquals("30", row.get("pct(ms, 50)"));
        assertEquals("2", row.get("users"));
        assertEquals("INFO", row.get("earliest(level)"));
        assertEquals("ERROR", row.get("latest(level)"));
        assertEquals("20", row.get("stddev(ms)"));
        assertTrue(!row.containsKey("@ptr"));
    }

    @Test
    void statsByFieldsAndBins() {
        List<Map<String, String>> rows = run("filter ispresent(level) | stats count(*) as c by level | sort level");
        assertEquals(List.of(Map.of("level", "ERROR", "c", "2"), Map.of("level", "INFO", "c", "1")), rows);
        assertEquals(List.of("level", "c"), List.copyOf(rows.get(0).keySet()));
        List<Map<String, String>> bins = run("stats count(*) by bin(5m) | sort bin(5m) asc");
        assertEquals(List.of("2024-03-01 10:00:00.000", "2024-03-01 10:05:00.000"), column(bins, "bin(5m)"));
        assertEquals(List.of("3", "2"), column(bins, "count(*)"));
        assertEquals(1, run("stats count(*) by bin(1h)").size());
        assertEquals("0", run("filter level = 'none' | stats count(*)").get(0).get("count(*)"));
    }

    @Test
    void parseGlobAndRegex() {
        List<Map<String, String>> rows = run("parse @message '* * * *ms user=*' as method, path, status, took, user "
                + "| filter ispresent(method) | display method, path, status, took, user");
        assertEquals(Map.of("method", "POST", "path", "/login", "status", "500", "took", "99", "user", "bob", "@ptr",
                "p500"), rows.get(0));
        List<Map<String, String>> regex = run("parse @message /(?<verb>[A-Z]+) (?<status2>\\d{3})?/ "
                + "| parse @message /(?<code>\\d{3}) (?<took>\\d+)ms/ | filter code >= 500 | fields verb, code, took * 2 as double");
        assertEquals(List.of(Map.of("code", "500", "double", "198", "@ptr", "p500", "verb", "POST")).get(0).get("double"),
                regex.get(0).get("double"));
        assertEquals(1, regex.size());
    }

    @Test
    void sortLimitDedupDisplay() {
        assertEquals(List.of("10", "30", "50"), column(run("filter ispresent(ms) | sort ms asc | fields ms"), "ms"));
        assertEquals(List.of("50"), column(run("filter ispresent(ms) | sort ms desc | limit 1 | fields ms"), "ms"));
        assertEquals(2, run("filter ispresent(level) | sort @timestamp desc | dedup level").size());
        List<Map<String, String>> d = run("fields level, ms | display ms | filter ispresent(ms) | limit 1");
        assertEquals(List.of("ms", "@ptr"), List.copyOf(d.get(0).keySet()));
        assertEquals(2, run("fields @timestamp", 2).size());
        assertEquals(5, run("").size());
        assertTrue(run("").get(0).containsKey("@message"));
    }

    @Test
    void functions() {
        Map<String, String> r = run("filter ms = 30 | fields toupper(level) as u, tolower(level) as l, strlen(level) as n, "
                + "concat(level, '-', ms) as c, substr(level, 1, 3) as s, replace(level, 'R', 'r') as rp, "
                + "abs(-ms) as a, ceil(ms / 7) as ce, floor(ms / 7) as fl, greatest(ms, 99) as g, least(ms, 1) as le, "
                + "coalesce(missing, level) as co, isempty(missing) as ie, trim('  x ') as t, strcontains(level, 'RR') as sc, "
                + "datefloor(@timestamp, 1h) as df, dateceil(@timestamp, 1h) as dc, tomillis(@timestamp) as tm, "
                + "frommillis(0) as fm, isValidIp('10.0.0.1') as ip, isIpv4InSubnet('10.0.0.1', '10.0.0.0/8') as sub")
                .get(0);
        assertEquals("ERROR", r.get("u"));
        assertEquals("error", r.get("l"));
        assertEquals("5", r.get("n"));
        assertEquals("ERROR-30", r.get("c"));
        assertEquals("RRO", r.get("s"));
        assertEquals("ErrOr", r.get("rp"));
        assertEquals("30", r.get("a"));
        assertEquals("5", r.get("ce"));
        assertEquals("4", r.get("fl"));
        assertEquals("99", r.get("g"));
        assertEquals("1", r.get("le"));
        assertEquals("ERROR", r.get("co"));
        assertEquals("true", r.get("ie"));
        assertEquals("x", r.get("t"));
        assertEquals("1", r.get("sc"));
        assertEquals("2024-03-01 10:00:00.000", r.get("df"));
        assertEquals("2024-03-01 11:00:00.000", r.get("dc"));
        assertEquals(Long.toString(T0 + 60_000), r.get("tm"));
        assertEquals("1970-01-01 00:00:00.000", r.get("fm"));
        assertEquals("true", r.get("ip"));
        assertEquals("true", r.get("sub"));
    }

    @Test
    void commentsAndMultipleLines() {
        assertEquals(2, run("# errors only\nfilter level = 'ERROR' # the level\n| fields ms").size());
    }

    @Test
    void syntaxErrorsAreWordedAsAws() {
        MalformedQuery e = assertThrows(MalformedQuery.class, () -> Parser.parse("fields @message | sortt @timestamp"));
        assertEquals("unexpected symbol found sortt at line 1 and position 18", e.getMessage());
        assertEquals(18, e.start());
        assertEquals(22, e.end());
        e = assertThrows(MalformedQuery.class, () -> Parser.parse("fields a |\n filter a = "));
        assertEquals("unexpected symbol found <EOF> at line 2 and position 12", e.getMessage());
        e = assertThrows(MalformedQuery.class, () -> Parser.parse("dedup a | sort a"));
        assertEquals("unexpected symbol found sort at line 1 and position 10", e.getMessage());
        assertThrows(MalformedQuery.class, () -> Parser.parse("stats nosuch(a)"));
        assertThrows(MalformedQuery.class, () -> Parser.parse("fields nosuch(a)"));
        assertThrows(MalformedQuery.class, () -> Parser.parse("stats count(*) by bin(5)"));
        assertThrows(MalformedQuery.class, () -> Parser.parse("limit 0"));
        assertThrows(MalformedQuery.class, () -> Parser.parse("parse @message 'a * b *' as one"));
        assertThrows(MalformedQuery.class, () -> Parser.parse("filter a = 'unterminated"));
        assertThrows(MalformedQuery.class, () -> Parser.parse("fields a b"));
    }

    /** CWL_AnalyzeLogData-discoverable-fields.html: Lambda's REPORT lines give @duration, @maxMemoryUsed, … */
    @Test
    void lambdaReportLinesAreDiscovered() {
        List<LogRecord> lambda = List.of(
                rec(0, "s", "START RequestId: r1 Version: $LATEST"),
                rec(1, "s", "REPORT RequestId: r1\tDuration: 102.25 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 70 MB\tInit Duration: 150.5 ms"),
                rec(2, "s", "REPORT RequestId: r2\tDuration: 20.75 ms\tBilled Duration: 21 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 72 MB"));
        Query.Result r = Parser.parse("filter @type = 'REPORT' | stats count(*) as n, max(@duration) as d, "
                + "max(@maxMemoryUsed / 1000 / 1000) as mb, sum(@billedDuration) as billed, count(@initDuration) as cold")
                .run(lambda, 100);
        assertEquals(Map.of("n", "2", "d", "102.25", "mb", "72", "billed", "124", "cold", "1"), r.rows().get(0).fields());
        assertEquals("r1", Parser.parse("filter @type = 'START' | fields @requestId").run(lambda, 10).rows().get(0)
                .fields().get("@requestId"));
    }

    /** filterIndex reads only the groups indexed on its field, then filters as filter does. */
    @Test
    void filterIndexSkipsGroupsWithoutTheIndex() {
        Query q = Parser.parse("filterIndex user.id = 'u1' | fields ms");
        assertEquals(0, q.run(RECORDS, 100).rows().size());
        assertEquals(2, q.run(RECORDS, 100, Map.of("123456789012:/app", java.util.Set.of("user.id"))).rows().size());
        assertEquals(3, Parser.parse("filterIndex level in ['ERROR', 'INFO']")
                .run(RECORDS, 100, Map.of("123456789012:/app", java.util.Set.of("level"))).rows().size());
        assertThrows(MalformedQuery.class, () -> Parser.parse("filterIndex ms > 3"));
    }
}
