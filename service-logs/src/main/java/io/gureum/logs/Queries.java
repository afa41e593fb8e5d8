package io.gureum.logs;

import io.gureum.core.ids.ResourceIds;
import io.gureum.logs.insights.LogRecord;
import io.gureum.logs.insights.MalformedQuery;
import io.gureum.logs.insights.Parser;
import io.gureum.logs.insights.Query;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeQueriesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeQueriesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListLogGroupsForQueryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListLogGroupsForQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.QueryStatistics;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResultField;
import software.amazon.awssdk.services.cloudwatchlogs.model.StartQueryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.StartQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.StopQueryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.StopQueryResponse;

/**
 * Logs Insights: StartQuery parses the query at once (a syntax error is MalformedQueryException) and hands it to a
 * worker thread, never the caller's; GetQueryResults shows it Scheduled, Running, then Complete with its rows and
 * statistics; StopQuery cancels it; DescribeQueries lists them.
 */
final class Queries {
    /** "You can include up to 50 log groups." (API_StartQuery.html) */
    static final int MAX_LOG_GROUPS = 50;
    static final int DEFAULT_LIMIT = 10_000;
    static final String LANGUAGE = "CWLI";
    static final long RESULTS_KEPT_MILLIS = java.time.Duration.ofDays(7).toMillis();

    private final LogsStores stores;
    private final Expiry expiry;
    private final Executor workers;
    private final ResourceIds ids;
    private final LogsRecords records;

    Queries(LogsStores stores, Expiry expiry, Executor workers, ResourceIds ids, LogsRecords records) {
        this.stores = stores;
        this.expiry = expiry;
        this.workers = workers;
        this.ids = ids;
        this.records = records;
    }

