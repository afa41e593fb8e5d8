package io.gureum.logs;

import io.gureum.logs.insights.Query;
import java.util.List;

/**
 * One Logs Insights query started with StartQuery: what it asked and, once a worker has run it, its rows and
 * statistics. Its status goes Scheduled → Running → Complete (or Failed, or Cancelled by StopQuery).
 */
final class InsightsQuery {
    final String queryId;
    final String queryString;
    final String queryLanguage;
    final long createTime;
    final List<LogGroup> groups;
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

    InsightsQuery(String queryId, String queryString, String queryLanguage, long createTime, List<LogGroup> groups,
            long startMillis, long endMillis, int limit, Query query) {
        this.queryId = queryId;
        this.queryString = queryString;
        this.queryLanguage = queryLanguage;
        this.createTime = createTime;
        this.groups = groups;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.limit = limit;
        this.query = query;
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
