package io.gureum.logs;

import io.gureum.logs.insights.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Logs Insights query started with StartQuery: what it asked and, once a worker has run it, its rows and
 * statistics. Its status goes Scheduled → Running → Complete (or Failed, or Cancelled by StopQuery).
 *
 * <p>With {@code --data-dir} each query is journaled ({@link LogsRecords#query}) when it starts and when it ends;
 * a restored one keeps its log groups' names and ARNs (the groups may be gone) and has no parsed query: it never
 * runs again. One that was Scheduled or Running at the restart is Failed (the run it was in ended with the server).
 */
final class InsightsQuery {
    final String queryId;
    final String queryString;
    final String queryLanguage;
    final long createTime;
    /** The live groups it reads (empty for a restored query, which never runs). */
    final List<LogGroup> groups;
    final List<String> groupNames;
    final List<String> groupArns;
    final long startMillis;
    final long endMillis;
    final int limit;
    final Query query;
    private String status = "Scheduled";
    private List<Query.Row> rows = List.of();
    private Statistics statistics = new Statistics(0, 0, 0, 0);
    private long duration;

    record Statistics(long recordsMatched, long recordsScanned, long bytesScanned, int logGroupsScanned) {
    }

    /** A query as {@code --data-dir} keeps it: what it asked, its status and, once Complete, its rows. */
    record Value(String queryId, String queryString, String queryLanguage, long createTime, List<String> groupNames,
            List<String> groupArns, long startMillis, long endMillis, int limit, String status,
            List<Map<String, String>> rows, Statistics statistics, long duration) {
    }

    InsightsQuery(String queryId, String queryString, String queryLanguage, long createTime, List<LogGroup> groups,
            long startMillis, long endMillis, int limit, Query query) {
        this.queryId = queryId;
        this.queryString = queryString;
        this.queryLanguage = queryLanguage;
        this.createTime = createTime;
        this.groups = groups;
        this.groupNames = groups.stream().map(g -> g.name).toList();
        this.groupArns = groups.stream().map(LogGroup::logGroupArn).toList();
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.limit = limit;
        this.query = query;
    }

    private InsightsQuery(Value v) {
        this.queryId = v.queryId();
        this.queryString = v.queryString();
        this.queryLanguage = v.queryLanguage();
        this.createTime = v.createTime();
        this.groups = List.of();
        this.groupNames = List.copyOf(v.groupNames());
        this.groupArns = List.copyOf(v.groupArns());
        this.startMillis = v.startMillis();
        this.endMillis = v.endMillis();
        this.limit = v.limit();
        this.query = null;
        List<Query.Row> restoredRows = new ArrayList<>();
        for (Map<String, String> row : v.rows()) {
            restoredRows.add(new Query.Row(new LinkedHashMap<>(row)));
        }
        this.rows = List.copyOf(restoredRows);
        this.statistics = v.statistics();
        this.duration = v.duration();
        // A run the restart interrupted does not resume: the query failed (it is neither Cancelled, which only
        // StopQuery does, nor a Timeout, which is 60 minutes of runtime).
        this.status = v.status().equals("Scheduled") || v.status().equals("Running") ? "Failed" : v.status();
    }

    /** A query read back from its record. */
    static InsightsQuery restored(Value v) {
        return new InsightsQuery(v);
    }

    /** Its record value, read under its lock. */
    synchronized Value value() {
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (Query.Row row : rows) {
            out.add(row.fields());
        }
        return new Value(queryId, queryString, queryLanguage, createTime, groupNames, groupArns, startMillis,
                endMillis, limit, status, out, statistics, duration);
    }

    synchronized String status() {
        return status;
    }

    /** Moves Scheduled to Running; false when the query was cancelled before a worker took it. */
    synchronized boolean start() {
        if (!status.equals("Scheduled")) {
            return false;
        }
        status = "Running";
        return true;
    }

    synchronized void complete(List<Query.Row> rows, Statistics statistics, long duration) {
        if (status.equals("Running")) {
            this.rows = List.copyOf(rows);
            this.statistics = statistics;
            this.duration = duration;
            status = "Complete";
        }
    }

    synchronized void fail() {
        if (status.equals("Running")) {
            status = "Failed";
        }
    }

    /** StopQuery: true when the query was still Scheduled or Running. */
    synchronized boolean cancel() {
        if (status.equals("Scheduled") || status.equals("Running")) {
            status = "Cancelled";
            return true;
        }
        return false;
    }

    synchronized List<Query.Row> rows() {
        return rows;
    }

    synchronized Statistics statistics() {
        return statistics;
    }

    synchronized long duration() {
        return duration;
    }
}