    public StartQueryResponse startQuery(StartQueryRequest request) {
        LogsStore store = stores.current();
        if (request.queryLanguageAsString() != null && !LANGUAGE.equals(request.queryLanguageAsString())) {
            throw LogsErrors.invalidParameter("Gureum runs only Logs Insights QL queries (queryLanguage CWLI), not "
                    + request.queryLanguageAsString());
        }
        List<LogGroup> groups = groups(store, request);
        if (request.endTime() < request.startTime()) {
            throw LogsErrors.invalidParameter("End time must be greater than or equal to start time");
        }
        Query query;
        try {
            query = Parser.parse(request.queryString());
        } catch (MalformedQuery e) {
            throw LogsErrors.malformedQuery(e.getMessage(), e.start(), e.end());
        }
        long endMillis = request.endTime() * 1000 + 999;
        for (LogGroup g : groups) {
            // A window that ends before a group existed, or before its retention keeps events, is refused, not
            // answered empty; the location covers the whole query string.
            if (endMillis < g.creationTime || endMillis < expiry.cutoff(g)) {
                String q = request.queryString();
                int last = Math.max(0, q.length() - 1);
                throw LogsErrors.malformedQuery("Query's end date and time is either before the log groups creation "
                        + "time or exceeds the log groups log retention settings ([0," + last + "])", 0, last);
            }
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        // startTime and endTime are seconds, both inclusive: the whole last second is in the range.
        InsightsQuery q = new InsightsQuery(ids.requestId(), request.queryString(), LANGUAGE, stores.now(), groups,
                request.startTime() * 1000, endMillis, limit, query);
        add(store, q);
        try {
            workers.execute(() -> run(store, q));
        } catch (RejectedExecutionException closing) {
            q.cancel();
            records.query(store, q);
        }
        return StartQueryResponse.builder().queryId(q.queryId).build();
    }

    /** Exactly one of logGroupName, logGroupNames and logGroupIdentifiers, naming at most 50 groups that exist. */
    private static List<LogGroup> groups(LogsStore store, StartQueryRequest request) {
        int given = (request.logGroupName() != null ? 1 : 0) + (request.hasLogGroupNames() ? 1 : 0)
                + (request.hasLogGroupIdentifiers() ? 1 : 0);
        if (given != 1) {
            throw LogsErrors.invalidParameter(
                    "Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified");
        }
        List<String> names = new ArrayList<>();
        if (request.logGroupName() != null) {
            names.add(request.logGroupName());
        } else if (request.hasLogGroupNames()) {
            names.addAll(request.logGroupNames());
        }
        List<String> identifiers = request.hasLogGroupIdentifiers() ? request.logGroupIdentifiers() : List.of();
        if (names.size() + identifiers.size() > MAX_LOG_GROUPS) {
            throw LogsErrors.invalidParameter("A query can include up to " + MAX_LOG_GROUPS + " log groups");
        }
        if (names.isEmpty() && identifiers.isEmpty()) {
            throw LogsErrors.invalidParameter(
                    "Exactly one of logGroupName, logGroupNames or logGroupIdentifiers must be specified");
        }
        Set<LogGroup> out = new LinkedHashSet<>();
        for (String name : names) {
            out.add(store.group(name));
        }
        for (String identifier : identifiers) {
            out.add(Identifiers.group(store, null, identifier));
        }
        for (LogGroup g : out) {
            // The Delivery class "doesn't offer rich CloudWatch Logs capabilities such as CloudWatch Logs Insights
            // queries" (API_CreateLogGroup.html, logGroupClass).
            if (g.logGroupClass.equals("DELIVERY")) {
                throw LogsErrors.invalidParameter("Log group " + g.name + " is in the DELIVERY log class, "
                        + "which CloudWatch Logs Insights does not query.");
            }
        }
        return List.copyOf(out);
    }

    /**
     * A scheduled query's run: a Logs Insights query over {@code groups} and the window, run on the caller's (timer
     * worker) thread and kept like a started one, so GetQueryResults answers its ID. Throws MalformedQuery.
     */
    InsightsQuery runScheduled(LogsStore store, List<LogGroup> groups, String queryString, long startMillis,
            long endMillis) {
        InsightsQuery q = new InsightsQuery(ids.requestId(), queryString, LANGUAGE, stores.now(), groups, startMillis,
                endMillis, DEFAULT_LIMIT, Parser.parse(queryString));
        add(store, q);
        run(store, q);
        return q;
    }

    /** Keeps a new query (and records it); those started over seven days before it are forgotten. */
    private void add(LogsStore store, InsightsQuery q) {
        synchronized (store.queries) {
            // Results are kept for seven days (cloudwatch_limits_cwl.html); older queries are forgotten.
            long expired = q.createTime - RESULTS_KEPT_MILLIS;
            for (var it = store.queries.values().iterator(); it.hasNext();) {
                InsightsQuery old = it.next();
                if (old.createTime < expired) {
                    it.remove();
                    records.queryGone(store, old.queryId);
                }
            }
            store.queries.put(q.queryId, q);
            records.query(store, q);
        }
    }

    private void run(LogsStore store, InsightsQuery q) {
        try {
            runOnce(store, q);
        } finally {
            // Its end (Complete, Failed, or Cancelled meanwhile) is recorded; a restart would otherwise fail it.
            records.query(store, q);
        }
    }

    private void runOnce(LogsStore store, InsightsQuery q) {
        if (!q.start()) {
            return;
        }
        long began = System.nanoTime();
        try {
            List<LogRecord> records = new ArrayList<>();
            long bytes = 0;
            for (LogGroup group : q.groups) {
                long from = Math.max(q.startMillis, expiry.cutoff(group));
                String log = store.account + ":" + group.name;
                for (LogStream stream : group.streams.values()) {
                    for (StoredEvent e : stream.forward(StoredEvent.probe(from, -1), Integer.MAX_VALUE,
                            e -> e.timestamp() <= q.endMillis)) {
                        if (e.timestamp() > q.endMillis) {
                            break;
                        }
                        records.add(new LogRecord(e.timestamp(), e.ingestionTime(), e.insightsMessage(), stream.name, log,
                                LogPointers.encode(group.name, stream.name, e)));
                        bytes += e.size() - StoredEvent.OVERHEAD;
                    }
                }
            }
            Map<String, Set<String>> indexed = new java.util.HashMap<>();
            for (LogGroup group : q.groups) {
                LogGroup.StoredPolicy policy = group.indexPolicy;
                if (policy != null && group.logGroupClass.equals("STANDARD")) {
                    indexed.put(store.account + ":" + group.name,
                            Set.copyOf(FieldIndexes.fields(Policies.checkJson(policy.policyDocument()))));
                }
            }
            Query.Result result = q.query.run(records, q.limit, indexed);
            q.complete(result.rows(), new InsightsQuery.Statistics(result.matched(), records.size(), bytes,
                    q.groups.size()), (System.nanoTime() - began) / 1_000_000);
        } catch (RuntimeException e) {
            q.fail();
        }
    }

    public GetQueryResultsResponse getQueryResults(GetQueryResultsRequest request) {
        InsightsQuery q = query(stores.current(), request.queryId());
        List<Query.Row> rows = q.rows();
        int from = 0;
        if (request.nextToken() != null) {
            try {
                from = Integer.parseInt(PageTokens.decode("results:" + q.queryId, request.nextToken()));
            } catch (NumberFormatException e) {
                throw LogsErrors.invalidToken();
            }
        }
        int max = request.maxItems() == null || request.maxItems() == 0 ? DEFAULT_LIMIT : request.maxItems();
        int to = Math.min(rows.size(), from + max);
        List<List<ResultField>> results = new ArrayList<>();
        for (Query.Row row : rows.subList(Math.min(from, to), to)) {
            List<ResultField> fields = new ArrayList<>();
            row.fields().forEach((k, v) -> fields.add(ResultField.builder().field(k).value(v).build()));
            results.add(fields);
        }
        InsightsQuery.Statistics s = q.statistics();
        return GetQueryResultsResponse.builder().queryLanguage(q.queryLanguage).status(q.status()).results(results)
                .encryptionKey(stores.current().queryResultsKmsKeyId)
                .statistics(QueryStatistics.builder().recordsMatched((double) s.recordsMatched())
                        .recordsScanned((double) s.recordsScanned()).bytesScanned((double) s.bytesScanned())
                        .logGroupsScanned((double) s.logGroupsScanned()).build())
                .nextToken(to < rows.size() ? PageTokens.encode("results:" + q.queryId, Integer.toString(to)) : null)
                .build();
    }

    public StopQueryResponse stopQuery(StopQueryRequest request) {
        InsightsQuery q = query(stores.current(), request.queryId());
        if (!q.cancel()) {
            throw LogsErrors.invalidParameter("Query is not running: " + q.queryId);
        }
        records.query(stores.current(), q);
        return StopQueryResponse.builder().success(true).build();
    }

    /** Newest first; by the log group queried (the first it names), status and language. */
    public DescribeQueriesResponse describeQueries(DescribeQueriesRequest request) {
        LogsStore store = stores.current();
        List<InsightsQuery> all;
        synchronized (store.queries) {
            all = new ArrayList<>(store.queries.values());
        }
        java.util.Collections.reverse(all);
        int skip = 0;
        if (request.nextToken() != null) {
            try {
                skip = Integer.parseInt(PageTokens.decode("queries", request.nextToken()));
            } catch (NumberFormatException e) {
                throw LogsErrors.invalidToken();
            }
        }
        int max = request.maxResults() == null ? 1000 : request.maxResults();
        List<QueryInfo> out = new ArrayList<>();
        int seen = 0;
        boolean more = false;
        for (InsightsQuery q : all) {
            if ((request.logGroupName() != null && !q.groupNames.contains(request.logGroupName()))
                    || (request.statusAsString() != null && !request.statusAsString().equals(q.status()))
                    || (request.queryLanguageAsString() != null
                            && !request.queryLanguageAsString().equals(q.queryLanguage))) {
                continue;
            }
            if (seen++ < skip) {
                continue;
            }
            if (out.size() == max) {
                more = true;
                break;
            }
            out.add(QueryInfo.builder().queryId(q.queryId).queryString(q.queryString).queryLanguage(q.queryLanguage)
                    .status(q.status()).createTime(q.createTime).logGroupName(q.groupNames.get(0))
                    .queryDuration(q.duration()).bytesScanned((double) q.statistics().bytesScanned()).build());
        }
        return DescribeQueriesResponse.builder().queries(out)
                .nextToken(more ? PageTokens.encode("queries", Integer.toString(skip + out.size())) : null).build();
    }

    /** The log groups a query read, by ARN, {@code maxResults} (50 by default) at a time. */
    public ListLogGroupsForQueryResponse listLogGroupsForQuery(ListLogGroupsForQueryRequest request) {
        InsightsQuery q = query(stores.current(), request.queryId());
        int from = 0;
        if (request.nextToken() != null) {
            try {
                from = Integer.parseInt(PageTokens.decode("queryGroups:" + q.queryId, request.nextToken()));
            } catch (NumberFormatException e) {
                throw LogsErrors.invalidToken();
            }
        }
        int max = request.maxResults() == null ? 50 : request.maxResults();
        int to = Math.min(q.groupArns.size(), from + max);
        List<String> out = new ArrayList<>(q.groupArns.subList(Math.min(from, to), to));
        return ListLogGroupsForQueryResponse.builder().logGroupIdentifiers(out)
                .nextToken(to < q.groupArns.size() ? PageTokens.encode("queryGroups:" + q.queryId, Integer.toString(to))
                        : null)
                .build();
    }

    private static InsightsQuery query(LogsStore store, String queryId) {
        InsightsQuery q = store.queries.get(queryId);
        if (q == null) {
            throw LogsErrors.notFound("Query does not exist: " + queryId);
        }
        return q;
    }
}
